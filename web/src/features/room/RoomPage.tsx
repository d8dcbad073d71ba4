import { useEffect, useMemo, useState } from "react";
import QRCode from "qrcode";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import { roomServers, watchRoom } from "../../nats/lobby.ts";
import type { SeatsReply } from "../../room/contract.ts";

/** The link participants open: the launcher's (on the machine's network names), else this page's own. */
function joinLink(joinUrls: string[]): string {
  if (joinUrls[0]) return joinUrls[0];
  const local = ["localhost", "127.0.0.1", "::1", "[::1]"].includes(window.location.hostname);
  return local ? "" : `${window.location.origin}/#/join`;
}

/**
 * For the projector: the join link and its QR code, and the seat table live (who sits where, who is
 * online). Everything here is what the lobby may read: no credentials, nothing of any seat's account.
 */
export default function RoomPage() {
  const { room } = useAppStore(useShallow((s) => ({ room: s.room })));
  const [table, setTable] = useState<SeatsReply | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const link = useMemo(() => (room ? joinLink(room.joinUrls) : ""), [room]);

  useEffect(() => {
    if (!room) return;
    return watchRoom(
      room,
      roomServers(room, window.location),
      (t) => {
        setTable(t);
        setProblem(null);
      },
      (e) => setProblem(e.message),
    );
  }, [room]);

  useEffect(() => {
    if (!link) return;
    let live = true;
    void QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M" }).then((svg) => {
      if (live) setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      live = false;
    };
  }, [link]);

  if (!room) {
    return (
      <section className="card" aria-labelledby="room-title">
        <h1 id="room-title">No room here</h1>
        <p>
          This playground runs solo. Start a room with <code>npm start -- --room 30</code>.
        </p>
      </section>
    );
  }

  return (
    <div className="room-page">
      <section className="card room-join" aria-labelledby="room-title">
        <h1 id="room-title">{room.title}</h1>
        {link ? (
          <>
            <p className="join-link">
              Join at{" "}
              <a href={link} data-testid="join-link">
                {link}
              </a>
            </p>
            {room.joinUrls.length > 1 && <p className="muted">Also: {room.joinUrls.slice(1).join(", ")}</p>}
            {qr && <img className="qr" src={qr} alt={`QR code of the join link ${link}`} data-testid="join-qr" />}
          </>
        ) : (
          <p className="muted">
            This page was opened on localhost: participants need the link the launcher printed, with this machine's name or address.
          </p>
        )}
        <p className="muted">
          {table ? `${table.taken} of ${table.total} seats taken.` : `${room.seats} seats.`} Each participant gets an account of their own
          on the server: nobody sees another's subjects, streams or consumers.
        </p>
      </section>
      <section className="card seats" aria-labelledby="seats-title">
        <h2 id="seats-title">Seats</h2>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        {table && (
          <table className="seat-table" data-testid="seat-table">
            <thead>
              <tr>
                <th scope="col">Seat</th>
                <th scope="col">Name</th>
                <th scope="col">Connections</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {table.seats.map((s) => (
                <tr key={s.seat} className={s.name ? "taken" : "free"}>
                  <td>{s.seat}</td>
                  <td>{s.name ?? <span className="muted">free</span>}</td>
                  <td>{s.online}</td>
                  <td>{s.since ? new Date(s.since).toLocaleTimeString() : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
