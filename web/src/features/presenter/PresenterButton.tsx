import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";

/** The way into (and out of) presenter mode; the P key does the same. */
export function PresenterButton() {
  const { presenting, set } = useAppStore(useShallow((s) => ({ presenting: s.presenting, set: s.setPresenting })));
  return (
    <button type="button" className="ghost presenter-toggle" aria-pressed={presenting} onClick={() => set(!presenting)} title="Shortcut: P">
      {presenting ? "Exit presenter mode" : "Presenter mode"}
    </button>
  );
}
