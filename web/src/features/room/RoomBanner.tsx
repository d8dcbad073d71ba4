import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import type { RouteId } from "../../app/routes.ts";

/**
 * What a participant must know first, on every page: this is a workshop room and they have no seat
 * yet, or the server no longer accepts the seat they had (the instructor freed it).
 */
export function RoomBanner({ route }: { route: RouteId }) {
  const { room, seat, status, forgetSeat, instructor } = useAppStore(
    useShallow((s) => ({ room: s.room, seat: s.seat, status: s.status, forgetSeat: s.forgetSeat, instructor: s.instructorCreds !== null })),
  );
  if (!room || route === "join" || route === "room") return null;
  if (!seat) {
    // The instructor's browser needs no seat.
    if (instructor) return null;
    return (
      <p className="banner" role="status" data-testid="room-banner">
        This playground is the workshop room <strong>{room.title}</strong>, and you have no seat in it yet.{" "}
        <a href="#/join">Join the room</a> to get your own corner of the server.
      </p>
    );
  }
  const refused = status.state === "failed" && status.error?.kind === "auth" && status.url !== undefined;
  if (!refused) return null;
  return (
    <p className="banner bad" role="alert" data-testid="room-banner">
      The server no longer accepts the credentials of {seat.seat}: the instructor may have freed the seat, or the room was set up again.{" "}
      <a
        href="#/join"
        onClick={() => {
          forgetSeat();
        }}
      >
        Join again
      </a>
      .
    </p>
  );
}
