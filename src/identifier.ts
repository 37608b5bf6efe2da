/** A model reference: `owner/name` or `owner/name:version`. */
export interface ModelIdentifier {
  owner: string;
  name: string;
  version?: string;
}

const REFERENCE = /^([^/]+)\/([^/:]+)(?::(.+))?$/;

/** Parses a reference with 1.4.0's rules and error text. */
export function parseIdentifier(ref: unknown): ModelIdentifier {
  const match = typeof ref === "string" ? REFERENCE.exec(ref) : null;
  if (!match) {
    throw new Error(
      `Invalid reference to model version: ${String(ref)}. Expected format: owner/name or owner/name:version`,
    );
  }
  const [, owner = "", name = "", version] = match;
  return version === undefined ? { owner, name } : { owner, name, version };
}
