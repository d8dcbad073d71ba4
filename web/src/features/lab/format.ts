// Numbers as the lab shows them: big, grouped, and "—" where there is nothing to show yet.

import { DASH } from "../../shared/format.ts";

export { bytes, DASH, duration, percent } from "../../shared/format.ts";

export const count = (n: number | null | undefined): string => (n === null || n === undefined ? DASH : n.toLocaleString("en-US"));

export const ms = (n: number | null | undefined): string => {
  if (n === null || n === undefined) return DASH;
  if (n >= 1000) return `${(n / 1000).toFixed(n >= 10_000 ? 0 : 1)} s`;
  return `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
};
