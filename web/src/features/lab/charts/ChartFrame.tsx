import type { KeyboardEvent, ReactNode } from "react";
import { getHover, setHover, stepX, useHover } from "./hover.ts";

/** What the keyboard crosshair needs: the group it moves, the points, and a sentence for a point. */
export interface FrameHover {
  group: string;
  xs: readonly number[];
  describe: (x: number) => string;
}

/**
 * A titled chart box. The inner element is what assistive technology and the tests read: `role="img"`
 * with a label summarising the latest values, the number of x points and the sums as data attributes.
 * It takes the keyboard focus: the arrow keys (Home, End) move the crosshair of every chart of the
 * group, Escape hides it, and the values at the crosshair are announced through a live region.
 */
export function ChartFrame(props: {
  title: string;
  className?: string;
  testId: string;
  label: string;
  points: number;
  data: Record<string, number | null>;
  hover?: FrameHover;
  children: ReactNode;
}) {
  const data = Object.fromEntries(Object.entries(props.data).map(([key, value]) => [`data-${key}`, value === null ? "" : String(value)]));
  const { hover } = props;
  const state = useHover(hover?.group ?? "");
  const focused = hover !== undefined && state.focused === props.testId;
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!hover) return;
    if (e.key === "Escape") return setHover(hover.group, { x: null });
    if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) return;
    e.preventDefault();
    setHover(hover.group, { x: stepX(hover.xs, getHover(hover.group).x, e.key) });
  };
  return (
    <figure className={`lab-chart ${props.className ?? ""}`.trim()}>
      <figcaption className="lab-chart-title">{props.title}</figcaption>
      <div
        role="img"
        aria-label={props.label}
        data-testid={props.testId}
        data-points={props.points}
        {...data}
        {...(hover && {
          tabIndex: 0,
          onKeyDown: onKey,
          onFocus: () => setHover(hover.group, { focused: props.testId, x: getHover(hover.group).x ?? hover.xs.at(-1) ?? null }),
          onBlur: () => setHover(hover.group, { focused: null, x: null }),
        })}
      >
        {props.children}
      </div>
      {hover && (
        <p className="visually-hidden" aria-live="polite" data-testid={`${props.testId}-readout`}>
          {focused && state.x !== null ? hover.describe(state.x) : ""}
        </p>
      )}
    </figure>
  );
}
