/** Without a key, click or visible tab for this long a participant counts as idle for the instructor. */
export const IDLE_AFTER_MS = 3 * 60 * 1000;

/**
 * Active or idle, from the page's own events (never per keystroke to the server: only the change is
 * reported). `doc` is passed in so tests can drive it. Returns the function that stops watching.
 */
export function watchActivity(report: (active: boolean) => void, doc: Document = document, idleAfterMs = IDLE_AFTER_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = () => report(false);
  const touched = () => {
    if (doc.visibilityState !== "visible") return;
    report(true);
    clearTimeout(timer);
    timer = setTimeout(idle, idleAfterMs);
  };
  const events = ["pointerdown", "keydown", "visibilitychange"] as const;
  for (const e of events) doc.addEventListener(e, touched, { passive: true });
  touched();
  return () => {
    clearTimeout(timer);
    for (const e of events) doc.removeEventListener(e, touched);
  };
}
