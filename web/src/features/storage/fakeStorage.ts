import type { SyncStorage } from "./saveGuard.ts";

/**
 * localStorage as a browser keeps it, for tests: every key and value counts against `quota`
 * characters (Chromium: 5,242,880 for a site), and a write past it throws the browser's
 * DOMException "QuotaExceededError", leaving what was there.
 */
export function quotaStorage(quota: number): SyncStorage & { data: Map<string, string>; writes: number } {
  const data = new Map<string, string>();
  const usedWithout = (key: string) => [...data].reduce((n, [k, v]) => (k === key ? n : n + k.length + v.length), 0);
  const storage = {
    data,
    writes: 0,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      storage.writes++;
      if (usedWithout(k) + k.length + v.length > quota) {
        throw new DOMException(
          `Failed to execute 'setItem' on 'Storage': Setting the value of '${k}' exceeded the quota.`,
          "QuotaExceededError",
        );
      }
      data.set(k, v);
    },
    removeItem: (k: string) => void data.delete(k),
  };
  return storage;
}
