import { memo } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import { PRESETS } from "../../lab/contract/presets.ts";
import { LANE_IDS, laneTitle, modeOf, type LaneId } from "../../lab/contract/modes/index.ts";
import { LaneThroughputChart } from "./charts/index.ts";
import { LaneCounters, type CounterKey } from "./LaneCounters.tsx";
import { LaneFaults } from "./LaneFaults.tsx";
import { clearLabRun, useLabRun } from "./run.ts";
import { StateBadge } from "./StateBadge.tsx";

/** What the back row must read: the counters each story is about. */
const MAIN: readonly CounterKey[] = ["published", "stored", "delivered", "duplicatesRejected", "redelivered", "lost"];

const PresenterLane = memo(function PresenterLane({ id }: { id: LaneId }) {
  const view = useLabRun((s) => s?.lanes[id]);
  const { running, fault } = useAppStore(useShallow((s) => ({ running: s.labRunning, fault: s.labFault })));
  const live = running ? view : undefined;
  return (
    <section className="presenter-lane" data-testid={`presenter-lane-${id}`} aria-label={laneTitle(id)}>
      <header>
        <h2 title={laneTitle(id)}>{modeOf(id).shortTitle}</h2>
        <StateBadge lane={id} state={view?.state} enabled stopped={!running && view !== undefined} />
      </header>
      <p className="presenter-note" aria-live="polite">
        {live?.note ?? ""}
      </p>
      <LaneCounters lane={id} counters={view?.metrics.counters} only={MAIN} />
      <div className="presenter-chart">{view ? <LaneThroughputChart lane={view} /> : <p className="muted">Start to see the rates.</p>}</div>
      <LaneFaults lane={id} state={live?.state} acksPaused={live?.acksPaused ?? false} onFault={fault} compact />
    </section>
  );
});

/**
 * The lab on a projector: the lanes the story uses, side by side, each with the six counters and its
 * published/delivered chart; the stories one click each (also while the lab runs: it stops, deletes
 * the lab's streams and starts the new one); text sized to the screen's height.
 */
export function PresenterLab() {
  const { enabled, presetId, running, connected, play, start, stop, error, setPresenting } = useAppStore(
    useShallow((s) => ({
      enabled: s.labConfig.enabled,
      presetId: s.labConfig.presetId,
      running: s.labRunning,
      connected: s.status.state === "connected",
      play: s.labPlayPreset,
      start: s.labStart,
      stop: s.labStop,
      error: s.labError,
      setPresenting: s.setPresenting,
    })),
  );
  const exit = () => setPresenting(false);
  const lanes = LANE_IDS.filter((id) => enabled[id]);
  const preset = PRESETS.find((p) => p.id === presetId);
  return (
    <div className="presenter-lab" data-testid="presenter-lab">
      <div className="presenter-bar" role="toolbar" aria-label="Stories">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={p.id === presetId}
            disabled={!connected}
            onClick={() => {
              clearLabRun();
              play(p.id);
            }}
          >
            {p.title}
          </button>
        ))}
        <button type="button" className="primary" disabled={!connected} onClick={running ? stop : start}>
          {running ? "Stop" : "Start"}
        </button>
        <button type="button" className="ghost" onClick={exit} title="Presenter mode: P">
          Exit presenter mode
        </button>
      </div>
      {preset && <p className="presenter-story">{preset.story}</p>}
      {error && (
        <p className="error" role="alert" data-testid="lab-error">
          {error}
        </p>
      )}
      <div className="presenter-lanes" style={{ gridTemplateColumns: `repeat(${Math.max(1, lanes.length)}, minmax(0, 1fr))` }}>
        {lanes.map((id) => (
          <PresenterLane key={id} id={id} />
        ))}
      </div>
    </div>
  );
}
