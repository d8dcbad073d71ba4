import { memo, useId } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import type { LaneId, LaneSettings } from "../../lab/protocol.ts";
import { NumberField } from "../../shared/NumberField.tsx";
import { LANE_FIELDS, MSG_ID_STRATEGIES, settingsSummary } from "./laneFields.ts";

/** A lane's settings for its mode; they apply at the next Start, so they are locked while the lab runs. */
export const LaneSettingsForm = memo(function LaneSettingsForm({
  id,
  running,
  subject,
  stream,
}: {
  id: LaneId;
  running: boolean;
  subject: string;
  stream?: string;
}) {
  const { settings, setLane } = useAppStore(useShallow((s) => ({ settings: s.labConfig.settings[id], setLane: s.labSetLane })));
  return (
    <details className="lane-settings">
      <summary>
        Settings <span className="muted">· {settingsSummary(id, settings)}</span>
      </summary>
      <dl className="lane-names">
        <dt>Subject</dt>
        <dd data-testid={`lane-${id}-subject`}>{subject}</dd>
        {stream && (
          <>
            <dt>Stream</dt>
            <dd data-testid={`lane-${id}-stream-name`}>{stream}</dd>
          </>
        )}
      </dl>
      <fieldset className="lane-fields" disabled={running}>
        <legend className="help">{running ? "Stop the lab to change these: they apply at Start." : "Apply at the next Start."}</legend>
        {LANE_FIELDS[id].map((f) => (
          <NumberField
            key={f.key}
            draftKey={`lane.${id}.${f.key}`}
            label={f.label}
            value={f.toField(settings[f.key])}
            help={f.help}
            inputMode="decimal"
            check={f.check}
            onValue={(n) => setLane(id, { [f.key]: f.fromField(n) })}
          />
        ))}
        {id === "dedupe" && <StrategySelect value={settings.msgIdStrategy} onChange={(msgIdStrategy) => setLane(id, { msgIdStrategy })} />}
      </fieldset>
    </details>
  );
});

function StrategySelect({
  value,
  onChange,
}: {
  value: LaneSettings["msgIdStrategy"];
  onChange: (v: LaneSettings["msgIdStrategy"]) => void;
}) {
  const selectId = useId();
  const explain = MSG_ID_STRATEGIES.find((m) => m.id === value)?.explain;
  return (
    <div className="field">
      <label htmlFor={selectId}>Msg-Id strategy</label>
      <select
        id={selectId}
        value={value}
        aria-describedby={`${selectId}-help`}
        onChange={(e) => onChange(e.target.value as LaneSettings["msgIdStrategy"])}
      >
        {MSG_ID_STRATEGIES.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
      <p id={`${selectId}-help`} className="help">
        {explain}
      </p>
    </div>
  );
}
