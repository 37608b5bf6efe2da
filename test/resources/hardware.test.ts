import { expect, it } from "vitest";
import { json } from "../helpers/recording-fetch";
import { expectRejectsBeforeRequest, expectRequest, testClient } from "../helpers/test-client";

const skus = [
  { sku: "cpu", name: "CPU" },
  { sku: "gpu-a100-large", name: "Nvidia A100 (80GB) GPU" },
];

it("hardware.list GETs /hardware and resolves with the array as sent", async () => {
  const { replicate, calls } = testClient(() => json(skus));
  await expect(replicate.hardware.list()).resolves.toEqual(skus);
  expectRequest(calls[0], { method: "GET", path: "/v1/hardware" });
});

it("hardware.list works detached", async () => {
  const { replicate, calls } = testClient(() => json(skus));
  const { list } = replicate.hardware;
  await list();
  expect(calls[0]!.path).toBe("/v1/hardware");
});

it("hardware.list rejects bad trailing options before any request", async () => {
  const { replicate, calls } = testClient();
  await expectRejectsBeforeRequest(calls, () => replicate.hardware.list([] as never), /options must be an object/);
});
