import type { StateCreator } from "zustand";
import { newParticipantId } from "../../nats/namespace.ts";

/** Who this browser is on a shared server: the namespace every subject, stream and consumer carries. */
export interface ParticipantSlice {
  pid: string;
}

export const createParticipantSlice =
  (random: () => number = Math.random): StateCreator<ParticipantSlice, [], [], ParticipantSlice> =>
  () => ({ pid: newParticipantId(random) });
