import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import { EXERCISE_SLUGS, exerciseNumber, nextExerciseSlug } from "../../exercises/slugs.ts";
import { describeStatus } from "../connection/describe.ts";

/** Where the participant's door leads: the room's join page, or the next exercise. */
function participantDoor(p: { inRoom: boolean; seated: boolean; started: boolean; next: string | null }) {
  if (p.inRoom && !p.seated)
    return { href: "#/join", action: "Join the room", text: "Pick a name: you get a seat of your own on the room's server." };
  if (p.next === null)
    return {
      href: "#/exercises",
      action: "Revisit the exercises",
      text: `All ${EXERCISE_SLUGS.length} exercises are complete in this browser.`,
    };
  const n = exerciseNumber(p.next);
  return p.started
    ? { href: `#/exercises/${p.next}`, action: `Continue with exercise ${n}`, text: "Your code and progress are kept in this browser." }
    : {
        href: `#/exercises/${p.next}`,
        action: "Start exercise 1",
        text: `${EXERCISE_SLUGS.length} short exercises, from a first subscription to exactly-once processing: write TypeScript, run it, check it against the server.`,
      };
}

/** The first page a link opens: what this is, and three doors. Connection details are behind the status pill. */
export function StartPage() {
  const s = useAppStore(
    useShallow((st) => ({
      status: st.status,
      room: st.room,
      seat: st.seat,
      instructor: st.instructorCreds !== null,
      progress: st.exerciseProgress,
    })),
  );
  const completed = (slug: string) => s.progress[slug]?.completed === true;
  const door = participantDoor({
    inRoom: s.room !== null,
    seated: s.seat !== null,
    started: Object.keys(s.progress).length > 0,
    next: nextExerciseSlug(completed),
  });
  const { label, tone } = describeStatus(s.status);
  const connected = s.status.state === "connected";
  const runDoor = s.instructor
    ? { href: "#/instructor", action: "Open the instructor's view", text: "Every seat's progress live, who is stuck, raised hands, hints." }
    : s.room
      ? { href: "#/room", action: "Show the room page", text: "The join link and its QR code for the projector, and who has taken a seat." }
      : {
          href: "#/instructor",
          action: "Run a workshop",
          text: (
            <>
              Start a room for 30 with <code className="nowrap">npm start -- --room 30</code>: a seat of its own per participant, and a live
              view of who is stuck.
            </>
          ),
        };

  return (
    <div className="start">
      <section className="start-intro" aria-labelledby="start-title">
        <h1 id="start-title">Learn event processing with NATS, on a real server</h1>
        <p className="start-lead">
          Publish and consume events in your browser against a live nats-server. Watch core pub/sub, JetStream, deduplication and a durable
          consumer handle the same flow side by side, break things on purpose, and write the code yourself.
        </p>
        <p className={`start-status tone-${tone}`} data-testid="start-status">
          <span className="dot" aria-hidden="true" />
          {connected ? (
            <span>
              {s.room ? `In ${s.room.title}: connected` : "Connected"} to {s.status.serverName ?? "the server"}
              {s.status.serverVersion && ` (nats-server ${s.status.serverVersion}`}
              {s.status.serverVersion && (s.status.jetstream === "enabled" ? ", JetStream on)" : ", no JetStream)")}.
            </span>
          ) : (
            <span>
              {label}
              {s.status.error && `: ${s.status.error.message}`}
            </span>
          )}{" "}
          <a href="#/connection">Connection details</a>
        </p>
      </section>
      <ul className="doors" aria-label="Where to begin">
        <li className="door card">
          <h2>I'm a participant</h2>
          <p>{door.text}</p>
          <a className="button primary" href={door.href} data-testid="door-participant">
            {door.action} →
          </a>
        </li>
        <li className="door card">
          <h2>Explore the lab</h2>
          <p>Four ways to consume one event flow, with live charts. Inject faults and watch which guarantees hold.</p>
          <a className="button" href="#/lab" data-testid="door-lab">
            Open the lab →
          </a>
        </li>
        <li className="door card">
          <h2>I run the workshop</h2>
          <p>{runDoor.text}</p>
          <a className="button" href={runDoor.href} data-testid="door-run">
            {runDoor.action} →
          </a>
        </li>
      </ul>
    </div>
  );
}
