/**
 * The slice of nock's API that 1.4.0's test suite uses, on top of msw, so its cases read as they
 * did. Interceptors match in the order they were defined, each once (`twice()` twice, `persist()`
 * forever), on method, full URL (query included, as nock) and an optional body predicate. A request
 * nothing matches is recorded in `unmatched` and fails like a network error, as under
 * `nock.disableNetConnect()`; nothing ever reaches the network.
 */
import { STATUS_CODES } from "node:http";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";

type Body = unknown;
type ReplyBody = Body | ((uri: string, body: Body) => Body);

interface Interceptor {
  method: string;
  url: string;
  matchBody?: (body: Body) => unknown;
  times: number;
  matched: number;
  status: number;
  body: ReplyBody;
  headers: Record<string, string>;
  scope: Scope;
}

const interceptors: Interceptor[] = [];
export const unmatched: { method: string; url: string; body: string }[] = [];

function parse(text: string): Body {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const server = setupServer(
  http.all("*", async ({ request }) => {
    const text = await request.clone().text();
    const body = parse(text);
    const interceptor = interceptors.find(
      (i) =>
        i.method === request.method &&
        i.url === request.url &&
        (i.scope.persisted || i.matched < i.times) &&
        (!i.matchBody || i.matchBody(body)),
    );
    if (!interceptor) {
      unmatched.push({ method: request.method, url: request.url, body: text });
      return HttpResponse.error();
    }
    interceptor.matched++;
    const path = new URL(request.url).pathname + new URL(request.url).search;
    const reply = typeof interceptor.body === "function" ? interceptor.body(path, body) : interceptor.body;
    const isText = typeof reply === "string";
    return new HttpResponse(isText ? reply : JSON.stringify(reply), {
      status: interceptor.status,
      statusText: STATUS_CODES[interceptor.status],
      headers: { ...(isText ? {} : { "Content-Type": "application/json" }), ...interceptor.headers },
    });
  }),
);

class Scope {
  persisted = false;
  #last: Interceptor[] = [];

  constructor(readonly base: string) {}

  #intercept(method: string, path: string, matchBody?: (body: Body) => unknown) {
    const scope = this;
    const interceptor: Interceptor = { method, url: new URL(this.base + path).href, matchBody, times: 1, matched: 0, status: 200, body: "", headers: {}, scope };
    return {
      times(n: number) {
        interceptor.times = n;
        return this;
      },
      twice() {
        return this.times(2);
      },
      reply(status: number, body: ReplyBody = "", headers: Record<string, string> = {}): Scope {
        Object.assign(interceptor, { status, body, headers });
        interceptors.push(interceptor);
        scope.#last.push(interceptor);
        return scope;
      },
    };
  }

  get(path: string) {
    return this.#intercept("GET", path);
  }

  post(path: string, matchBody?: (body: Body) => unknown) {
    return this.#intercept("POST", path, matchBody);
  }

  /** As nock's scope-level persist: every interceptor of the scope keeps matching. */
  persist(): Scope {
    this.persisted = true;
    return this;
  }

  /** Throws unless every interceptor of this scope was matched (at least once when persisted). */
  done(): void {
    const pending = this.#last.filter((i) => i.matched < (this.persisted ? 1 : i.times));
    if (pending.length > 0) {
      throw new Error(`Mocks not yet satisfied:\n${pending.map((i) => `${i.method} ${i.url}`).join("\n")}`);
    }
  }
}

export function nock(base: string): Scope {
  return new Scope(base);
}

/** nock.cleanAll(): forget every interceptor and unmatched request. */
export function cleanAll(): void {
  interceptors.length = 0;
  unmatched.length = 0;
}
