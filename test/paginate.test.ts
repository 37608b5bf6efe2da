import { describe, expect, it } from "vitest";
import { AbortError } from "../src/index";
import { json } from "./helpers/recording-fetch";
import { testClient, TOKEN } from "./helpers/test-client";

const API = "https://api.replicate.com/v1";
const pages: Record<string, unknown> = {
  [`${API}/predictions`]: { previous: null, next: `${API}/predictions?cursor=page2`, results: [{ id: "a" }, { id: "b" }] },
  [`${API}/predictions?cursor=page2`]: {
    previous: `${API}/predictions`,
    next: `${API}/predictions?cursor=page3&limit=1`,
    results: [{ id: "c" }],
  },
  [`${API}/predictions?cursor=page3&limit=1`]: { previous: `${API}/predictions?cursor=page2`, next: null, results: [{ id: "d" }] },
};
const servePages = () => testClient((call) => json(pages[call.url.href] ?? { error: `no page at ${call.url.href}` }));

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
}

describe("paginate", () => {
  it("yields each page's results, following absolute next links as-is until next is null", async () => {
    const { replicate, calls } = servePages();
    const results = await collect(replicate.paginate(replicate.predictions.list));
    expect(results).toEqual([[{ id: "a" }, { id: "b" }], [{ id: "c" }], [{ id: "d" }]]);
    expect(calls.map((call) => call.url.href)).toEqual([
      `${API}/predictions`,
      `${API}/predictions?cursor=page2`,
      `${API}/predictions?cursor=page3&limit=1`,
    ]);
    expect(calls.every((call) => call.method === "GET" && call.headers.get("Authorization") === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("yields arrays", async () => {
    const { replicate } = servePages();
    for await (const page of replicate.paginate(replicate.predictions.list)) expect(Array.isArray(page)).toBe(true);
  });

  it("stops after one page when next is null", async () => {
    const { replicate, calls } = testClient(() => json({ next: null, previous: null, results: [1] }));
    expect(await collect(replicate.paginate(replicate.models.list))).toEqual([[1]]);
    expect(calls).toHaveLength(1);
  });

  it("ends quietly when the signal aborts between pages, without requesting the next", async () => {
    const { replicate, calls } = servePages();
    const controller = new AbortController();
    const seen: unknown[] = [];
    for await (const page of replicate.paginate(replicate.predictions.list, { signal: controller.signal })) {
      seen.push(page);
      controller.abort();
    }
    expect(seen).toEqual([[{ id: "a" }, { id: "b" }]]);
    expect(calls).toHaveLength(1);
  });

  it("passes the signal to the first page too", async () => {
    const { replicate, calls } = servePages();
    const iterator = replicate.paginate(replicate.predictions.list, { signal: AbortSignal.abort() });
    await expect(iterator.next()).rejects.toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
  });

  it("rejects on the first next() (not when called) when given something that is not a list method", async () => {
    const { replicate } = testClient();
    const iterator = replicate.paginate("predictions" as never);
    await expect(iterator.next()).rejects.toThrow(/^endpoint must be a function, got "predictions"$/);
  });
});
