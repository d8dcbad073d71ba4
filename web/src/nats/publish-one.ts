import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { headers, type NatsConnection } from "@nats-io/nats-core";
import { openConnection } from "./connection.ts";
import { explainError, payloadTooLargeError, PlaygroundError } from "./errors.ts";
import { HDR_MSG_ID, HDR_SENT_AT } from "./event.ts";
import { subjectProblem } from "./names.ts";
import type { ConnectionSettings } from "./settings.ts";

export interface OneMessage {
  subject: string;
  data: Uint8Array;
  /** Sent as Nats-Msg-Id when not empty. */
  msgId?: string;
  /** Epoch ms, sent as Playground-Sent-At so a lane measures its latency like any other event. */
  sentAt: number;
}

export interface OneResult {
  /** The stream that captured the subject (its PubAck), or none: a core publish. */
  stream?: string;
  seq?: number;
  duplicate: boolean;
}

/** "NATS/1.0\r\n" before the header lines and "\r\n" after them. */
const HEADER_FRAME_BYTES = 12;

/** Headers plus payload, as the server counts them against max_payload. */
export function messageBytes(data: Uint8Array, values: Record<string, string>): number {
  let n = data.length + HEADER_FRAME_BYTES;
  for (const [k, v] of Object.entries(values)) n += k.length + v.length + 4; // "k: v\r\n"
  return n;
}

/** The stream whose subjects capture `subject`, or undefined (none, or no JetStream on this server). */
async function streamFor(nc: NatsConnection, subject: string): Promise<string | undefined> {
  try {
    return await (await jetstreamManager(nc)).streams.find(subject);
  } catch {
    return undefined;
  }
}

/**
 * Publishes one message on a connection of its own, opened and closed for it: through JetStream
 * (with its PubAck) when a stream captures the subject, else as a core publish flushed to the server.
 * Fails with a PlaygroundError (an invalid subject, a payload over max_payload, the server refusing).
 */
export async function publishOneMessage(settings: ConnectionSettings, clientName: string, msg: OneMessage): Promise<OneResult> {
  const problem = subjectProblem(msg.subject, { publish: true });
  if (problem) throw new PlaygroundError("invalid-subject", problem);
  const nc = await openConnection(settings, clientName);
  try {
    const values: Record<string, string> = { [HDR_SENT_AT]: String(msg.sentAt) };
    if (msg.msgId) values[HDR_MSG_ID] = msg.msgId;
    const size = messageBytes(msg.data, values);
    const max = nc.info?.max_payload;
    if (max !== undefined && size > max) throw payloadTooLargeError(size, max);
    const h = headers();
    h.set(HDR_SENT_AT, values[HDR_SENT_AT] as string);
    const stream = await streamFor(nc, msg.subject);
    try {
      if (stream) {
        const ack = await jetstream(nc).publish(msg.subject, msg.data, { headers: h, msgID: msg.msgId || undefined });
        return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
      }
      if (msg.msgId) h.set(HDR_MSG_ID, msg.msgId);
      nc.publish(msg.subject, msg.data, { headers: h });
      // The flush's answer means the server read the message (or refused it and closed the connection).
      await nc.flush();
      return { duplicate: false };
    } catch (err) {
      throw explainError(err, { payloadBytes: size, maxPayloadBytes: max });
    }
  } finally {
    await nc.close().catch(() => undefined);
  }
}
