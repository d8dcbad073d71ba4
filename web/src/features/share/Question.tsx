import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * The question a share link asks: at the top of the page, kept in view while it waits (sticky, in
 * styles.css); the focus moves to its safe answer (the button marked data-safe).
 */
export function ShareQuestion({ title, children, actions }: { title: string; children: ReactNode; actions: ReactNode }) {
  const id = useId();
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLElement>("[data-safe]")?.focus({ preventScroll: true });
  }, []);
  return (
    <section
      ref={box}
      className="question share-question"
      role="alertdialog"
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d`}
      data-testid="share-question"
    >
      <h2 id={`${id}-t`}>{title}</h2>
      <div id={`${id}-d`}>{children}</div>
      <div className="row">{actions}</div>
    </section>
  );
}

export function Refused({ message, onDone }: { message: string; onDone: () => void }) {
  return (
    <ShareQuestion
      title="This link could not be opened"
      actions={
        <button type="button" data-safe onClick={onDone}>
          OK
        </button>
      }
    >
      <p data-testid="share-refused">{message}</p>
    </ShareQuestion>
  );
}
