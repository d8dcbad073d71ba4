import { useState, type ReactNode } from "react";
import type { RunMode } from "./useExerciseRun.ts";

/** The editor's TypeScript: starting (Runs skip the type check), ready, or never came (they always skip it). */
export type TypescriptState = "starting" | "ready" | "unavailable";

export interface ToolbarProps {
  ready: boolean;
  /** The editor's TypeScript: a first Run before it is ready runs without a type check, and says so. */
  typescript: TypescriptState;
  running: RunMode | null;
  showingSolution: boolean;
  onRun: () => void;
  onCheck: () => void;
  onStop: () => void;
  onToggleSolution: () => void;
  onReset: () => void;
  /** More actions at the end (the server reset). */
  children?: ReactNode;
}

/** Run / Stop / Check, the solution toggle, and reset with a confirmation step. */
export function Toolbar(p: ToolbarProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="ex-toolbar" role="toolbar" aria-label="Exercise actions">
      <button type="button" className="primary" disabled={!p.ready} onClick={p.onRun}>
        {p.running === "run" ? "Run again" : "Run"}
      </button>
      <button type="button" disabled={!p.running} onClick={p.onStop}>
        Stop
      </button>
      <button type="button" disabled={!p.ready} onClick={p.onCheck}>
        Check
      </button>
      {p.running && (
        <span className="ex-running" role="status">
          {p.running === "run" ? "Running…" : "Checking…"}
        </span>
      )}
      {p.ready && !p.running && (
        <span className="muted ex-typescript" data-testid="editor-typescript" data-state={p.typescript}>
          {p.typescript === "starting"
            ? "TypeScript starting… (Run works now, without the type check)"
            : p.typescript === "unavailable"
              ? "TypeScript did not start in this page: Runs go without the type check (reload to try again)."
              : ""}
        </span>
      )}
      <span className="ex-toolbar-end">
        {p.children}
        <button type="button" className="ghost" aria-pressed={p.showingSolution} onClick={p.onToggleSolution}>
          {p.showingSolution ? "Hide solution" : "Show solution"}
        </button>
        {confirming ? (
          <span className="ex-confirm" role="group" aria-label="Confirm reset">
            Replace your code with the starter?
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                p.onReset();
              }}
            >
              Yes, reset
            </button>
            <button type="button" className="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className="ghost" onClick={() => setConfirming(true)}>
            Reset to starter
          </button>
        )}
      </span>
    </div>
  );
}
