/** An event yielded by `replicate.stream()`, as in 1.4.0. */
export class ServerSentEvent {
  // `declare`: assigned in the constructor, so no field initializers need emitting.
  declare event: string;
  // `any` as in 1.4.0: the event's text, or a FileOutput when an `output` event carries a file URL.
  declare data: any;
  declare id?: string;
  declare retry?: number;

  constructor(event: string, data: any, id?: string, retry?: number) {
    this.event = event;
    this.data = data;
    this.id = id;
    this.retry = retry;
  }

  /** `data` as text for `output` events (a FileOutput gives its URL), else `""`. */
  toString(): string {
    return this.event === "output" ? String(this.data) : "";
  }
}
