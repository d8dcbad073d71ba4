import { useEffect, useMemo, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import { EXERCISES } from "../../exercises/catalog.ts";
import { PRESETS } from "../../lab/contract/presets.ts";
import { fromBase64 } from "../../room/contract.ts";
import { gridCsv, rankSeats, raisedHands, type RankedRow } from "./grid.ts";
import { SeatDetail } from "./SeatDetail.tsx";
import { SeatGrid } from "./SeatGrid.tsx";
import { Thresholds } from "./Thresholds.tsx";
import { saveFile } from "../../shared/saveFile.ts";

/** The clock the grid's "minutes on it" and stuck flags are read against. */
function useNow(everyMs = 5_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/** The instructor link carries the credentials in the page's fragment (never sent to any server): take them, then drop them from the address bar. */
function credsFromLink(): string | null {
  const key = new URLSearchParams(window.location.hash.split("?")[1] ?? "").get("key");
  if (!key) return null;
  window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}#/instructor`);
  try {
    return new TextDecoder().decode(fromBase64(key.replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    return null;
  }
}

const download = (name: string, text: string) => saveFile(name, text, "text/csv");

export default function InstructorPage() {
  const s = useAppStore(
    useShallow((st) => ({
      room: st.room,
      creds: st.instructorCreds,
      state: st.instructorState,
      error: st.instructorError,
      grid: st.grid,
      table: st.seatTable,
      thresholds: st.thresholds,
      login: st.instructorLogin,
      logout: st.instructorLogout,
      sendToSeats: st.sendToSeats,
      sendFollow: st.sendFollow,
    })),
  );
  const now = useNow();
  const [selected, setSelected] = useState<string | null>(null);
  const [broadcast, setBroadcast] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const [follow, setFollow] = useState(EXERCISES[0] ? `exercise:${EXERCISES[0].slug}` : "lab:");

  useEffect(() => {
    const fromLink = credsFromLink();
    if (fromLink && s.room) void s.login(fromLink);
    // Once, on opening: the link's key is dropped from the address bar right away.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.room]);

  const ranked: RankedRow[] = useMemo(() => rankSeats(s.grid, now, s.thresholds), [s.grid, now, s.thresholds]);
  const hands = useMemo(() => raisedHands(s.grid), [s.grid]);
  const slugs = EXERCISES.map((e) => e.slug);

  if (!s.room) {
    return (
      <section className="card" aria-labelledby="instructor-title">
        <h1 id="instructor-title">Instructor</h1>
        <p>
          The instructor's view belongs to a workshop room: start one with <code>npm start -- --room 30</code> and open the{" "}
          <strong>instructor link</strong> it prints. It shows every seat's progress live (who is stuck, raised hands), sends hints to one
          seat or to all, and resets a seat's streams.
        </p>
        <p className="muted">Alone, everything else works as it is: the lab and the exercises.</p>
      </section>
    );
  }

  if (!s.creds || s.state === "failed") {
    return (
      <section className="card" aria-labelledby="instructor-title">
        <h1 id="instructor-title">Instructor of {s.room.title}</h1>
        <p>
          Open the instructor link the launcher printed, or choose the room's <code>instructor.creds</code> (in the room folder,{" "}
          <code>.room/</code>).
        </p>
        <div className="field">
          <label htmlFor="instructor-creds">Instructor credentials</label>
          <input
            id="instructor-creds"
            type="file"
            accept=".creds,text/plain"
            onChange={(e) => void e.target.files?.[0]?.text().then((text) => s.login(text))}
          />
          {s.error && (
            <p className="field-error" role="alert" data-testid="instructor-error">
              {s.error}
            </p>
          )}
        </div>
      </section>
    );
  }

  const taken = s.table?.taken ?? Object.keys(s.grid).length;
  const stuck = ranked.filter((r) => r.stuck.length > 0).length;
  const seatNames = new Map((s.table?.seats ?? []).map((t) => [t.seat, t]));
  const detail = selected ? ranked.find((r) => r.row.seat === selected) : undefined;
  const followTarget = () => {
    const [kind, id] = follow.split(":");
    if (kind === "exercise") {
      const ex = EXERCISES.find((e) => e.slug === id);
      return { title: ex ? `Exercise ${ex.number}: ${ex.title}` : String(id), href: `#/exercises/${id}` };
    }
    const preset = PRESETS.find((p) => p.id === id);
    return { title: preset ? `the lab, preset "${preset.title}"` : "the lab", href: "#/lab" };
  };

  return (
    <div className="instructor">
      <section className="card instructor-head" aria-labelledby="instructor-title">
        <h1 id="instructor-title">{s.room.title}</h1>
        <p data-testid="room-summary">
          {taken} of {s.room.seats} seats taken · <strong>{stuck} stuck</strong> · {hands.length} hand{hands.length === 1 ? "" : "s"} raised
          · {s.state === "live" ? "live" : s.state === "replaying" ? "reading the history…" : "connecting…"}
        </p>
        {s.error && (
          <p className="error" role="alert">
            {s.error}
          </p>
        )}
        <div className="row">
          <button type="button" onClick={() => download(`${s.room!.title} progress.csv`, gridCsv(s.grid, slugs, Date.now(), s.thresholds))}>
            Export CSV
          </button>
          <button type="button" className="ghost" onClick={() => void s.logout()}>
            Forget the instructor credentials
          </button>
        </div>
        <Thresholds />
      </section>

      <section className="card instructor-talk" aria-labelledby="talk-title">
        <h2 id="talk-title">Talk to the room</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!broadcast.trim()) return;
            void s
              .sendToSeats("all", broadcast.trim(), false)
              .then((ok) => ok && (setSent(`Sent to everyone: "${broadcast.trim()}"`), setBroadcast("")));
          }}
        >
          <div className="field">
            <label htmlFor="broadcast">Message to everyone</label>
            <input id="broadcast" value={broadcast} maxLength={500} onChange={(e) => setBroadcast(e.target.value)} />
          </div>
          <button type="submit" className="primary">
            Send to everyone
          </button>
        </form>
        <div className="row follow-me">
          <div className="field">
            <label htmlFor="follow-target">Follow me</label>
            <select id="follow-target" value={follow} onChange={(e) => setFollow(e.target.value)}>
              {EXERCISES.map((e) => (
                <option key={e.slug} value={`exercise:${e.slug}`}>
                  Exercise {e.number}: {e.title}
                </option>
              ))}
              {PRESETS.map((p) => (
                <option key={p.id} value={`lab:${p.id}`}>
                  Lab: {p.title}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            onClick={() => {
              const t = followTarget();
              void s.sendFollow(t.title, t.href).then((ok) => ok && setSent(`Everyone sees: the instructor is at ${t.title}.`));
            }}
          >
            Show everyone where I am
          </button>
        </div>
        {sent && (
          <p className="muted" role="status" data-testid="sent">
            {sent}
          </p>
        )}
      </section>

      {hands.length > 0 && (
        <section className="card hands" aria-labelledby="hands-title">
          <h2 id="hands-title">Raised hands</h2>
          <ol data-testid="hands">
            {hands.map((h) => (
              <li key={h.seat}>
                <button type="button" className="linkish" onClick={() => setSelected(h.seat)}>
                  {h.name} ({h.seat})
                </button>{" "}
                <span className="muted">for {Math.max(0, Math.round((now - (h.handRaisedAt ?? now)) / 60_000))} min</span>
              </li>
            ))}
          </ol>
        </section>
      )}

      <SeatGrid ranked={ranked} exercises={EXERCISES} now={now} online={seatNames} selected={selected} onSelect={setSelected} />
      {detail && <SeatDetail ranked={detail} onClose={() => setSelected(null)} />}
    </div>
  );
}
