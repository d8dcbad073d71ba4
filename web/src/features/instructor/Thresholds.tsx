import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import { NumberField } from "../../shared/NumberField.tsx";

/** When a seat counts as stuck; kept in this browser. */
export function Thresholds() {
  const { t, set } = useAppStore(useShallow((s) => ({ t: s.thresholds, set: s.setThresholds })));
  const check = (n: number) => (!Number.isInteger(n) || n < 1 || n > 999 ? "A whole number from 1 to 999." : null);
  return (
    <details className="advanced">
      <summary>When is a seat stuck?</summary>
      <div className="row">
        <NumberField
          label="Same check failing (times)"
          value={t.sameCheckFailures}
          draftKey="instructor.sameCheckFailures"
          check={check}
          help="In a row, the same check."
          onValue={(sameCheckFailures) => set({ sameCheckFailures })}
        />
        <NumberField
          label="Minutes without a pass"
          value={t.minutesWithoutPass}
          draftKey="instructor.minutesWithoutPass"
          check={check}
          help="On the exercise open now."
          onValue={(minutesWithoutPass) => set({ minutesWithoutPass })}
        />
        <NumberField
          label="Same error (times)"
          value={t.sameErrors}
          draftKey="instructor.sameErrors"
          check={check}
          help="The same message, in a row."
          onValue={(sameErrors) => set({ sameErrors })}
        />
      </div>
    </details>
  );
}
