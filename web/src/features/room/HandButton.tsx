import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";

/** With a seat: ask the instructor for help without a word, and take it back. */
export function HandButton() {
  const { seated, raised, toggle } = useAppStore(
    useShallow((s) => ({ seated: s.seat !== null, raised: s.handRaised, toggle: s.toggleHand })),
  );
  if (!seated) return null;
  return (
    <button type="button" className={raised ? "hand raised" : "hand"} aria-pressed={raised} onClick={toggle} data-testid="hand">
      {raised ? "✋ Hand raised" : "✋ Raise hand"}
    </button>
  );
}
