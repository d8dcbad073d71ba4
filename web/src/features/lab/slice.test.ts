import { describe, expect, it } from "vitest";
import { createStore } from "zustand";
import type { AppState } from "../../app/store.ts";
import type { EngineEvent } from "../../lab/contract/protocol.ts";
import { createConnectionSlice } from "../connection/slice.ts";
import { createExercisesSlice } from "../exercises/slice.ts";
import { createParticipantSlice } from "../participant/slice.ts";
import { createRoomSlice, SOLO_ROOM_ENV } from "../room/slice.ts";
import { createInstructorSlice } from "../instructor/slice.ts";
import { createPresenterSlice } from "../presenter/slice.ts";
import type { LabClient } from "./client.ts";
import { createLabSlice } from "./slice.ts";

function store() {
  let deliver: (e: EngineEvent) => void = () => undefined;
  const fake = (onEvent: (e: EngineEvent) => void): LabClient => {
    deliver = onEvent;
    return { send: () => undefined, terminate: () => undefined };
  };
  const s = createStore<AppState>()((...a) => ({
    ...createConnectionSlice({ search: "", buildDefaultUrl: undefined })(...a),
    ...createParticipantSlice()(...a),
    ...createLabSlice(fake)(...a),
    ...createExercisesSlice()(...a),
    ...createRoomSlice(SOLO_ROOM_ENV)(...a),
    ...createInstructorSlice(SOLO_ROOM_ENV)(...a),
    ...createPresenterSlice()(...a),
  }));
  return { s, deliver: (e: EngineEvent) => deliver(e) };
}

describe("publish one event in the lab slice", () => {
  it("is no longer publishing once the engine reports an error: no result is coming", () => {
    const { s, deliver } = store();
    s.setState({ labPublishing: 7 });
    deliver({ type: "error", message: "The engine failed." });
    expect(s.getState()).toMatchObject({ labPublishing: null, labError: "The engine failed." });
  });

  it("takes the result of the request it waits for, not an older one", () => {
    const { s, deliver } = store();
    s.setState({ labPublishing: 2 });
    const result = { subject: "lab.x.core.events", bytes: 2, deliveredTo: [], notDelivered: [], consumerStopped: [] };
    deliver({ type: "published", result: { ...result, id: 1 } });
    expect(s.getState().labPublishing).toBe(2);
    deliver({ type: "published", result: { ...result, id: 2 } });
    expect(s.getState()).toMatchObject({ labPublishing: null, labPublished: { id: 2 } });
  });
});
