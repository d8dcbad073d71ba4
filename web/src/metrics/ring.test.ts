import { describe, expect, it } from "vitest";
import { RingBuffer } from "./ring.ts";

describe("RingBuffer", () => {
  it("keeps values oldest to newest before it is full", () => {
    const ring = new RingBuffer(4);
    ring.push(1);
    ring.push(2);
    expect(ring.length).toBe(2);
    expect(ring.capacity).toBe(4);
    expect([ring.get(0), ring.get(1)]).toEqual([1, 2]);
    expect(ring.toArray()).toEqual([1, 2]);
  });

  it("overwrites the oldest values on wrap-around and keeps the order", () => {
    const ring = new RingBuffer(3);
    for (let v = 1; v <= 7; v++) ring.push(v);
    expect(ring.length).toBe(3);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect(ring.get(0)).toBe(5);
    expect(ring.get(2)).toBe(7);
  });

  it("returns only the newest values when asked for fewer", () => {
    const ring = new RingBuffer(5);
    for (let v = 1; v <= 8; v++) ring.push(v);
    expect(ring.toArray(2)).toEqual([7, 8]);
    expect(ring.toArray(99)).toEqual([4, 5, 6, 7, 8]);
    expect(ring.toArray(0)).toEqual([]);
  });

  it("hands out a copy, not a view of its storage", () => {
    const ring = new RingBuffer(2);
    ring.push(1);
    const copy = ring.toArray();
    copy[0] = 42;
    expect(ring.get(0)).toBe(1);
    expect(Array.isArray(copy)).toBe(true);
  });

  it("clears but keeps its capacity", () => {
    const ring = new RingBuffer(2);
    ring.push(1);
    ring.push(2);
    ring.push(3);
    ring.clear();
    expect(ring.length).toBe(0);
    expect(ring.toArray()).toEqual([]);
    ring.push(9);
    expect(ring.toArray()).toEqual([9]);
    expect(ring.capacity).toBe(2);
  });

  it("rejects bad capacities and out-of-range reads", () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(2.5)).toThrow(RangeError);
    const ring = new RingBuffer(2);
    ring.push(1);
    expect(() => ring.get(1)).toThrow(RangeError);
    expect(() => ring.get(-1)).toThrow(RangeError);
  });
});
