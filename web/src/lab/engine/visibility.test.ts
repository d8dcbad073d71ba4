import { describe, expect, it } from "vitest";
import { createStore } from "zustand";
import type { AppState } from "../../app/store.ts";
import { createConnectionSlice } from "../../features/connection/slice.ts";
import { createExercisesSlice } from "../../features/exercises/slice.ts";
import type { LabClient } from "../../features/lab/client.ts";
import { createLabSlice } from "../../features/lab/slice.ts";
import { createParticipantSlice } from "../../features/participant/slice.ts";
import { createRoomSlice, SOLO_ROOM_ENV } from "../../features/room/slice.ts";
import { createInstructorSlice } from "../../features/instructor/slice.ts";
import { createPresenterSlice } from "../../features/presenter/slice.ts";
import type { Command, EngineEvent, EngineSnapshot } from "../contract/protocol.ts";
import { createLabEngine } from "./engine.ts";

describe("a hidden page", () => {
  it("gets no snapshot from the engine while hidden, and a fresh one as soon as it is shown", async () => {
    const emitted: EngineSnapshot[] = [];
    let t = 1_000;
    const engine = createLabEngine({ emit: (s) => emitted.push(s), now: () => t });
    await engine.handle({ type: "visibility", visible: false });
    expect(emitted).toHaveLength(0);
    t = 5_000;
    await engine.handle({ type: "visibility", visible: true });
    expect(emitted.map((s) => s.at)).toEqual([5_000]);
  });

  it("the page tells the engine only once the lab has been used: no worker is started for it", () => {
    const sent: Command[] = [];
    let deliver: (e: EngineEvent) => void = () => undefined;
    const fake = (onEvent: (e: EngineEvent) => void): LabClient => {
      deliver = onEvent;
      return { send: (cmd) => sent.push(cmd), terminate: () => undefined };
    };
    const store = createStore<AppState>()((...a) => ({
      ...createConnectionSlice({ search: "", buildDefaultUrl: undefined })(...a),
      ...createParticipantSlice()(...a),
      ...createLabSlice(fake)(...a),
      ...createExercisesSlice()(...a),
      ...createRoomSlice(SOLO_ROOM_ENV)(...a),
      ...createInstructorSlice(SOLO_ROOM_ENV)(...a),
      ...createPresenterSlice()(...a),
    }));
    store.getState().labSetVisible(false);
    expect(sent).toEqual([]);
    deliver({ type: "snapshot", snapshot: { at: 1, running: true, producer: { sent: 0, retries: 0, unique: 0, done: false }, lanes: {} } });
    store.getState().labSetVisible(false);
    store.getState().labSetVisible(true);
    expect(sent).toEqual([
      { type: "visibility", visible: false },
      { type: "visibility", visible: true },
    ]);
  });
});
