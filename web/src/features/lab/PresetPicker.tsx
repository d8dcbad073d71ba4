import { useId } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import { PRESETS } from "../../lab/contract/presets.ts";
import { ShareScenarioButton } from "../share/ShareLinkButton.tsx";

/** The workshop's stories: choosing one sets lanes, producer and settings. */
export function PresetPicker({ running }: { running: boolean }) {
  const id = useId();
  const { presetId, apply } = useAppStore(useShallow((s) => ({ presetId: s.labConfig.presetId, apply: s.labApplyPreset })));
  return (
    <div className="field lab-preset">
      <label htmlFor={id}>Preset</label>
      <select id={id} value={presetId ?? ""} disabled={running} aria-describedby={`${id}-help`} onChange={(e) => apply(e.target.value)}>
        <option value="" disabled>
          Custom settings
        </option>
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
      <p id={`${id}-help`} className="help">
        {running ? "Stop the lab to pick another." : "Sets lanes, producer and settings."}
      </p>
      <ShareScenarioButton />
    </div>
  );
}

/** What the chosen preset asks you to do and watch. */
export function PresetStory() {
  const presetId = useAppStore((s) => s.labConfig.presetId);
  const preset = PRESETS.find((p) => p.id === presetId);
  return (
    <div className="lab-story" aria-live="polite" data-testid="preset-story">
      {preset ? (
        <p>
          <strong>{preset.title}.</strong> {preset.story}
        </p>
      ) : (
        <p className="muted">Custom settings. Pick a preset for a guided story: what to do, and what to watch.</p>
      )}
    </div>
  );
}
