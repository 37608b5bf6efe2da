/** Progress read from a tqdm-style log line; `percentage` is a fraction (76% → 0.76). */
export interface Progress {
  percentage: number;
  current: number;
  total: number;
}

// 1.4.0 matches /^\s*(\d+)%\s*\|.+?\|\s*(\d+)\/(\d+)/ against each "\n"-separated line. Run
// sticky at a line's start with "\s" narrowed to exclude "\n", this pattern can never leave the
// line, so it gives the same answers without splitting (or reversing) megabytes of logs.
const TQDM_LINE = /[^\S\n]*(\d+)%[^\S\n]*\|.+?\|[^\S\n]*(\d+)\/(\d+)/y;

/**
 * The progress reported by the last tqdm-style line (`76%|███     | 7568/10000 [...]`) of a
 * prediction's logs or of a logs string, or `null` when there is none.
 */
export function parseProgressFromLogs(
  input: { logs?: string | null } | string | null | undefined,
): Progress | null {
  const logs = typeof input === "string" ? input : input?.logs;
  if (typeof logs !== "string" || logs === "") return null;

  let lineStart = logs.lastIndexOf("\n") + 1;
  for (;;) {
    TQDM_LINE.lastIndex = lineStart;
    const match = TQDM_LINE.exec(logs);
    if (match) {
      return {
        percentage: Number.parseInt(match[1] as string, 10) / 100,
        current: Number.parseInt(match[2] as string, 10),
        total: Number.parseInt(match[3] as string, 10),
      };
    }
    if (lineStart === 0) return null;
    // lineStart - 1 is the "\n" ending the previous line; look for the one before it.
    lineStart = lineStart >= 2 ? logs.lastIndexOf("\n", lineStart - 2) + 1 : 0;
  }
}
