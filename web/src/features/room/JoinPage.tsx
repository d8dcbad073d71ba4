import { useId, useState, type FormEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import { describeStatus } from "../connection/describe.ts";
import { DISPLAY_NAME_MAX, displayNameProblem } from "../../room/contract.ts";

/** The room's join link lands here: a display name, and the browser gets a seat of its own. */
export function JoinPage() {
  const { room, roomChecked, seat, name, setName, busy, error, status, joinSeat, leaveSeat } = useAppStore(
    useShallow((s) => ({
      name: s.joinName,
      setName: s.setJoinName,
      room: s.room,
      roomChecked: s.roomChecked,
      seat: s.seat,
      busy: s.roomBusy,
      error: s.roomError,
      status: s.status,
      joinSeat: s.joinSeat,
      leaveSeat: s.leaveSeat,
    })),
  );
  const [nameError, setNameError] = useState<string | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const ids = { name: useId() };

  if (!roomChecked) return <p className="muted">Looking for the room…</p>;
  if (!room) {
    return (
      <section className="card" aria-labelledby="join-title">
        <h1 id="join-title">No room here</h1>
        <p>
          This playground runs solo: there is no workshop room to join. The instructor starts one with <code>npm start -- --room 30</code>{" "}
          and shares its join link.
        </p>
        <p>
          <a href="#/lab">Explore the lab</a> or <a href="#/exercises">start the exercises</a> on your own.
        </p>
      </section>
    );
  }

  if (seat) {
    const { label, tone } = describeStatus(status);
    return (
      <section className="card join" aria-labelledby="join-title">
        <h1 id="join-title">You are in {room.title}</h1>
        <p data-testid="seat-info">
          Your seat is <strong>{seat.seat}</strong>, as <strong>{seat.name}</strong>. It is your own account on the room's server: nobody
          else sees or touches your subjects, streams and consumers.
        </p>
        <div className={`status tone-${tone}`} role="status">
          <span className="dot" aria-hidden="true" />
          <span>{label}</span>
        </div>
        <div className="row actions">
          <a className="button primary" href="#/lab">
            Go to the lab
          </a>
          <a className="button" href="#/exercises">
            Exercises
          </a>
        </div>
        <h2>Leave the seat</h2>
        {!confirmLeave ? (
          <button type="button" onClick={() => setConfirmLeave(true)} disabled={busy}>
            Leave seat…
          </button>
        ) : (
          <div className="confirm" role="alertdialog" aria-labelledby="leave-q" aria-describedby="leave-d">
            <p id="leave-q">
              <strong>Leave {seat.seat}?</strong>
            </p>
            <p id="leave-d">
              Its streams and consumers are deleted on the server and the seat goes to the next participant. Your exercise code stays in
              this browser.
            </p>
            <div className="row">
              <button
                type="button"
                className="danger"
                disabled={busy}
                onClick={() => void leaveSeat().then((ok) => ok && setConfirmLeave(false))}
              >
                {busy ? "Leaving…" : `Leave ${seat.seat}`}
              </button>
              <button type="button" onClick={() => setConfirmLeave(false)} disabled={busy}>
                Stay
              </button>
            </div>
          </div>
        )}
        {error && (
          <p className="error" role="alert" data-testid="room-error">
            {error}
          </p>
        )}
      </section>
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problem = displayNameProblem(name);
    setNameError(problem);
    if (!problem) void joinSeat(name);
  };

  return (
    <section className="card join" aria-labelledby="join-title">
      <h1 id="join-title">Join {room.title}</h1>
      <p>
        Type the name your instructor should see. You get a seat of your own on the room's NATS server ({room.seats} seats in this room),
        kept in this browser until you leave it.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={ids.name}>Your name</label>
          <input
            id={ids.name}
            value={name}
            maxLength={DISPLAY_NAME_MAX + 10}
            autoComplete="nickname"
            autoFocus
            aria-invalid={nameError ? true : undefined}
            aria-describedby={`${ids.name}-help`}
            onChange={(e) => {
              setName(e.target.value);
              setNameError(null);
            }}
          />
          {nameError ? (
            <p id={`${ids.name}-help`} className="field-error" role="alert">
              {nameError}
            </p>
          ) : (
            <p id={`${ids.name}-help`} className="help">
              A first name is enough; it is shown to the instructor and on the room page.
            </p>
          )}
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Joining…" : "Join"}
        </button>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="room-error">
          {error}
        </p>
      )}
    </section>
  );
}
