import type { ReactNode } from "react";

/** A section that is planned but not built yet: says what it will hold, instead of an empty page. */
export function Placeholder({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card placeholder" aria-labelledby="placeholder-title">
      <h1 id="placeholder-title">{title}</h1>
      <p>{children}</p>
      <p className="muted">Not available yet in this version of the playground.</p>
    </section>
  );
}
