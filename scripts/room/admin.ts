// The launcher's side of the instructor account: it keeps every seat's progress in a stream (so the
// instructor's grid survives a refresh) and answers the instructor page's requests to reset or free a
// seat. Only users of the instructor account can reach these subjects.
import { jetstreamManager, RetentionPolicy, StorageType } from "@nats-io/jetstream";
import type { Msg } from "@nats-io/nats-core";
import { nanos } from "@nats-io/nats-core";
import { openConnection } from "../../web/src/nats/connection.ts";
import { defaultSettings } from "../../web/src/nats/settings.ts";
import { ADMIN, parseJson, PROGRESS_STREAM, SEAT_CONNZ_EXPORT, type AdminReply } from "../../web/src/room/contract.ts";
import { userCreds } from "./accounts.ts";
import type { SeatService } from "./service.ts";
import type { RoomFile } from "./state.ts";

/** A day of a room's progress, at most 256 MiB; the oldest goes first. */
const PROGRESS_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const PROGRESS_MAX_BYTES = 256 * 1024 * 1024;
/** A progress event carries at most 20,000 characters of code; anything bigger is not one of ours. */
const PROGRESS_MAX_MSG = 64 * 1024;
/** Resent events (queued while a page was offline) are stored once. */
const PROGRESS_DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

export async function startRoomAdmin(opts: { room: RoomFile; wsUrl: string; seats: SeatService; log: (line: string) => void }) {
  const me = await userCreds(opts.room.instructor, "room-launcher (instructor)");
  const nc = await openConnection(
    { ...defaultSettings([opts.wsUrl]), creds: me.creds, maxReconnects: -1, reconnectWaitSeconds: 1 },
    "room admin",
  );
  const jsm = await jetstreamManager(nc);
  const config = {
    name: PROGRESS_STREAM,
    subjects: ["progress.>"],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(PROGRESS_MAX_AGE_MS),
    max_bytes: PROGRESS_MAX_BYTES,
    max_msg_size: PROGRESS_MAX_MSG,
    duplicate_window: nanos(PROGRESS_DUPLICATE_WINDOW_MS),
  };
  await jsm.streams.add(config).catch(() => jsm.streams.update(PROGRESS_STREAM, config));

  const seatOf = (data: Uint8Array) => parseJson<{ seat: string }>(data, (v) => typeof v.seat === "string")?.seat;
  const answer = (msg: Msg, work: () => Promise<AdminReply>) =>
    void work()
      .catch((err: unknown): AdminReply => ({ ok: false, error: (err as Error).message }))
      .then((reply) => msg.respond(JSON.stringify(reply)))
      .catch(() => undefined);
  const subs = [
    nc.subscribe(ADMIN.reset, {
      callback: (_e, msg) =>
        answer(msg, async () => {
          const seat = seatOf(msg.data);
          const n = seat ? await opts.seats.reset(seat) : null;
          return n === null
            ? { ok: false, error: `There is no seat "${seat ?? ""}" in this room.` }
            : { ok: true, text: `${seat}: ${n} stream(s) deleted.` };
        }),
    }),
    nc.subscribe(ADMIN.free, {
      callback: (_e, msg) =>
        answer(msg, async () => {
          const seat = seatOf(msg.data);
          const freed = seat ? await opts.seats.free(seat) : false;
          return freed ? { ok: true, text: `${seat} is free again.` } : { ok: false, error: `${seat ?? "That seat"} is not taken.` };
        }),
    }),
    // A seat's own connz: the seat is the subject's last token, which the seat's import fixes.
    nc.subscribe(SEAT_CONNZ_EXPORT, {
      callback: (_e, msg) =>
        void opts.seats
          .connz(msg.subject.split(".").at(-1) ?? "")
          .then((data) => msg.respond(data ?? JSON.stringify({ error: { description: "no such seat" } })))
          .catch((err: unknown) => msg.respond(JSON.stringify({ error: { description: (err as Error).message } })))
          .catch(() => undefined),
    }),
    nc.subscribe(ADMIN.seats, {
      callback: (_e, msg) => answer(msg, async () => ({ ok: true, text: JSON.stringify(await opts.seats.table()) })),
    }),
  ];
  await nc.flush();
  return {
    async stop(): Promise<void> {
      for (const s of subs) s.unsubscribe();
      await nc.close().catch(() => undefined);
    },
  };
}
