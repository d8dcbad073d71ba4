// The API participant code sees. A global declaration (no import in the exercise file): the same text
// is handed to Monaco as an extra lib, so IntelliSense and `tsc` over exercises/ agree on it.

/**
 * What your exercise code receives:
 *
 * ```ts
 * export default async function main(ctx: ExerciseContext) {
 *   ctx.nc.publish(ctx.subject("greetings"), "hello");
 * }
 * ```
 *
 * Everything you need comes through `ctx`. Values from `@nats-io/nats-core`, `@nats-io/jetstream`
 * and `@nats-io/kv` can also be imported (`import { AckPolicy } from "@nats-io/jetstream"`): they are
 * the copies the playground ships. Other packages are not available in the browser sandbox.
 */
interface ExerciseContext {
  /** Your own connection to the workshop server, opened with the settings of the Connection page. Closed when the run ends. */
  readonly nc: import("@nats-io/nats-core").NatsConnection;
  /** A JetStream client on `nc`: publish to streams (`await js.publish(subject, data)`) and read through consumers. */
  jetstream(): import("@nats-io/jetstream").JetStreamClient;
  /** The JetStream manager on `nc`: create, inspect and delete streams and consumers. */
  jetstreamManager(): Promise<import("@nats-io/jetstream").JetStreamManager>;
  /** A subject in your namespace: `subject("orders", "created")` → `ex.<your id>.orders.created`. */
  subject(...parts: string[]): string;
  /** A stream name in your namespace: `stream("orders")` → `EX_<YOUR ID>_ORDERS`. */
  stream(name: string): string;
  /** A consumer (durable) name in your namespace: `consumer("worker")` → `ex_<your id>_worker`. */
  consumer(name: string): string;
  /** A KV bucket name in your namespace: `bucket("processed")` → `EX_<YOUR ID>_PROCESSED`. */
  bucket(name: string): string;
  /** The KV manager on `nc` (`await ctx.kvm().open(ctx.bucket("processed"))`). */
  kvm(): import("@nats-io/kv").Kvm;
  /**
   * Your KV bucket `bucket(name)`, created when it does not exist yet (with `opts`, e.g.
   * `{ history: 1, ttl: 60 * 60 * 1000 }`): `const kv = await ctx.kv("processed"); await kv.put("tx-1", "done")`.
   */
  kv(name: string, opts?: Partial<import("@nats-io/kv").KvOptions>): Promise<import("@nats-io/kv").KV>;
  /** Your participant id: the namespace every name above carries, so 30 people can share one server. */
  readonly pid: string;
  /** Prints to the console panel under the editor (`console.log` works too). */
  log(...args: unknown[]): void;
  /** Aborted when you press Stop or the run reaches its time limit. */
  readonly signal: AbortSignal;
  /** Waits `ms` milliseconds (rejects if the run is stopped meanwhile). */
  sleep(ms: number): Promise<void>;
  /** Empty message headers, e.g. for `nc.publish(subject, data, { headers: h })`. */
  headers(): import("@nats-io/nats-core").MsgHdrs;
  /** Milliseconds → the nanoseconds JetStream uses for durations (`max_age`, `duplicate_window`). */
  nanos(millis: number): import("@nats-io/nats-core").Nanos;
}
