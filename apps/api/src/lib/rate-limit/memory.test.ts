import { describe, expect, it } from "vitest";
import { MemoryStore } from "./memory";

/** A clock the test moves by hand, so window arithmetic is checked exactly. */
function clock(start: number) {
  let now = start;
  return { now: () => now, set: (t: number) => (now = t) };
}

describe("MemoryStore, sliding window (same arithmetic as @upstash/ratelimit's Lua)", () => {
  it("allows `limit` calls in a window, refuses the next without counting it", () => {
    const c = clock(10_000);
    const store = new MemoryStore(100, c.now);
    const seen = Array.from({ length: 4 }, () => store.limit("k", "sliding-window", 3, 1_000));
    expect(seen.map((d) => d.success)).toEqual([true, true, true, false]);
    expect(seen.map((d) => d.remaining)).toEqual([2, 1, 0, 0]);
    expect(seen[3]?.reset).toBe(11_000);
  });

  it("weights the previous window by how much of it still overlaps", () => {
    const c = clock(10_000);
    const store = new MemoryStore(100, c.now);
    for (let i = 0; i < 4; i++) expect(store.limit("k", "sliding-window", 4, 1_000).success).toBe(true);
    // 25% into the next window: floor(0.75 * 4) = 3 of the previous 4 still count → 1 left.
    c.set(11_250);
    expect(store.limit("k", "sliding-window", 4, 1_000)).toMatchObject({ success: true, remaining: 0 });
    expect(store.limit("k", "sliding-window", 4, 1_000).success).toBe(false);
    // 75% in: floor(0.25 * 4) = 1, plus the 1 made in this window → 2 more allowed.
    c.set(11_750);
    expect(store.limit("k", "sliding-window", 4, 1_000)).toMatchObject({ success: true, remaining: 1 });
    expect(store.limit("k", "sliding-window", 4, 1_000)).toMatchObject({ success: true, remaining: 0 });
    expect(store.limit("k", "sliding-window", 4, 1_000).success).toBe(false);
    // Two windows later nothing is left of it.
    c.set(13_000);
    expect(store.limit("k", "sliding-window", 4, 1_000)).toMatchObject({ success: true, remaining: 3 });
  });
});

describe("MemoryStore, fixed window", () => {
  it("counts every call and starts again at the next window", () => {
    const c = clock(20_500);
    const store = new MemoryStore(100, c.now);
    const seen = Array.from({ length: 4 }, () => store.limit("k", "fixed-window", 2, 1_000));
    expect(seen.map((d) => d.success)).toEqual([true, true, false, false]);
    expect(seen[0]?.reset).toBe(21_000);
    c.set(21_000);
    expect(store.limit("k", "fixed-window", 2, 1_000)).toMatchObject({ success: true, remaining: 1, reset: 22_000 });
  });
});

describe("MemoryStore bounds", () => {
  it("drops expired keys as it goes, without a timer", () => {
    const c = clock(0);
    const store = new MemoryStore(1_000, c.now);
    for (let i = 0; i < 50; i++) store.limit(`old:${i}`, "fixed-window", 5, 1_000);
    expect(store.size).toBe(50);
    c.set(5_000);
    store.limit("new", "fixed-window", 5, 1_000);
    expect(store.size).toBe(1);
  });

  it("evicts the least recently used key past maxKeys", () => {
    const c = clock(0);
    const store = new MemoryStore(3, c.now);
    for (const key of ["a", "b", "c"]) store.limit(key, "fixed-window", 1, 60_000);
    store.limit("a", "fixed-window", 1, 60_000); // a is now the most recently used (and refused)
    store.limit("d", "fixed-window", 1, 60_000); // evicts b
    expect(store.size).toBe(3);
    expect(store.limit("a", "fixed-window", 1, 60_000).success).toBe(false);
    expect(store.limit("b", "fixed-window", 1, 60_000).success).toBe(true);
  });

  it("reset forgets a key", () => {
    const store = new MemoryStore();
    expect(store.limit("k", "sliding-window", 1, 60_000).success).toBe(true);
    expect(store.limit("k", "sliding-window", 1, 60_000).success).toBe(false);
    store.reset("k");
    expect(store.limit("k", "sliding-window", 1, 60_000).success).toBe(true);
  });
});

describe("MemoryStore peek", () => {
  it("answers what limit would, weighting the previous window the same way, without counting", () => {
    const c = clock(10_000);
    const store = new MemoryStore(100, c.now);
    expect(store.peek("k", "sliding-window", 4, 1_000)).toEqual({ success: true, limit: 4, remaining: 4, reset: 11_000 });
    for (let i = 0; i < 4; i++) store.limit("k", "sliding-window", 4, 1_000);
    expect(store.peek("k", "sliding-window", 4, 1_000)).toMatchObject({ success: false, remaining: 0 });
    // 25% into the next window: floor(0.75 * 4) = 3 still count → 1 left, as limit would say.
    c.set(11_250);
    expect(store.peek("k", "sliding-window", 4, 1_000)).toEqual({ success: true, limit: 4, remaining: 1, reset: 12_000 });
    expect(store.peek("k", "sliding-window", 4, 1_000).remaining).toBe(1);
    expect(store.limit("k", "sliding-window", 4, 1_000)).toMatchObject({ success: true, remaining: 0 });
    expect(store.peek("k", "sliding-window", 4, 1_000).success).toBe(false);
    // Two windows later nothing is left, and a key peeked at is not created.
    c.set(13_000);
    expect(store.peek("k", "sliding-window", 4, 1_000).remaining).toBe(4);
    expect(store.peek("never", "sliding-window", 4, 1_000).remaining).toBe(4);
    expect(store.size).toBe(1);
  });

  it("counts refused calls in a fixed window, as limit does", () => {
    const store = new MemoryStore(100, clock(0).now);
    for (let i = 0; i < 3; i++) store.limit("k", "fixed-window", 2, 1_000);
    expect(store.peek("k", "fixed-window", 2, 1_000)).toEqual({ success: false, limit: 2, remaining: 0, reset: 1_000 });
  });
});
