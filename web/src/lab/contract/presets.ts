import { defaultProducer, SEED_INACTIVE_THRESHOLD_MS } from "./defaults.ts";
import { allLaneSettings, type LaneId, type LaneSettingsMap } from "./modes/index.ts";
import type { ProducerSettings } from "./producer.ts";

export interface Preset {
  id: string;
  title: string;
  /** Two or three sentences: what to do and what to watch. */
  story: string;
  lanes: LaneId[];
  producer: ProducerSettings;
  settings: LaneSettingsMap;
}

const settingsWith = (patch: { [Id in LaneId]?: Partial<LaneSettingsMap[Id]> }): LaneSettingsMap => {
  const all = allLaneSettings();
  for (const id of Object.keys(patch) as LaneId[]) Object.assign(all[id], patch[id]);
  return all;
};

/** The stories a workshop tells with the lab. */
export const PRESETS: Preset[] = [
  {
    id: "at-most-vs-at-least",
    title: "At-most-once vs at-least-once",
    story:
      "Start, then stop the consumer of the Core NATS and Durable lanes for ten seconds and start them again. " +
      "Core NATS counts what was published meanwhile as lost; the durable consumer delivers every message it missed.",
    lanes: ["core", "durable"],
    producer: { ...defaultProducer(), retryShare: 0 },
    settings: allLaneSettings(),
  },
  {
    id: "retries-and-dedupe",
    title: "Retries and deduplication",
    story:
      "One send in five is a retry of an earlier event, as a client that timed out would send. " +
      "Plain JetStream stores every retry; the dedupe lane rejects each one by its Nats-Msg-Id, so its stored count equals the unique events.",
    lanes: ["jetstream", "dedupe"],
    producer: { ...defaultProducer(), retryShare: 0.2 },
    settings: allLaneSettings(),
  },
  {
    id: "consumer-crash",
    title: "Consumer crash and recovery",
    story:
      "The durable lane fails to ack one message in five, so the server redelivers them after the ack wait: watch redeliveries climb while every event is still acked in the end. " +
      "Cut a lane's connection: it reconnects by itself and the others never stop.",
    lanes: ["core", "jetstream", "dedupe", "durable"],
    producer: { ...defaultProducer(), retryShare: 0.1 },
    settings: settingsWith({ durable: { failureRate: 0.2, ackWaitMs: 2_000 } }),
  },
  {
    id: "inactive-threshold-trap",
    title: "The inactive-threshold trap",
    story:
      "The durable lane uses the seed's inactive threshold of 10 seconds. Stop its consumer and wait: after 10 s the server deletes the durable consumer, " +
      "and starting it again replays the stream from the first message. Give durable consumers a threshold longer than any pause.",
    lanes: ["durable"],
    producer: { ...defaultProducer(), ratePerSecond: 10, retryShare: 0 },
    settings: settingsWith({ durable: { inactiveThresholdMs: SEED_INACTIVE_THRESHOLD_MS } }),
  },
  {
    id: "all-the-cores",
    title: "Using all the cores",
    story:
      "Each event costs its consumer 2 ms of CPU, and 1,000 arrive per second: one worker can handle 500, so its pending count climbs. " +
      "Add workers while it runs: the pool's deliveries per second grow with each worker up to the machine's cores, and every event is still processed once.",
    lanes: ["pool"],
    producer: { ...defaultProducer(), ratePerSecond: 1_000, retryShare: 0 },
    settings: settingsWith({ pool: { workers: 1, workMs: 2 } }),
  },
];
