import { describe, expect, it } from "vitest";
import { isFileLike, toNamedBlob, viewBytes } from "../../src/files/file-like";

describe("isFileLike", () => {
  it.each([
    ["Blob", new Blob([]), true],
    ["File", new File([], "a.txt"), true],
    ["Buffer", Buffer.from("x"), true],
    ["Uint8Array", new Uint8Array(1), true],
    ["Float64Array", new Float64Array(1), true],
    ["DataView", new DataView(new ArrayBuffer(1)), true],
    ["ArrayBuffer", new ArrayBuffer(1), true],
    ["string", "data:,x", false],
    ["plain object", { 0: 104 }, false],
    ["array of bytes", [104, 105], false],
    ["null", null, false],
  ])("%s → %s", (_name, value, expected) => {
    expect(isFileLike(value)).toBe(expected);
  });
});

describe("viewBytes", () => {
  it("views exactly the bytes of a typed array slice, without copying", () => {
    const backing = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]);
    const view = viewBytes(new Uint16Array(backing.buffer, 2, 2));
    expect(view).toEqual(new Uint8Array([2, 3, 4, 5]));
    backing[2] = 99;
    expect(view[0]).toBe(99);
  });

  it("views a whole ArrayBuffer", () => {
    expect(viewBytes(new Uint8Array([7, 8]).buffer)).toEqual(new Uint8Array([7, 8]));
  });
});

describe("toNamedBlob", () => {
  it("keeps a File's name and type, and the Blob itself", async () => {
    const file = new File(["hi"], "photo.jpg", { type: "image/jpeg" });
    const [blob, filename] = toNamedBlob(file);
    expect(blob).toBe(file);
    expect(filename).toBe("photo.jpg");
  });

  it("names a Blob blob_<ms> and bytes buffer_<ms>, typing bytes application/octet-stream", async () => {
    const before = Date.now();
    expect(toNamedBlob(new Blob(["x"]))[1]).toMatch(/^blob_\d+$/);
    const [blob, filename] = toNamedBlob(new Uint8Array([1, 2, 3]).subarray(1));
    expect(Number(filename.slice("buffer_".length))).toBeGreaterThanOrEqual(before);
    expect(blob.type).toBe("application/octet-stream");
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([2, 3]));
  });

  it("accepts views of a SharedArrayBuffer (the DOM typings and some runtimes refuse them in Blob())", async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(2));
    shared.set([5, 6]);
    expect(new Uint8Array(await toNamedBlob(shared)[0].arrayBuffer())).toEqual(new Uint8Array([5, 6]));
  });
});
