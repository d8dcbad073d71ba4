import { useRef, useState } from "react";
import { appStore, useAppStore } from "../../app/store.ts";
import { saveFile } from "../../shared/saveFile.ts";
import { exportProgress, parseProgressFile } from "./progress.ts";

/** Export progress to a file and import it again (another browser, after clearing site data). */
export function ProgressTransfer() {
  const progress = useAppStore((s) => s.exerciseProgress);
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const download = () => saveFile("nats-playground-progress.json", exportProgress(progress, Date.now()), "application/json");

  const load = async (file: File | undefined) => {
    if (!file) return;
    try {
      const imported = parseProgressFile(await file.text());
      appStore.getState().importExerciseProgress(imported);
      setMessage({ ok: true, text: `Imported progress for ${Object.keys(imported).length} exercise(s).` });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
    if (input.current) input.current.value = "";
  };

  return (
    <div className="ex-transfer">
      <button type="button" onClick={download}>
        Export progress
      </button>
      <label className="ex-file-button">
        <span>Import progress</span>
        <input ref={input} type="file" accept="application/json,.json" onChange={(e) => void load(e.target.files?.[0])} />
      </label>
      {message && (
        <p className={message.ok ? "muted" : "field-error"} role="status">
          {message.text}
        </p>
      )}
    </div>
  );
}
