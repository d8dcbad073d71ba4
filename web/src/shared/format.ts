// Sizes as every page shows them.

export const DASH = "—";

export const bytes = (n: number | undefined): string => {
  if (n === undefined) return DASH;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(1)} GiB`;
};

/** A duration in ms as "2 min" or "1.5 s". */
export const duration = (millis: number): string => {
  if (millis >= 60_000 && millis % 60_000 === 0) return `${millis / 60_000} min`;
  return `${Number((millis / 1000).toFixed(3))} s`;
};

/** A share 0..1 as a percentage with one decimal. */
export const percent = (share: number): number => Math.round(share * 1000) / 10;
