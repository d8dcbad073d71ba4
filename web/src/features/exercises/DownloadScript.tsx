import { useState } from "react";
import { appStore } from "../../app/store.ts";
import type { Exercise } from "../../exercises/loader.ts";
import { NODE_SCRIPT_PACKAGES, natsUrlFor, nodeScript, nodeScriptName } from "../../exercises/nodeScript.ts";
import { openConnection } from "../../nats/connection.ts";
import { saveFile } from "../../shared/saveFile.ts";
import type { ConsoleTone } from "./useExerciseRun.ts";

/** "Download as a Node script": the code in the editor as a file that runs with `npx tsx` against this server. */
export function DownloadScript({ exercise, note }: { exercise: Exercise; note: (tone: ConsoleTone, text: string) => void }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    const { settings, pid, exerciseProgress } = appStore.getState();
    const ws = settings.servers[0] ?? "ws://localhost:9222";
    // The server tells a websocket client its client (TCP) port too: that is where Node connects.
    let port: number | undefined;
    try {
      const nc = await openConnection(settings, `exercise-download ${exercise.slug}`);
      port = nc.info?.port;
      await nc.close();
    } catch {
      port = undefined;
    }
    const natsUrl = natsUrlFor(ws, port);
    const name = nodeScriptName(exercise.slug);
    saveFile(
      name,
      nodeScript({
        slug: exercise.slug,
        title: exercise.title,
        code: exerciseProgress[exercise.slug]?.code ?? exercise.starter,
        pid,
        natsUrl,
        timeLimitSeconds: exercise.timeLimitSeconds,
        auth: settings.creds ? "creds" : settings.token ? "token" : "none",
      }),
      "text/typescript",
    );
    note(
      "system",
      `Saved ${name}: in an empty folder, npm i ${NODE_SCRIPT_PACKAGES.join(" ")}, then npx tsx ${name} (connects to ${natsUrl}${port === undefined ? ", the default port: the server could not be asked for its own" : ""}).`,
    );
    setBusy(false);
  };
  return (
    <button type="button" className="ghost" disabled={busy} onClick={() => void download()} title="Your code as a script for Node">
      Download as a Node script
    </button>
  );
}
