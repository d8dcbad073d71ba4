/** Longest line the console panel keeps from one log call. */
export const MAX_LOG_LINE_CHARS = 2_000;

function formatOne(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value instanceof Uint8Array) return `Uint8Array(${value.length}) "${new TextDecoder().decode(value.subarray(0, 200))}"`;
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return `[function ${value.name || "anonymous"}]`;
  if (typeof value === "object" && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** What `console.log(a, b)` would print, as one line of text for the console panel. */
export function formatLogArgs(args: readonly unknown[]): string {
  const text = args.map(formatOne).join(" ");
  return text.length > MAX_LOG_LINE_CHARS ? `${text.slice(0, MAX_LOG_LINE_CHARS)}… (${text.length} characters)` : text;
}
