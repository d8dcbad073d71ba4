// What the lab's producer is told, and its checks (the page checks at the field, the engine at Start).

export interface ProducerSettings {
  /** Events per second (new events plus retries). */
  ratePerSecond: number;
  /** Approximate JSON payload size in bytes (padded). */
  payloadBytes: number;
  /** Share of sends that re-send an earlier event unchanged, as a client that timed out would (0..1). */
  retryShare: number;
  /** Stop after this many sends; undefined runs until stopped. */
  maxEvents?: number;
}

export const MAX_RATE_PER_SECOND = 50_000;
export const MAX_PAYLOAD_BYTES = 64 * 1024;

/** Why producer settings are unusable, by field; empty when fine. */
export function producerProblems(s: ProducerSettings): Partial<Record<keyof ProducerSettings, string>> {
  const out: Partial<Record<keyof ProducerSettings, string>> = {};
  if (!Number.isFinite(s.ratePerSecond) || s.ratePerSecond < 1 || s.ratePerSecond > MAX_RATE_PER_SECOND)
    out.ratePerSecond = `The rate must be a number from 1 to ${MAX_RATE_PER_SECOND.toLocaleString("en")} events per second.`;
  if (!Number.isInteger(s.payloadBytes) || s.payloadBytes < 0 || s.payloadBytes > MAX_PAYLOAD_BYTES)
    out.payloadBytes = `The payload size must be a whole number of bytes from 0 to ${MAX_PAYLOAD_BYTES}.`;
  if (!Number.isFinite(s.retryShare) || s.retryShare < 0 || s.retryShare > 0.9)
    out.retryShare = "The retry share must be between 0 % and 90 %.";
  if (s.maxEvents !== undefined && (!Number.isInteger(s.maxEvents) || s.maxEvents < 1))
    out.maxEvents = "The number of events must be a whole number above 0.";
  return out;
}

/** Room the lab's headers take on each message at most (Playground-Sent-At, Nats-Msg-Id, the frame). */
export const LAB_HEADER_BYTES = 128;

/**
 * Why the server would refuse every event of this size, or null: `maxPayload` is the server's
 * max_payload (from its INFO; undefined while not connected), which counts headers and payload.
 */
export function payloadLimitProblem(payloadBytes: number, maxPayload: number | undefined): string | null {
  if (maxPayload === undefined || payloadBytes + LAB_HEADER_BYTES <= maxPayload) return null;
  const most = Math.max(0, maxPayload - LAB_HEADER_BYTES);
  return `This server accepts at most ${maxPayload.toLocaleString("en-US")} bytes per message (its max_payload, headers included): a ${payloadBytes.toLocaleString("en-US")}-byte payload with the lab's headers (up to ${LAB_HEADER_BYTES} bytes) would be refused. Use at most ${most.toLocaleString("en-US")} bytes.`;
}
