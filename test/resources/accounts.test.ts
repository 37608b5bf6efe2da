import { expect, it } from "vitest";
import { json } from "../helpers/recording-fetch";
import { expectRejectsBeforeRequest, expectRequest, testClient } from "../helpers/test-client";

const account = { type: "user", username: "ada", name: "Ada", github_url: "https://github.com/ada" };

it("accounts.current GETs /account and resolves with the account", async () => {
  const { replicate, calls } = testClient(() => json(account));
  await expect(replicate.accounts.current()).resolves.toEqual(account);
  expect(calls).toHaveLength(1);
  expectRequest(calls[0], { method: "GET", path: "/v1/account" });
});

it("accounts.current works detached", async () => {
  const { replicate, calls } = testClient(() => json(account));
  const { current } = replicate.accounts;
  await expect(current()).resolves.toEqual(account);
  expect(calls[0]!.path).toBe("/v1/account");
});

it("accounts.current rejects bad trailing options before any request", async () => {
  const { replicate, calls } = testClient();
  await expectRejectsBeforeRequest(calls, () => replicate.accounts.current({ timeout: -1 }), /timeout/);
});
