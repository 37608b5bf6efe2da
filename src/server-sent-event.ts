/** An event yielded by `replicate.stream()`, as in 1.4.0. */
export class ServerSentEvent {
  constructor(
    public event: string,
    // `any` as in 1.4.0: the event's text, or a FileOutput when an `output` event carries a file URL.
    public data: any,
    public id?: string,
    public retry?: number,
  ) {}

  /** `data` as text for `output` events (a FileOutput gives its URL), else `""`. */
  toString(): string {
    return this.event === "output" ? String(this.data) : "";
  }
}
