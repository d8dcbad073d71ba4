import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";

/** In a room: the seat this browser holds (a link to it), or the way to take one. Nothing when solo. */
export function SeatBadge() {
  const { room, seat, instructor } = useAppStore(
    useShallow((s) => ({ room: s.room, seat: s.seat, instructor: s.instructorCreds !== null })),
  );
  if (!room) return null;
  if (!seat && instructor) {
    return (
      <a className="pill" href="#/instructor" data-testid="seat-badge">
        Instructor
      </a>
    );
  }
  if (!seat) {
    return (
      <a className="pill tone-busy" href="#/join" data-testid="seat-badge">
        Join the room
      </a>
    );
  }
  return (
    <a className="pill" href="#/join" data-testid="seat-badge" title={`${room.title}: you sit in ${seat.seat}`}>
      {seat.seat} · {seat.name}
    </a>
  );
}
