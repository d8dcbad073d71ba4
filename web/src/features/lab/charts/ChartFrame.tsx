import type { ReactNode } from "react";

/**
 * A titled chart box. The inner element is what assistive technology and the tests read: `role="img"`
 * with a label summarising the latest values, the number of x points and the sums as data attributes.
 */
export function ChartFrame(props: {
  title: string;
  className?: string;
  testId: string;
  label: string;
  points: number;
  data: Record<string, number | null>;
  children: ReactNode;
}) {
  const data = Object.fromEntries(Object.entries(props.data).map(([key, value]) => [`data-${key}`, value === null ? "" : String(value)]));
  return (
    <figure className={`lab-chart ${props.className ?? ""}`.trim()}>
      <figcaption className="lab-chart-title">{props.title}</figcaption>
      <div role="img" aria-label={props.label} data-testid={props.testId} data-points={props.points} {...data}>
        {props.children}
      </div>
    </figure>
  );
}
