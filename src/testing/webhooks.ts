import type { WebhookEventType } from "../types";
import type { Now } from "./clock";
import type { Ids } from "./ids";

/** A webhook the fake sent (or tried to): what, where, and how it went. */
export interface WebhookDelivery {
  /** The `webhook-id` header, `msg_...`. */
  id: string;
  url: string;
  event: WebhookEventType;
  /** The `webhook-timestamp` header, in Unix seconds. */
  timestamp: number;
  body: string;
  /** The receiver's response status, when it answered with a `Response`. */
  status?: number;
  error?: string;
}

/** Where signed webhooks go: a callback given the `Request`, else a `fetch` to the webhook URL. */
export interface WebhookTransport {
  onWebhook?: (request: Request) => unknown;
  webhookFetch?: typeof fetch;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** `v1,<base64 HMAC-SHA256>` over `${id}.${timestamp}.${body}`, keyed by the secret after `whsec_` (Svix's scheme). */
export async function signWebhook(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const key = fromBase64(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret);
  const hmac = { name: "HMAC", hash: "SHA-256" };
  const cryptoKey = await crypto.subtle.importKey("raw", key, hmac, false, ["sign"]);
  const payload = new TextEncoder().encode(`${id}.${timestamp}.${body}`);
  return `v1,${toBase64(new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, payload)))}`;
}

/** Sends signed webhooks, in order per run, and records every attempt. */
export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    readonly secret: string,
    private readonly transport: WebhookTransport,
    private readonly ids: Ids,
    private readonly now: Now,
  ) {}

  send(runId: string, url: string, event: WebhookEventType, body: string): void {
    const previous = this.chains.get(runId) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(url, event, body));
    this.chains.set(runId, next);
    void next.finally(() => {
      if (this.chains.get(runId) === next) this.chains.delete(runId);
    });
  }

  /** Resolves once every queued webhook has been delivered or has failed. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all(this.chains.values());
  }

  clear(): void {
    this.deliveries.length = 0;
  }

  private async deliver(url: string, event: WebhookEventType, body: string): Promise<void> {
    const record: WebhookDelivery = { id: `msg_${this.ids.id()}`, url, event, timestamp: Math.floor(this.now() / 1000), body };
    this.deliveries.push(record);
    try {
      const headers = {
        "content-type": "application/json",
        "webhook-id": record.id,
        "webhook-timestamp": String(record.timestamp),
        "webhook-signature": await signWebhook(this.secret, record.id, record.timestamp, body),
      };
      const init = { method: "POST", headers, body };
      // Read `globalThis.fetch` at delivery time, so a test's stub installed later is used.
      const result = this.transport.onWebhook
        ? await this.transport.onWebhook(new Request(url, init))
        : await (this.transport.webhookFetch ?? globalThis.fetch)(url, init);
      if (result instanceof Response) {
        record.status = result.status;
        await result.body?.cancel();
      }
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
  }
}
