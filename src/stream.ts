/** One dispatched server-sent event; `retry` is the last `retry:` value seen in the stream, if any. */
export interface ParsedEvent {
  event: string;
  data: string;
  id?: string;
  retry?: number;
}

/** Callbacks of {@link createParser}; `onRetry` gets each valid `retry:` value, `onComment` each comment. */
export interface ParserCallbacks {
  onEvent(event: ParsedEvent): void;
  onRetry?(retry: number): void;
  onComment?(comment: string): void;
}

/** A push parser: `feed` text in any chunking, `end` at end of stream, `reset` to forget all state. */
export interface EventStreamParser {
  feed(text: string): void;
  end(): void;
  reset(): void;
}

const LF = 10;
const CR = 13;
const BOM = 0xfeff;
const find = (text: string, char: string, from: number): number => {
  const i = text.indexOf(char, from);
  return i < 0 ? text.length : i;
};

/**
 * Create a WHATWG event-stream parser. It reads each fed character once, so total work is linear in
 * the stream length however it is chunked (1.4.0's parser rescanned its buffer on every chunk).
 */
export function createParser({ onEvent, onRetry, onComment }: ParserCallbacks): EventStreamParser {
  // The incomplete last line. Only appended to until its line break arrives: V8 joins the pieces
  // once then, however many there were.
  let pending: string;
  // The character a chunk may start with that is not content: a BOM at the very start of the
  // stream, an LF completing a CRLF split across chunks; -1 for none.
  let skip: number;
  let type: string;
  let data: string | undefined; // undefined: empty data buffer, so nothing to dispatch
  let id: string | undefined;
  let retry: number | undefined;

  function reset(): void {
    pending = type = "";
    skip = BOM;
    data = id = retry = undefined;
  }

  function line(text: string): void {
    if (text === "") {
      if (data !== undefined) {
        const event: ParsedEvent = { event: type || "message", data };
        if (id !== undefined) event.id = id;
        if (retry !== undefined) event.retry = retry;
        data = undefined;
        onEvent(event);
      }
      type = "";
      return;
    }
    const colon = text.indexOf(":");
    // The spec strips one space after the colon; a line without colon is a field with value "".
    const value = colon < 0 ? "" : text.slice(text.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1);
    switch (colon < 0 ? text : text.slice(0, colon)) {
      case "data":
        data = data === undefined ? value : `${data}\n${value}`;
        break;
      case "event":
        type = value;
        break;
      case "id":
        if (!value.includes("\0")) id = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) onRetry?.((retry = +value));
        break;
      case "":
        onComment?.(value);
    }
  }

  function feed(text: string): void {
    const len = text.length;
    let start = text.charCodeAt(0) === skip ? 1 : 0;
    if (len) skip = -1;
    // Next LF and CR positions (len: none left) are cached, so no character is searched twice.
    let lf = -1;
    let cr = -1;
    while (start < len) {
      if (lf < start) lf = find(text, "\n", start);
      if (cr < start) cr = find(text, "\r", start);
      const end = lf < cr ? lf : cr;
      if (end === len) break;
      line(pending + text.slice(start, end));
      pending = "";
      start = end + 1;
      // CRLF is one line break, also when the chunk ends between the two.
      if (end === cr) {
        if (start === len) skip = LF;
        else if (start === lf) start++;
      }
    }
    pending += text.slice(start);
  }

  reset();
  return {
    feed,
    end() {
      // Deviation from the spec, which drops an event not followed by a blank line: deliver it.
      if (pending) line(pending);
      line("");
      reset();
    },
    reset,
  };
}
