import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDataURI, toDataURI } from "../../src/encoding/data-uri";

const text = (s: string) => new TextEncoder().encode(s);
const decoded = (uri: string) => new TextDecoder().decode(parseDataURI(uri).bytes);

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

  it("round-trips through parseDataURI", () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) & 0xff);
    const parsed = parseDataURI(toDataURI(bytes, "audio/wav"));
    expect(parsed.mimeType).toBe("audio/wav");
    expect(Array.from(parsed.bytes)).toEqual(Array.from(bytes));
  });
});

describe("parseDataURI", () => {
  it("decodes a base64 payload and keeps MIME parameters", () => {
    const parsed = parseDataURI("data:text/plain;charset=utf-8;base64,aMOpbGxv");
    expect(parsed.mimeType).toBe("text/plain;charset=utf-8");
    expect(new TextDecoder().decode(parsed.bytes)).toBe("héllo");
  });

  it("percent-decodes a non-base64 payload to bytes", () => {
    expect(decoded("data:,Hello%2C%20World%21")).toBe("Hello, World!");
    expect(Array.from(parseDataURI("data:application/octet-stream,%FF%00a").bytes)).toEqual([255, 0, 97]);
    expect(decoded("data:,100%25 and 50%zz")).toBe("100% and 50%zz");
    expect(decoded("data:,é")).toBe("é");
  });

  it("defaults the type to text/plain;charset=US-ASCII and completes a bare ;charset", () => {
    expect(parseDataURI("data:,x").mimeType).toBe("text/plain;charset=US-ASCII");
    expect(parseDataURI("data:;base64,eA==").mimeType).toBe("text/plain;charset=US-ASCII");
    expect(parseDataURI("data:;charset=utf-8,x").mimeType).toBe("text/plain;charset=utf-8");
    expect(parseDataURI("data:not a mime,x").mimeType).toBe("text/plain;charset=US-ASCII");
  });

  it("accepts the scheme and ;base64 in any case, and whitespace around the type", () => {
    const parsed = parseDataURI("DATA: image/gif ;BASE64,R0lG");
    expect(parsed.mimeType).toBe("image/gif");
    expect(new TextDecoder().decode(parsed.bytes)).toBe("GIF");
  });

  it("decodes percent-escapes and whitespace inside a base64 payload", () => {
    expect(decoded("data:text/plain;base64,aGVs%0AbG8%3D")).toBe("hello");
  });

  it("throws a TypeError naming the problem for malformed input", () => {
    const expected = 'Invalid data URI. Expected format: data:[<mediatype>][;base64],<data>';
    expect(() => parseDataURI("https://example.com/a.png")).toThrow(expected);
    expect(() => parseDataURI("data:text/plain;base64")).toThrow(expected);
    expect(() => parseDataURI("data:;base64,not*base64")).toThrow(/Invalid base64/);
    expect(() => parseDataURI(42 as unknown as string)).toThrow(TypeError);
  });
});

describe("parseDataURI against the platform (property)", () => {
  // Text the URL parser keeps as it is: no tab or newline (removed), no "#" (a fragment), no
  // leading or trailing C0 control or space (stripped); percent-escapes of every kind mixed in.
  const piece = fc.oneof(
    fc.string({ unit: "binary", maxLength: 6 }),
    fc.constantFrom("%", "%2", "%41", "%zz", "%e9", "%C3%A9", "%%41", "%25", "%2541", "%u0041", "%FF", "+/=", " ", "é", "😀"),
  );
  const text = fc
    .array(piece, { maxLength: 8 })
    .map((parts) => parts.join("").replace(/[\t\n\r#]/g, ""))
    .filter((s) => !/^[\0- ]|[\0- ]$/.test(s));

  it("percent-decodes a payload to the bytes the platform's fetch gives", async () => {
    await fc.assert(
      fc.asyncProperty(text, async (payload) => {
        const uri = `data:application/octet-stream,${payload}`;
        const response = await fetch(uri);
        expect(parseDataURI(uri).bytes).toEqual(new Uint8Array(await response.arrayBuffer()));
      }),
      { numRuns: 300 },
    );
  });

  it("decodes base64 with percent-escapes and whitespace in it as the platform's fetch does", async () => {
    const escaped = fc.tuple(fc.uint8Array({ maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 })).map(([bytes, at]) => {
      const chars = [...Buffer.from(bytes).toString("base64")];
      // Each chosen character once: percent-encoded, or preceded by a space.
      for (const i of new Set(at.map((n) => n % Math.max(chars.length, 1)))) {
        if (chars[i]) chars[i] = i % 3 ? `%${chars[i].charCodeAt(0).toString(16)}` : ` ${chars[i]}`;
      }
      return { bytes, payload: chars.join("") };
    });
    await fc.assert(
      fc.asyncProperty(escaped, async ({ bytes, payload }) => {
        const uri = `data:application/octet-stream;base64,${payload}`;
        const response = await fetch(uri);
        expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
        expect(parseDataURI(uri).bytes).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it("turns a lone surrogate into U+FFFD's bytes, as the URL parser does", async () => {
    const uri = "data:,a\ud800b";
    expect(parseDataURI(uri).bytes).toEqual(new Uint8Array(await (await fetch(uri)).arrayBuffer()));
    expect(Array.from(parseDataURI(uri).bytes)).toEqual([0x61, 0xef, 0xbf, 0xbd, 0x62]);
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

  it("round-trips through parseDataURI for any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), mimeType, (bytes, type) => {
        expect(parseDataURI(toDataURI(bytes, type))).toEqual({ mimeType: type, bytes });
      }),
    );
  });
});
