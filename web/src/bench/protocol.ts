import type { BaselineOp, BaselineOptions, BaselineResult } from "../nats/baselines.ts";

export type BaselineRequest = { op: BaselineOp; opts: BaselineOptions };
export type BaselineReply = { ok: true; result: BaselineResult } | { ok: false; message: string };
