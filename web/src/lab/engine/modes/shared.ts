// What every mode's engine file gives the lane runtime (LaneParts), what it gets (LaneContext), and
// the steps several modes share. A mode's file is web/src/lab/engine/modes/<id>.ts, found by its id.
import type { LaneMetrics } from "../../../metrics/index.ts";
import type { ConsumerView, StreamView } from "../../../nats/inspect.ts";
import type { Namespace } from "../../../nats/namespace.ts";
import type { ConsumerHandle, Delivery, DeliveryHandler, EventProcessor, ProcessorConfig } from "../../../nats/processor.ts";
import type { ConnectionSettings } from "../../../nats/settings.ts";
import type { LaneId, LaneSettingsOf } from "../../contract/modes/index.ts";
import type { WorkerView } from "../../contract/protocol.ts";

export interface LaneParts {
  publisher: EventProcessor;
  consumer: EventProcessor;
  stream?: string;
  /**
   * Opening created the durable consumer: none existed (a first start, or the server deleted it while
   * the lane was away), so it starts from the stream's first message. Always false for core.
   */
  consumerCreated: boolean;
  /** Starts consuming; true when the durable consumer had to be created anew (deleted meanwhile: it starts over). */
  start(handler: DeliveryHandler): Promise<boolean>;
  stop(): Promise<void>;
  inspect(): Promise<{ stream?: StreamView; consumer?: ConsumerView; atMaxDeliver: number }>;
  close(): Promise<void>;
  /** Worker-pool modes: each worker's numbers, and the faults only they have. */
  workers?: {
    view(now: number): WorkerView[];
    add(): Promise<void>;
    remove(): Promise<void>;
    /** Sets whether the workers ack (the "pause acks" fault) and how slow their handler is. */
    configure(c: { acksPaused: boolean; slowUntil: number }): void;
    /** Cuts every worker's connection (they reconnect by themselves). */
    reconnect(): Promise<void>;
    /** Events processed more than once (acked, then delivered and acked again). */
    processedTwice(): number;
  };
}

export interface LaneContext<Id extends LaneId = LaneId> {
  connection: ConnectionSettings;
  namespace: Namespace;
  metrics: LaneMetrics;
  now: () => number;
  random: () => number;
  settings: LaneSettingsOf<Id>;
  /** Every delivery and what became of it, for modes whose processor reports it (durable: including simulated failures the handler never sees). */
  observe: (d: Delivery, outcome: "acked" | "simulated-failure" | "not-acked" | "terminated") => void;
}

/** A mode's engine file. */
export interface EngineMode<Id extends LaneId = LaneId> {
  open(id: Id, ctx: LaneContext<Id>): Promise<LaneParts>;
  /** The processor reports each delivery's outcome itself (observe): the lane logs there, not in its handler. */
  reportsOutcomes?: boolean;
}

export const base = (ctx: LaneContext, id: LaneId, role: "pub" | "sub"): ProcessorConfig => ({
  connection: ctx.connection,
  namespace: ctx.namespace,
  name: id,
  metrics: ctx.metrics,
  now: ctx.now,
  clientName: `${ctx.namespace.area}.${ctx.namespace.pid}.${id}.${role}`,
});

/** Closes whatever was opened if a later step fails, so a failed start leaves no connection behind. */
export async function both<T extends EventProcessor>(open: (role: "pub" | "sub") => Promise<T>): Promise<[T, T]> {
  const pub = await open("pub");
  try {
    return [pub, await open("sub")];
  } catch (err) {
    await pub.close().catch(() => undefined);
    throw err;
  }
}

/** start and stop around a consume loop; `consume` tells whether it had to create the consumer anew. */
export function withHandle(consume: (h: DeliveryHandler) => Promise<{ handle: ConsumerHandle; consumerRecreated: boolean }>) {
  let handle: ConsumerHandle | null = null;
  return {
    start: async (h: DeliveryHandler) => {
      const started = await consume(h);
      handle = started.handle;
      return started.consumerRecreated;
    },
    stop: async () => {
      await handle?.stop();
      handle = null;
    },
  };
}

export async function closeAll(...ps: EventProcessor[]): Promise<void> {
  await Promise.all(ps.map((p) => p.close().catch(() => undefined)));
}
