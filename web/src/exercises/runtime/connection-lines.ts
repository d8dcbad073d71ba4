import { attemptsText, seconds } from "../../nats/outages.ts";
import type { ReconnectPolicy as Policy } from "../../nats/settings.ts";

// What the console panel says when the participant's connection drops and comes back (or does not):
// the client reconnects by itself, and code that keeps running should not look stuck meanwhile.

export const connectionLines = {
  lost: (p: Policy): string =>
    `[connection] Lost the connection to the server: the client reconnects by itself (${attemptsText(p)}). Publishes and requests wait meanwhile.`,
  back: (downMs: number, server: string): string =>
    `[connection] Reconnected to ${server} after ${seconds(downMs)}: your code carries on. A JetStream publish in flight at the drop may get no PubAck (outcome unknown).`,
  gaveUp: (downMs: number, p: Policy): string =>
    `[connection] The client gave up reconnecting (${attemptsText(p)}; no server for ${seconds(downMs)}): the connection is closed.`,
  /** The server closed the connection with an error (the code closing it itself says nothing). */
  closedByServer: (reason: string): string => `[connection] The server closed the connection: ${reason}`,
};
