import { useAppStore } from "../../app/store.ts";
import { LANE_IDS } from "../../lab/contract/protocol.ts";
import { CombinedChart } from "./charts/index.ts";
import { LaneCard } from "./LaneCard.tsx";
import { MessageLog } from "./MessageLog.tsx";
import { ProducerPanel } from "./ProducerPanel.tsx";
import { PublishOne } from "./PublishOne.tsx";
import { useLabRun } from "./run.ts";
import { PresenterButton } from "../presenter/PresenterButton.tsx";
import { PresenterLab } from "./PresenterLab.tsx";

/** The lab: one producer, four client modes side by side, faults to inject and the server's own numbers. */
export function LabView() {
  const pid = useAppStore((s) => s.pid);
  const presenting = useAppStore((s) => s.presenting);
  if (presenting) return <PresenterLab />;
  return (
    <div className="lab">
      <div className="lab-title">
        <h1>
          Lab <PresenterButton />
        </h1>
        <p className="muted">
          The same events through core NATS, JetStream, JetStream with deduplication and a durable consumer. Your namespace:{" "}
          <code data-testid="lab-pid">{pid}</code>
        </p>
      </div>
      <ProducerPanel />
      <div className="lab-lanes">
        {LANE_IDS.map((id) => (
          <LaneCard key={id} id={id} />
        ))}
      </div>
      <CombinedSlot />
      <PublishOne />
      <MessageLog />
    </div>
  );
}

/** Charts slot: every lane's deliveries against what was published (features/lab/charts). Its own
 * component, so the snapshot (≤ 10 Hz) re-renders the chart and not the page around it. */
function CombinedSlot() {
  const snapshot = useLabRun((s) => s);
  return (
    <section className="card lab-combined" aria-labelledby="lab-combined-title">
      <h2 id="lab-combined-title" className="visually-hidden">
        All lanes
      </h2>
      {snapshot ? <CombinedChart snapshot={snapshot} /> : <p className="muted">Start the lab to see the lanes side by side.</p>}
    </section>
  );
}
