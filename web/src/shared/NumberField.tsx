import { useEffect, useId, useState, useSyncExternalStore, type ReactNode } from "react";

const shown = (v: number | undefined) => (v === undefined ? "" : String(v));
const parse = (text: string): number | undefined => (text.trim() === "" ? undefined : Number(text.trim()));

/**
 * Text that was typed but not passed on (not a number, or refused by `check`), by `draftKey`: the
 * field shows it again when it is mounted again (after a switch to another view and back).
 */
const drafts = new Map<string, string>();

/** A mounted field whose text cannot be used: what a Start button must not run past. */
export interface FieldProblem {
  key: string;
  label: string;
  message: string;
}

/** Problems of the fields on screen, by draftKey, and who listens (useFieldProblems). */
const problems = new Map<string, FieldProblem>();
const listeners = new Set<() => void>();
let snapshot: FieldProblem[] = [];
function changed(): void {
  snapshot = [...problems.values()];
  for (const l of listeners) l();
}

/** The problems of the fields on screen whose draftKey starts with one of `prefixes` (re-renders on change). */
export function useFieldProblems(prefixes: readonly string[]): FieldProblem[] {
  const all = useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => snapshot,
  );
  return all.filter((p) => prefixes.some((x) => p.key.startsWith(x)));
}

/** Why typed text cannot be passed on, or null; empty text is only a problem without `onEmpty`. */
function textProblem(raw: string, props: Pick<NumberFieldProps, "check" | "onEmpty">): string | null {
  const n = parse(raw);
  if (n === undefined) return props.onEmpty ? null : "Enter a number.";
  if (Number.isNaN(n)) return `"${raw}" is not a number.`;
  if (!Number.isFinite(n)) return `"${raw}" is too large to be used.`;
  return props.check?.(n) ?? null;
}

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
  /** Keeps refused text across remounts under this key (unique per field in the app). */
  draftKey?: string;
}

/**
 * A number input that never loses what was typed: the raw text stays in the field, and only a
 * value that parses (and passes `check`) is passed on; anything else shows a message at the field.
 * When the value changes from outside (a preset), the field shows the new value.
 */
export function NumberField(props: NumberFieldProps) {
  const id = useId();
  const draft = props.draftKey === undefined ? undefined : drafts.get(props.draftKey);
  const [text, setText] = useState(draft ?? shown(props.value));
  const [seen, setSeen] = useState(props.value);
  const [local, setLocal] = useState<string | null>(() => (draft === undefined ? null : textProblem(draft, props)));
  const keep = (raw: string | null) => {
    if (props.draftKey === undefined) return;
    if (raw === null) drafts.delete(props.draftKey);
    else drafts.set(props.draftKey, raw);
  };
  if (props.value !== seen) {
    // React's pattern for a prop that changed: adjust state while rendering. Text that already says
    // this value (the user's own edit coming back) stays as typed.
    setSeen(props.value);
    if (parse(text) !== props.value) {
      setText(shown(props.value));
      setLocal(null);
      keep(null);
    }
  }
  const error = local ?? props.error;
  // While on screen, a field with unusable text is known to whoever must not act on the last valid value.
  const { draftKey, label } = props;
  useEffect(() => {
    if (draftKey === undefined) return;
    if (local) problems.set(draftKey, { key: draftKey, label, message: local });
    else problems.delete(draftKey);
    changed();
    return () => {
      if (problems.delete(draftKey)) changed();
    };
  }, [draftKey, label, local]);
  const onChange = (raw: string) => {
    setText(raw);
    const problem = textProblem(raw, props);
    setLocal(problem);
    keep(problem === null ? null : raw);
    if (problem) return;
    const n = parse(raw);
    if (n === undefined) props.onEmpty?.();
    else props.onValue(n);
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
