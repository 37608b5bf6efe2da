import { expect, it } from "vitest";
import { json } from "../helpers/recording-fetch";
import { expectRejectsBeforeRequest, expectRequest, testClient } from "../helpers/test-client";

const secret = { key: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" };

it("webhooks.default.secret.get GETs /webhooks/default/secret and resolves with {key}", async () => {
  const { replicate, calls } = testClient(() => json(secret));
  await expect(replicate.webhooks.default.secret.get()).resolves.toEqual(secret);
  expectRequest(calls[0], { method: "GET", path: "/v1/webhooks/default/secret" });
});

it("webhooks.default.secret.get works detached", async () => {
  const { replicate, calls } = testClient(() => json(secret));
  const { get } = replicate.webhooks.default.secret;
  await get();
  expect(calls[0]!.path).toBe("/v1/webhooks/default/secret");
});

it("webhooks.default.secret.get rejects bad trailing options before any request", async () => {
  const { replicate, calls } = testClient();
  await expectRejectsBeforeRequest(calls, () => replicate.webhooks.default.secret.get({ signal: 1 } as never), /signal/);
});
