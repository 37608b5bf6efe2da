// Stands in for Next.js in the README's webhook route (resolved through tsconfig `paths`).
export const NextResponse = {
  /** @param {unknown} body @param {{ status?: number }} [init] */
  json: (body, init) => Response.json(body, init),
};
