import { expect, it } from "vitest";
import { json } from "../helpers/recording-fetch";
import { expectRejectsBeforeRequest, expectRequest, testClient } from "../helpers/test-client";

const collection = { name: "Super resolution", slug: "super-resolution", description: "Upscale", models: [] };

it("collections.list GETs /collections and resolves with the page", async () => {
  const page = { next: null, previous: null, results: [collection] };
  const { replicate, calls } = testClient(() => json(page));
  await expect(replicate.collections.list()).resolves.toEqual(page);
  expectRequest(calls[0], { method: "GET", path: "/v1/collections" });
});

it("collections.get GETs /collections/{slug} with the slug percent-encoded", async () => {
  const { replicate, calls } = testClient(() => json(collection));
  await expect(replicate.collections.get("super-resolution")).resolves.toEqual(collection);
  await replicate.collections.get("a/../b");
  expectRequest(calls[0], { method: "GET", path: "/v1/collections/super-resolution" });
  expectRequest(calls[1], { method: "GET", path: "/v1/collections/a%2F..%2Fb" });
});

it.each(["", undefined, 3])("collections.get rejects the slug %j before any request", async (slug) => {
  const { replicate, calls } = testClient();
  await expectRejectsBeforeRequest(
    calls,
    () => replicate.collections.get(slug as never),
    /collection_slug must be a non-empty string/,
  );
});

it("collections methods work detached", async () => {
  const { replicate, calls } = testClient(() => json(collection));
  const { list, get } = replicate.collections;
  await list();
  await get("audio");
  expect(calls.map((call) => call.path)).toEqual(["/v1/collections", "/v1/collections/audio"]);
});
