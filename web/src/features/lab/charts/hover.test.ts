import { describe, expect, it } from "vitest";
import { getHover, nearestX, setHover, stepX } from "./hover.ts";

describe("nearestX", () => {
  it("snaps to the closest point", () => {
    expect(nearestX([-3, -2, -1], -1.4)).toBe(-1);
    expect(nearestX([-3, -2, -1], -2.6)).toBe(-3);
    expect(nearestX([], 0)).toBeNull();
  });
});

describe("stepX", () => {
  const xs = [-4, -3, -2, -1];
  it("moves one point with the arrows, stopping at the ends", () => {
    expect(stepX(xs, -2, "ArrowLeft")).toBe(-3);
    expect(stepX(xs, -4, "ArrowLeft")).toBe(-4);
    expect(stepX(xs, -1, "ArrowRight")).toBe(-1);
    expect(stepX(xs, -2.2, "ArrowRight")).toBe(-1);
  });
  it("jumps to the ends with Home/End, starts at the latest point", () => {
    expect(stepX(xs, null, "ArrowLeft")).toBe(-1);
    expect(stepX(xs, -2, "Home")).toBe(-4);
    expect(stepX(xs, -2, "End")).toBe(-1);
    expect(stepX([], -2, "End")).toBeNull();
  });
});

describe("the hover store", () => {
  it("keeps one state per group", () => {
    setHover("a", { x: -5 });
    setHover("b", { x: -7, focused: "chart" });
    expect(getHover("a")).toEqual({ x: -5, focused: null });
    expect(getHover("b")).toEqual({ x: -7, focused: "chart" });
  });
});
