import { memo, useId, useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import { modeOf, type LaneId } from "../../lab/contract/modes/index.ts";
import { createNamespace } from "../../nats/namespace.ts";
import { LaneCharts } from "./charts/index.ts";
import { Inspector } from "./Inspector.tsx";
import { LaneCounters } from "./LaneCounters.tsx";
import { LaneFaults } from "./LaneFaults.tsx";
import { LaneSettingsForm } from "./LaneSettingsForm.tsx";
import { useLabRun } from "./run.ts";
import { SlowConsumerBadge, StateBadge } from "./StateBadge.tsx";
import { WorkerTable } from "./WorkerTable.tsx";

/** One client mode: what it promises, its switch and settings, live numbers, faults and the server's view. */
export const LaneCard = memo(function LaneCard({ id }: { id: LaneId }) {
  const titleId = useId();
  // The narrowest slice: this lane's view of the last running snapshot (≤ 10 Hz while it runs).
  const view = useLabRun((s) => s?.lanes[id]);
  const { enabled, running, pid, toggle, fault } = useAppStore(
    useShallow((s) => ({
      enabled: s.labConfig.enabled[id],
      running: s.labRunning,
      pid: s.pid,
      toggle: s.labToggleLane,
      fault: s.labFault,
    })),
  );
  const names = useMemo(() => {
    const ns = createNamespace(pid, "lab");
    return { subject: ns.subject(id, "events"), stream: modeOf(id).traits.stores ? ns.stream(id) : undefined };
  }, [pid, id]);
  const info = modeOf(id);
  const live = running ? view : undefined;
  const jetstream = info.traits.stores;

  return (
    <section className={`card lane${enabled ? "" : " lane-off"}`} data-testid={`lane-${id}`} aria-labelledby={titleId}>
      <header className="lane-head">
        <h2 id={titleId}>{info.title}</h2>
        <label className="switch">
          <input type="checkbox" role="switch" checked={enabled} disabled={running} onChange={(e) => toggle(id, e.target.checked)} />
          Run this lane
        </label>
      </header>
      <p className="lane-promise">{info.promise}</p>
      <div className="lane-status">
        <StateBadge lane={id} state={view?.state} enabled={enabled} stopped={!running && view !== undefined} />
        {live?.slowConsumer && <SlowConsumerBadge lane={id} phase={live.slowConsumer} />}
        <p className="lane-note" aria-live="polite" data-testid={`lane-${id}-note`}>
          {live?.note ?? ""}
        </p>
      </div>
      <LaneCounters lane={id} counters={view?.metrics.counters} latency={view?.metrics.latency} />
      <LaneFaults lane={id} state={live?.state} acksPaused={live?.acksPaused ?? false} onFault={fault} workers={live?.workers?.length} />
      {info.traits.workers && <WorkerTable lane={id} workers={view?.workers} processedTwice={view?.processedTwice} />}
      {/* Charts slot: the lane's live charts (features/lab/charts). */}
      <div className="lane-charts">{view && <LaneCharts lane={view} />}</div>
      {jetstream && (
        <Inspector
          lane={id}
          stream={view?.streamInfo}
          consumer={view?.consumerInfo}
          atMaxDeliver={"maxDeliver" in info.fields ? (view?.atMaxDeliver ?? null) : undefined}
        />
      )}
      <LaneSettingsForm id={id} running={running} subject={view?.subject ?? names.subject} stream={view?.stream ?? names.stream} />
    </section>
  );
});
