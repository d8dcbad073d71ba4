import { useAppStore } from "../../app/store.ts";
import { LabActions } from "./LabActions.tsx";
import { PresetPicker, PresetStory } from "./PresetPicker.tsx";
import { ProducerFields } from "./ProducerFields.tsx";
import { ProducerTotals } from "./ProducerTotals.tsx";

/** The toolbar: one producer for every lane, the preset it follows, and the lab's controls. */
export function ProducerPanel() {
  const running = useAppStore((s) => s.labRunning);
  const error = useAppStore((s) => s.labError);
  return (
    <section className="card lab-producer" aria-labelledby="lab-producer-title">
      <h2 id="lab-producer-title" className="visually-hidden">
        Producer
      </h2>
      <div className="lab-toolbar">
        <PresetPicker running={running} />
        <ProducerFields running={running} />
      </div>
      <div className="lab-run">
        <LabActions running={running} />
        <ProducerTotals />
        <PresetStory />
      </div>
      {error && (
        <p className="error" role="alert" data-testid="lab-error">
          {error}
        </p>
      )}
    </section>
  );
}
