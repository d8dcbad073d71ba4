import { memo, useId } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import { fieldsOf, fromField, modeOf, toField, type LaneId, type SettingField } from "../../lab/contract/modes/index.ts";
import { NumberField } from "../../shared/NumberField.tsx";

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
  const { settings, setLane } = useAppStore(
    useShallow((s) => ({ settings: s.labConfig.settings[id] as Record<string, number | string>, setLane: s.labSetLane })),
  );
  const mode = modeOf(id);
  return (
    <details className="lane-settings">
      <summary>
        Settings <span className="muted">· {mode.summary(settings)}</span>
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
        {fieldsOf(id).map(([key, f]) =>
          f.kind === "number" ? (
            <NumberField
              key={key}
              draftKey={`lane.${id}.${key}`}
              label={f.label}
              value={toField(f, Number(settings[key]))}
              help={f.help}
              inputMode="decimal"
              check={f.check}
              onValue={(n) => setLane(id, { [key]: fromField(f, n) })}
            />
          ) : (
            <ChoiceSelect key={key} field={f} value={String(settings[key])} onChange={(v) => setLane(id, { [key]: v })} />
          ),
        )}
      </fieldset>
    </details>
  );
});

function ChoiceSelect({
  field,
  value,
  onChange,
}: {
  field: Extract<SettingField, { kind: "choice" }>;
  value: string;
  onChange: (v: string) => void;
}) {
  const selectId = useId();
  const explain = field.options.find((m) => m.id === value)?.explain;
  return (
    <div className="field">
      <label htmlFor={selectId}>{field.label}</label>
      <select id={selectId} value={value} aria-describedby={`${selectId}-help`} onChange={(e) => onChange(e.target.value)}>
        {field.options.map((m) => (
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
