// What the README's snippets take from their surroundings: the variables its reference section
// leaves to the reader, and the third-party modules its examples import. Nothing here describes
// `replicate`: its types come from the built package. (A script, so these are global.)
declare module "next/server" {
  export const NextResponse: { json(body: unknown, init?: { status?: number }): Response };
}
declare module "fetch" {
  const fetch: typeof globalThis.fetch;
  export = fetch;
}
declare module "cross-fetch" {
  const fetch: typeof globalThis.fetch;
  export default fetch;
}

declare const identifier: `${string}/${string}:${string}`;
declare const progress: (prediction: import("replicate").Prediction) => void;
declare const model_owner: string;
declare const model_name: string;
declare const version_id: string;
declare const query: string;
declare const collection_slug: string;
declare const prediction_id: string;
declare const training_id: string;
declare const deployment_owner: string;
declare const deployment_name: string;
declare const deploymentOwner: string;
declare const deploymentName: string;
declare const file_id: string;
declare const file: Blob;
declare const metadata: Record<string, unknown>;
declare const route: string;
declare const parameters: { method?: string; params?: Record<string, unknown> };
// Each reference entry documents a different `options` table; the snippets pass it through.
declare const options: any;
