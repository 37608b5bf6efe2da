import { describe, expect, it } from "vitest";
import { ServerSentEvent } from "../src/server-sent-event";

describe("ServerSentEvent", () => {
  it("keeps event, data, id and retry as given", () => {
    const event = new ServerSentEvent("output", "hi", "p1:0", 3000);
    expect({ ...event }).toEqual({ event: "output", data: "hi", id: "p1:0", retry: 3000 });
    expect(new ServerSentEvent("done", "{}").id).toBeUndefined();
  });

  it("stringifies an output event to its data", () => {
    expect(new ServerSentEvent("output", "héllo 世界 🎉").toString()).toBe("héllo 世界 🎉");
    expect(`${new ServerSentEvent("output", "")}`).toBe("");
  });

  it("stringifies logs, done and error events to the empty string", () => {
    for (const type of ["logs", "done", "error", "message"]) {
      expect(String(new ServerSentEvent(type, "not output"))).toBe("");
    }
  });

  it("joins a stream's events into the output text", () => {
    const events = [
      new ServerSentEvent("output", "The "),
      new ServerSentEvent("logs", "step 1"),
      new ServerSentEvent("output", "answer"),
      new ServerSentEvent("done", "{}"),
    ];
    expect(events.join("")).toBe("The answer");
  });

  it("stringifies file output data to its URL", () => {
    const file = { toString: () => "https://replicate.delivery/out.png" };
    expect(`${new ServerSentEvent("output", file)}`).toBe("https://replicate.delivery/out.png");
  });
});
