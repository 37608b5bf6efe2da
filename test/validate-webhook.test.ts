import { createHmac, webcrypto } from "node:crypto";
import { createRequire } from "node:module";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { validateWebhook } from "../src/validate-webhook";

const require = createRequire(import.meta.url);
const Replicate14 = require("replicate-1.4.0") as { validateWebhook(...args: unknown[]): Promise<boolean> };

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const timestamp = "1614265330";
const body = '{"test": 2432232314}';
const signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
const fields = { id, timestamp, signature, body, secret };
const headers = { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature };

const sign = (content: string, ts = timestamp, key = secret.slice("whsec_".length)) =>
  `v1,${createHmac("sha256", Buffer.from(key, "base64")).update(`${id}.${ts}.${content}`).digest("base64")}`;
const post = (init: { body?: BodyInit; headers?: Record<string, string> } = {}) =>
  new Request("http://localhost/webhooks", { method: "POST", headers: init.headers ?? headers, body: init.body ?? body });
const streamOf = (text: string) => new Blob([text]).stream();

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("validateWebhook: the known-answer vector", () => {
  it("validates in the object form", async () => {
    expect(await validateWebhook(fields)).toBe(true);
  });

  it("validates a Request and leaves its body readable (1.4.0 consumes it)", async () => {
    const ours = post();
    expect(await validateWebhook(ours, secret)).toBe(true);
    expect(ours.bodyUsed).toBe(false);
    expect(await ours.text()).toBe(body);

    const theirs = post();
    expect(await Replicate14.validateWebhook(theirs, secret)).toBe(true);
    expect(theirs.bodyUsed).toBe(true);
  });

  it("validates with Headers, with plain-object headers, and with header names in any case", async () => {
    expect(await validateWebhook({ headers: new Headers(headers), body }, secret)).toBe(true);
    expect(await validateWebhook({ headers, body }, secret)).toBe(true);
    const shouted = { "Webhook-Id": id, "WEBHOOK-TIMESTAMP": timestamp, "webhook-Signature": signature };
    expect(await validateWebhook({ headers: shouted, body }, secret)).toBe(true);
  });

  it("reads the body from a string, Uint8Array, ArrayBuffer, Blob, ReadableStream and Node Readable", async () => {
    const bytes = new TextEncoder().encode(body);
    for (const input of [body, bytes, bytes.buffer, new Blob([body]), streamOf(body), Readable.from([bytes])]) {
      expect(await validateWebhook({ ...fields, body: input })).toBe(true);
    }
    expect(await validateWebhook({ headers, body: streamOf(body) }, secret)).toBe(true);
  });

  it("validates an ArrayBuffer body, which 1.4.0 JSON-stringifies to {}", async () => {
    const buffer = new TextEncoder().encode(body).buffer;
    expect(await validateWebhook({ ...fields, body: buffer })).toBe(true);
    expect(await Replicate14.validateWebhook({ ...fields, body: buffer })).toBe(false);
  });

  it("JSON-stringifies an object body", async () => {
    const parsed = { test: 2432232314 };
    expect(await validateWebhook({ ...fields, body: parsed, signature: sign(JSON.stringify(parsed)) })).toBe(true);
    expect(await validateWebhook({ ...fields, body: parsed })).toBe(false);
  });

  it("uses the whole secret as the key when it has no whsec_ prefix", async () => {
    expect(await validateWebhook({ ...fields, secret: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" })).toBe(true);
  });
});

describe("validateWebhook: signatures", () => {
  it("accepts when a later space-separated v1 signature matches", async () => {
    const several = `v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= ${signature}`;
    expect(await validateWebhook({ ...fields, signature: several })).toBe(true);
  });

  it("rejects a tampered body and a wrong secret", async () => {
    expect(await validateWebhook({ ...fields, body: '{"test": 2432232315}' })).toBe(false);
    expect(await validateWebhook({ ...fields, secret: "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })).toBe(false);
  });

  it("counts only v1 signatures, where 1.4.0 accepts any prefix", async () => {
    for (const prefix of ["v2,", "x,", ","]) {
      const other = signature.replace("v1,", prefix);
      expect(await validateWebhook({ ...fields, signature: other }), prefix).toBe(false);
      expect(await Replicate14.validateWebhook({ ...fields, signature: other }), prefix).toBe(true);
    }
    expect(await validateWebhook({ ...fields, signature: signature.slice(3) })).toBe(false);
  });
});

describe("validateWebhook: crypto and options", () => {
  it("uses a Crypto passed last in either form, or inside options", async () => {
    const subtle = webcrypto.subtle;
    const counting = { subtle: { importKey: vi.fn(subtle.importKey.bind(subtle)), sign: vi.fn(subtle.sign.bind(subtle)) } };
    expect(await validateWebhook(fields, counting)).toBe(true);
    expect(await validateWebhook({ headers, body }, secret, counting)).toBe(true);
    expect(await validateWebhook(fields, { crypto: counting })).toBe(true);
    expect(counting.subtle.sign).toHaveBeenCalledTimes(3);
    expect(await validateWebhook(fields, globalThis.crypto)).toBe(true);
  });

  it("asks for node:crypto's webcrypto when no crypto is available", async () => {
    vi.stubGlobal("crypto", undefined);
    await expect(validateWebhook(fields)).rejects.toThrow('require("node:crypto").webcrypto');
    expect(await validateWebhook(fields, webcrypto)).toBe(true);
    expect(await validateWebhook({ headers, body }, secret, { crypto: webcrypto })).toBe(true);
  });

  it("ignores timestamps by default, so the 2021 vector still validates", async () => {
    expect(await validateWebhook(fields, {})).toBe(true);
  });

  it("with a tolerance, rejects the old vector and accepts a freshly signed webhook", async () => {
    expect(await validateWebhook(fields, { tolerance: 300 })).toBe(false);
    const now = String(Math.floor(Date.now() / 1000));
    const fresh = { ...fields, timestamp: now, signature: sign(body, now) };
    expect(await validateWebhook(fresh, { tolerance: 300 })).toBe(true);
  });

  it("applies the tolerance on both sides of the injected clock", async () => {
    const at = (offsetSeconds: number) => ({ tolerance: 300, now: () => (Number(timestamp) + offsetSeconds) * 1000 });
    expect(await validateWebhook(fields, at(300))).toBe(true);
    expect(await validateWebhook(fields, at(-300))).toBe(true);
    expect(await validateWebhook(fields, at(301))).toBe(false);
    expect(await validateWebhook(fields, at(-301))).toBe(false);
  });

  it("with a tolerance, returns false for a non-numeric timestamp and throws for a bad tolerance", async () => {
    const odd = { ...fields, timestamp: "soon", signature: sign(body, "soon") };
    expect(await validateWebhook(odd)).toBe(true);
    expect(await validateWebhook(odd, { tolerance: 300 })).toBe(false);
    await expect(validateWebhook(fields, { tolerance: -1 })).rejects.toThrow(TypeError);
  });
});

describe("validateWebhook: missing or malformed parts", () => {
  it("names each missing header, where 1.4.0 names none", async () => {
    for (const name of Object.keys(headers)) {
      const partial = Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
      await expect(validateWebhook({ headers: partial, body }, secret)).rejects.toThrow(
        `Missing required webhook headers: ${name}`,
      );
      await expect(validateWebhook(post({ headers: partial }), secret)).rejects.toThrow(name);
    }
    await expect(validateWebhook({ ...fields, id: "", signature: "" })).rejects.toThrow(
      "Missing required webhook headers: webhook-id, webhook-signature",
    );
    await expect(Replicate14.validateWebhook({ ...fields, id: "" })).rejects.toThrow(
      /^Missing required webhook headers$/,
    );
  });

  it("throws for a missing body and a missing secret", async () => {
    await expect(validateWebhook({ ...fields, body: "" })).rejects.toThrow("Missing required body");
    await expect(validateWebhook({ headers, body: undefined }, secret)).rejects.toThrow("Missing required body");
    await expect(validateWebhook({ ...fields, secret: "" })).rejects.toThrow("Missing required secret");
  });

  it("keeps 1.4.0's error for a non-string secret in the request form", async () => {
    const notASecret = webcrypto as unknown as string;
    await expect(validateWebhook({ headers, body }, notASecret)).rejects.toThrow(
      "Unexpected value for secret passed to validateWebhook, expected a string",
    );
  });

  it("throws a clear error for a secret that is not base64, without echoing it", async () => {
    const error = await validateWebhook({ ...fields, secret: "whsec_not*base64!" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Malformed webhook secret/);
    expect((error as Error).message).not.toContain("not*base64");
    await expect(validateWebhook({ ...fields, secret: "whsec_" })).rejects.toThrow(/^Malformed webhook secret/);
  });

  it("rejects a body of an unsupported type", async () => {
    await expect(validateWebhook({ ...fields, body: 42 as unknown as string })).rejects.toThrow("Invalid body type");
  });
});
