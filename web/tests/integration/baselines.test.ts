import { describe, expect, inject, it } from "vitest";
import { BASELINE_OPS, runBaseline } from "../../src/nats/baselines.ts";
import { defaultSettings } from "../../src/nats/settings.ts";

// The benchmark's bare client loops (npm run bench runs them in Chromium): each one really moves
// every message through the server and leaves no stream behind. Timings are not asserted here.

const wsUrl = inject("natsWsUrl");
const monitorUrl = inject("natsMonitorUrl");

async function streamNames(): Promise<string[]> {
  const jsz = (await (await fetch(`${monitorUrl}/jsz?streams=true`)).json()) as {
    account_details?: { stream_detail?: { name: string }[] }[];
  };
  return (jsz.account_details ?? []).flatMap((a) => a.stream_detail ?? []).map((s) => s.name);
}

describe("benchmark baselines against a real nats-server", () => {
  it.each(BASELINE_OPS.map((op) => [op]))("%s handles every message and cleans up", async (op) => {
    const prefix = `bench_test_${op.replace(/-/g, "_")}_${Date.now()}`;
    const result = await runBaseline(op, { settings: defaultSettings([wsUrl]), prefix, count: 600, payloadBytes: 128, window: 64 });
    expect(result).toMatchObject({ op, count: 600 });
    expect(result.ms).toBeGreaterThan(0);
    expect(result.perSecond).toBeCloseTo((600 / result.ms) * 1000);
    expect(await streamNames()).not.toContain(prefix.toUpperCase());
  });
});
