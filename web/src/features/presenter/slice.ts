import type { StateCreator } from "zustand";

/** Presenter mode: the lab and the exercises laid out for a projector (not persisted: a laptop opens normally). */
export interface PresenterSlice {
  presenting: boolean;
  setPresenting: (on: boolean) => void;
}

export const createPresenterSlice = (): StateCreator<PresenterSlice, [], [], PresenterSlice> => (set) => ({
  presenting: false,
  setPresenting: (presenting) => set({ presenting }),
});
