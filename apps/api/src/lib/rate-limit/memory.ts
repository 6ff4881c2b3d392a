import type { Decision, RateLimitAlgorithm } from "./types";

/**
 * A single-process limiter with the same algorithms and the same arithmetic as the Lua scripts of
 * `@upstash/ratelimit` 2.0.8 (so a policy behaves the same in memory and in Redis):
 *
 * - sliding window: two fixed buckets, the previous one weighted by how much of it still overlaps
 *   the sliding window (`floor((1 - elapsed/window) * previous)`); a refused call is not counted.
 * - fixed window: one counter per bucket; every call is counted, refused ones too.
 *
 * (`@upstash/ratelimit`'s `ephemeralCache` is not a store: it only remembers identifiers that Redis
 * already refused, and every other call still needs Redis. Hence this class.)
 *
 * Memory is bounded without timers: entries are kept in least-recently-used order; each call drops
 * expired entries from the old end until it meets two live ones (amortised O(1): an entry is dropped
 * once), and past `maxKeys` the least recently used entries are evicted even if still live.
 */
export class MemoryStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  limit(id: string, algorithm: RateLimitAlgorithm, limit: number, windowMs: number): Decision {
    const now = this.now();
    const bucket = Math.floor(now / windowMs);
    const reset = (bucket + 1) * windowMs;

    let entry = this.entries.get(id);
    if (entry) {
      this.entries.delete(id); // re-inserted below, at the recently-used end
      if (entry.bucket === bucket - 1) {
        entry.previous = entry.current;
        entry.current = 0;
      } else if (entry.bucket !== bucket) {
        entry.previous = 0;
        entry.current = 0;
      }
      entry.bucket = bucket;
    } else {
      entry = { bucket, current: 0, previous: 0, expiresAt: 0 };
    }

    let decision: Decision;
    if (algorithm === "fixed-window") {
      entry.current += 1;
      entry.previous = 0;
      entry.expiresAt = reset;
      decision = { success: entry.current <= limit, limit, remaining: Math.max(0, limit - entry.current), reset };
    } else {
      const weightedPrevious = Math.floor((1 - (now % windowMs) / windowMs) * entry.previous);
      if (weightedPrevious + entry.current >= limit) {
        decision = { success: false, limit, remaining: 0, reset };
      } else {
        entry.current += 1;
        decision = { success: true, limit, remaining: Math.max(0, limit - (entry.current + weightedPrevious)), reset };
      }
      // After the next bucket ends, both counts have slid out of the window.
      entry.expiresAt = reset + windowMs;
    }

    this.entries.set(id, entry);
    this.sweep(now);
    return decision;
  }

  /**
   * What `limit` would decide now, without counting a call (and without touching the LRU order):
   * `remaining` is what is left of the window, and `success` says whether a call now would go ahead.
   * The same arithmetic as `limit` and as the package's `getRemaining` scripts.
   */
  peek(id: string, algorithm: RateLimitAlgorithm, limit: number, windowMs: number): Decision {
    const now = this.now();
    const bucket = Math.floor(now / windowMs);
    const reset = (bucket + 1) * windowMs;
    const entry = this.entries.get(id);
    let current = 0;
    let previous = 0;
    if (entry && entry.expiresAt > now) {
      if (entry.bucket === bucket) {
        current = entry.current;
        previous = entry.previous;
      } else if (entry.bucket === bucket - 1) {
        previous = entry.current;
      }
    }
    const used = algorithm === "fixed-window" ? current : current + Math.floor((1 - (now % windowMs) / windowMs) * previous);
    const remaining = Math.max(0, limit - used);
    return { success: remaining > 0, limit, remaining, reset };
  }

  /** Forgets `id`'s counts. */
  reset(id: string): void {
    this.entries.delete(id);
  }

  /** Number of keys held (for tests and the benchmark). */
  get size(): number {
    return this.entries.size;
  }

  private sweep(now: number): void {
    let live = 0;
    for (const [id, entry] of this.entries) {
      if (this.entries.size > this.maxKeys || entry.expiresAt <= now) {
        this.entries.delete(id);
      } else if (++live >= 2) {
        break;
      }
    }
  }
}

interface Entry {
  bucket: number;
  current: number;
  previous: number;
  expiresAt: number;
}
