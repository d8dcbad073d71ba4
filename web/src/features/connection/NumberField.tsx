import { useId, useState } from "react";

/**
 * A number input that never loses what was typed: the raw text stays in the field, and only a
 * value that parses is passed on; anything else shows a message at the field.
 */
export function NumberField(props: { label: string; value: number; help: string; error?: string; onValue: (n: number) => void }) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  const [local, setLocal] = useState<string | null>(null);
  const error = local ?? props.error;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        inputMode="numeric"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help`}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value.trim());
          if (e.target.value.trim() === "" || !Number.isFinite(n)) {
            setLocal(`"${e.target.value}" is not a number.`);
            return;
          }
          setLocal(null);
          props.onValue(n);
        }}
      />
      <p id={`${id}-help`} className={error ? "field-error" : "help"} role={error ? "alert" : undefined}>
        {error ?? props.help}
      </p>
    </div>
  );
}
