import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";

/** What the instructor sent to this seat (or the room), until it is read; and where they are ("follow me"). */
export function RoomMessages() {
  const { messages, follow, dismiss, dismissFollow } = useAppStore(
    useShallow((s) => ({ messages: s.roomMessages, follow: s.follow, dismiss: s.dismissMessage, dismissFollow: s.dismissFollow })),
  );
  const unread = messages.filter((m) => !m.read).slice(-3);
  if (unread.length === 0 && !follow) return null;
  return (
    <div className="room-messages" aria-live="polite">
      {follow && (
        <p className="banner follow" data-testid="follow-banner">
          The instructor is at <strong>{follow.title}</strong>. <a href={follow.href}>Go there</a>{" "}
          <button type="button" className="ghost" onClick={dismissFollow}>
            Dismiss
          </button>
        </p>
      )}
      {unread.map((m) => (
        <div key={m.id} className="banner message" role="status" data-testid="instructor-message">
          <strong>{m.hint ? "A hint from the instructor" : "From the instructor"}</strong>
          {m.toAll ? " (to everyone)" : ""}: <span className="message-text">{m.text}</span>{" "}
          <button type="button" className="ghost" onClick={() => dismiss(m.id)}>
            Got it
          </button>
        </div>
      ))}
    </div>
  );
}
