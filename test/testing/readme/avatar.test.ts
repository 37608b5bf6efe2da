// avatar.test.ts
import { beforeEach, expect, it } from "vitest";
import Replicate, { ApiError } from "../../../src/index";
import { createFakeReplicate } from "../../../src/testing/index";
import { createAvatar, greet } from "./avatar";

const fake = createFakeReplicate();

// A model is a function of its input. Blob or Uint8Array outputs become downloadable file URLs.
fake.model("black-forest-labs/flux-schnell", async (input, context) => {
  for (let step = 1; step <= 4; step++) context.progress(step, 4); // tqdm-style lines in `logs`
  if (input.prompt.includes("forbidden")) context.fail("NSFW content detected");
  return [new Blob(["not really a png"], { type: "image/png" })];
});

// An async iterable streams: each chunk is an SSE `output` event.
fake.model("meta/meta-llama-3-8b-instruct", async function* (input) {
  yield* ["Hello", ", ", input.prompt.replace("Greet ", ""), "!"];
});

const replicate = new Replicate({ auth: "r8_test", fetch: fake.fetch });

// Forget predictions, files, recorded requests and faults between tests; models stay registered.
beforeEach(() => fake.reset());

it("creates an avatar from the model's file output", async () => {
  const avatar = await createAvatar(replicate, "Ada");
  expect(avatar.url).toMatch(/^https:\/\/replicate\.delivery\//);
  expect(avatar.bytes).toBe(16);
  expect(fake.predictions[0]).toMatchObject({
    status: "succeeded",
    input: { prompt: "a friendly avatar for Ada", num_outputs: 1 },
  });
});

it("streams a greeting token by token", async () => {
  expect(await greet(replicate, "Ada")).toBe("Hello, Ada!");
});

it("reports a failed prediction", async () => {
  await expect(createAvatar(replicate, "forbidden")).rejects.toThrow(
    "Prediction failed: NSFW content detected",
  );
});

it("recovers from rate limiting", async () => {
  fake.faults.next({ method: "POST", status: 429, retryAfter: 1 });
  await createAvatar(replicate, "Ada");
  const creates = fake.requests.filter((request) => request.method === "POST");
  expect(creates).toHaveLength(2); // the client waited 1 s and sent it again
});

it("surfaces an outage", async () => {
  fake.faults.next({ method: "POST", status: 503, detail: "Service unavailable" });
  await expect(createAvatar(replicate, "Ada")).rejects.toBeInstanceOf(ApiError);
});
