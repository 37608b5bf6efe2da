import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toDataURI } from "../../src/encoding/data-uri";

const text = (s: string) => new TextEncoder().encode(s);

describe("toDataURI", () => {
  it("builds data:<mime>;base64,<payload> with octet-stream as the default type", () => {
    expect(toDataURI(text("hello"))).toBe("data:application/octet-stream;base64,aGVsbG8=");
    expect(toDataURI(text("hi"), "text/plain")).toBe("data:text/plain;base64,aGk=");
  });

  it("encodes 8 MB of bytes (1.4.0 overflows the stack above ~125 kB)", () => {
    const big = Uint8Array.from({ length: 8 * 1024 * 1024 }, (_, i) => i & 0xff);
    const uri = toDataURI(big, "image/png");
    expect(uri.startsWith("data:image/png;base64,AAECAwQF")).toBe(true);
    expect(uri.slice("data:image/png;base64,".length)).toBe(Buffer.from(big).toString("base64"));
  });

  it("falls back to octet-stream for an empty type", () => {
    expect(toDataURI(text("hi"), "")).toBe("data:application/octet-stream;base64,aGk=");
  });
});

describe("toDataURI against the platform (property)", () => {
  const mimeType = fc.constantFrom("application/octet-stream", "image/png", "text/plain", "audio/wav", "application/json");

  it("decodes, through the platform's own fetch, to the same bytes and type", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), mimeType, async (bytes, type) => {
        const response = await fetch(toDataURI(bytes, type));
        expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
        expect(response.headers.get("content-type")).toBe(type);
      }),
      { numRuns: 150 },
    );
  });
});
