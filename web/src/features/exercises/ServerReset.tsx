import { useState } from "react";
import { appStore } from "../../app/store.ts";
import type { ServerNames } from "../../exercises/loader.ts";
import { deleteStreamsOnServer } from "../../nats/admin.ts";
import { EXERCISE_AREA } from "../../nats/exercise-context.ts";
import { createNamespace } from "../../nats/namespace.ts";
import { codeSettings } from "../room/slice.ts";
import type { ConsoleTone } from "./useExerciseRun.ts";

export interface ServerResetProps {
  slug: string;
  names: ServerNames;
  /** A run failed on a stream an earlier Run left with other settings: the button stands out. */
  urgent: boolean;
  disabled: boolean;
  note: (tone: ConsoleTone, text: string) => void;
}

/** The server-side names of this exercise for this participant: its streams, and its KV buckets' streams. */
export function exerciseStreams(pid: string, names: ServerNames): string[] {
  const ns = createNamespace(pid, EXERCISE_AREA);
  return [...names.streams.map((n) => ns.stream(n)), ...names.buckets.map((n) => `KV_${ns.stream(n)}`)];
}

/** "Reset my server state": deletes the streams (with their consumers) and KV buckets the exercise names, after a confirmation. */
export function ServerReset(p: ServerResetProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (p.names.streams.length === 0 && p.names.buckets.length === 0) return null;
  const { pid } = appStore.getState();
  const streams = exerciseStreams(pid, p.names);

  const reset = async () => {
    setConfirming(false);
    setBusy(true);
    try {
      const { settings, seat } = appStore.getState();
      // In a room, as the seat's code user (the one the exercise's own code runs as).
      const deleted = await deleteStreamsOnServer(codeSettings(settings, seat), streams, `exercise-reset ${p.slug}`);
      p.note(
        "system",
        deleted.length > 0
          ? `Server state reset: deleted ${deleted.join(", ")} (with ${deleted.length === 1 ? "its" : "their"} consumers). Run creates ${deleted.length === 1 ? "it" : "them"} afresh.`
          : `Server state reset: nothing to delete (${streams.join(", ")} did not exist).`,
      );
    } catch (err) {
      p.note("error", `Could not reset the server state: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return confirming ? (
    <span className="ex-confirm" role="group" aria-label="Confirm server reset">
      Delete {streams.join(", ")} and {streams.length === 1 ? "its" : "their"} consumers on the server?
      <button type="button" onClick={() => void reset()}>
        Yes, delete
      </button>
      <button type="button" className="ghost" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  ) : (
    <button
      type="button"
      className={p.urgent ? "primary" : "ghost"}
      disabled={p.disabled || busy}
      title={`Deletes ${streams.join(", ")} on the server (your code stays)`}
      onClick={() => setConfirming(true)}
    >
      {busy ? "Resetting…" : "Reset my server state"}
    </button>
  );
}
