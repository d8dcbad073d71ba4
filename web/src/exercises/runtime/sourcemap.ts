// Just enough of Source Map v3 to answer "which line of the participant's TypeScript is this line of
// the emitted JavaScript?": V8 reports positions in the code it ran, not in what the learner wrote.

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VLQ_CONTINUATION = 32;
const VLQ_MASK = 31;

/** One mapping: generated column → original line and column (all 0-based, as in the format). */
interface Segment {
  genColumn: number;
  line: number;
  column: number;
}

/** Decodes one Base64 VLQ field list ("AAAA,SAAS") into numbers. */
export function decodeVlq(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = BASE64.indexOf(ch);
    if (digit < 0) throw new Error(`Invalid base64 VLQ character "${ch}"`);
    value += (digit & VLQ_MASK) << shift;
    if (digit & VLQ_CONTINUATION) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

/** Per generated line, its segments that point into the source (sorted by generated column). */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let line = 0;
  let column = 0;
  let source = 0;
  for (const genLine of mappings.split(";")) {
    const segments: Segment[] = [];
    let genColumn = 0; // resets on every generated line; the other fields run on
    for (const field of genLine.split(",")) {
      if (!field) continue;
      const v = decodeVlq(field);
      genColumn += v[0] ?? 0;
      if (v.length < 4) continue;
      source += v[1] ?? 0;
      line += v[2] ?? 0;
      column += v[3] ?? 0;
      segments.push({ genColumn, line, column });
    }
    lines.push(segments);
  }
  void source; // one source file per exercise: tracked only to keep the deltas right
  return lines;
}

/**
 * The original 1-based line and column for a 1-based generated position, or null when the map says
 * nothing about that line. Uses the last segment at or before the column (the first one otherwise).
 */
export function originalPosition(mapJson: string, line: number, column: number): { line: number; column: number } | null {
  let mappings: unknown;
  try {
    mappings = (JSON.parse(mapJson) as { mappings?: unknown }).mappings;
  } catch {
    return null;
  }
  if (typeof mappings !== "string") return null;
  const segments = decodeMappings(mappings)[line - 1];
  if (!segments || segments.length === 0) return null;
  const col0 = column - 1;
  let best = segments[0] as Segment;
  for (const s of segments) if (s.genColumn <= col0) best = s;
  return { line: best.line + 1, column: best.column + 1 };
}
