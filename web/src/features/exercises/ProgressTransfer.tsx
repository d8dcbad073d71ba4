import { useRef, useState } from "react";
import { appSaveGuard, appStore, useAppStore } from "../../app/store.ts";
import { saveFile } from "../../shared/saveFile.ts";
import { importIfItFits } from "../storage/actions.ts";
import { exercisesPhrase, formatSize } from "../storage/saveGuard.ts";
import { exportProgress, MAX_CODE_CHARS, parseProgressFile } from "./progress.ts";

/** Export progress to a file and import it again (another browser, after clearing site data). */
export function ProgressTransfer() {
  const progress = useAppStore((s) => s.exerciseProgress);
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const download = () => saveFile("nats-playground-progress.json", exportProgress(progress, Date.now()), "application/json");

  const load = async (file: File | undefined) => {
    if (!file) return;
    try {
      const tooLong: string[] = [];
      const imported = parseProgressFile(await file.text(), tooLong);
      // Saved for real, and undone when the browser's storage cannot take it.
      const failure = importIfItFits(appStore, appSaveGuard, imported);
      if (failure) {
        const why = failure.full
          ? `it would not fit in your browser's storage for this page (the saved progress would take ${formatSize(failure.chars)})`
          : `your browser would not save it (${failure.error})`;
        setMessage({ ok: false, text: `Nothing was imported: ${why}. Your progress is as it was.` });
      } else {
        const skipped = tooLong.length
          ? ` The code of ${exercisesPhrase(tooLong)} was not imported: longer than the ${MAX_CODE_CHARS.toLocaleString("en")} characters an exercise keeps.`
          : "";
        setMessage({ ok: tooLong.length === 0, text: `Imported progress for ${Object.keys(imported).length} exercise(s).${skipped}` });
      }
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
        <input
          ref={input}
          type="file"
          accept="application/json,.json"
          aria-describedby={message ? "ex-transfer-message" : undefined}
          onChange={(e) => void load(e.target.files?.[0])}
        />
      </label>
      {message && (
        <p
          id="ex-transfer-message"
          className={message.ok ? "muted" : "field-error"}
          role={message.ok ? "status" : "alert"}
          data-testid="import-message"
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
