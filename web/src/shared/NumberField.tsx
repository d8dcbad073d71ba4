import { useId, useState, type ReactNode } from "react";

const shown = (v: number | undefined) => (v === undefined ? "" : String(v));
const parse = (text: string): number | undefined => (text.trim() === "" ? undefined : Number(text.trim()));

export interface NumberFieldProps {
  label: string;
  /** undefined shows an empty field (only sensible with `onEmpty`). */
  value: number | undefined;
  help: ReactNode;
  /** A message from outside (e.g. the store's validation). */
  error?: string;
  onValue: (n: number) => void;
  /** Makes the field optional: emptying it calls this instead of showing an error. */
  onEmpty?: () => void;
  /** Why a parsed number is unusable, or null; a problem is shown at the field and nothing is passed on. */
  check?: (n: number) => string | null;
  inputMode?: "numeric" | "decimal";
  placeholder?: string;
}

/**
 * A number input that never loses what was typed: the raw text stays in the field, and only a
 * value that parses (and passes `check`) is passed on; anything else shows a message at the field.
 * When the value changes from outside (a preset), the field shows the new value.
 */
export function NumberField(props: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(shown(props.value));
  const [seen, setSeen] = useState(props.value);
  const [local, setLocal] = useState<string | null>(null);
  if (props.value !== seen) {
    // React's pattern for a prop that changed: adjust state while rendering. Text that already says
    // this value (the user's own edit coming back) stays as typed.
    setSeen(props.value);
    if (parse(text) !== props.value) {
      setText(shown(props.value));
      setLocal(null);
    }
  }
  const error = local ?? props.error;
  const onChange = (raw: string) => {
    setText(raw);
    const n = parse(raw);
    if (n === undefined && props.onEmpty) {
      setLocal(null);
      props.onEmpty();
      return;
    }
    if (n === undefined || !Number.isFinite(n)) {
      setLocal(`"${raw}" is not a number.`);
      return;
    }
    const problem = props.check?.(n) ?? null;
    setLocal(problem);
    if (!problem) props.onValue(n);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        inputMode={props.inputMode ?? "numeric"}
        value={text}
        placeholder={props.placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-help`} className={error ? "field-error" : "help"} role={error ? "alert" : undefined}>
        {error ?? props.help}
      </p>
    </div>
  );
}
