/** A model reference: `owner/name` or `owner/name:version`. */
export interface ModelIdentifier {
  owner: string;
  name: string;
  version?: string;
}

/** Parses a reference with 1.4.0's rules and error text (exec coerces a non-string); `version` is undefined when absent. */
export function parseIdentifier(ref: unknown): ModelIdentifier {
  const match = /^([^/]+)\/([^/:]+)(?::(.+))?$/.exec(ref as string);
  if (!match) {
    throw new Error(`Invalid reference to model version: ${ref}. Expected format: owner/name or owner/name:version`);
  }
  return { owner: match[1]!, name: match[2]!, version: match[3] };
}
