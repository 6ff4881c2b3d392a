import { Ratelimit, type RatelimitConfig } from "@upstash/ratelimit";
import { Redis } from "ioredis";
import type { Decision, RateLimitAlgorithm } from "./types";
import { createUpstashAdapter } from "./upstash-ioredis";

/**
 * `@upstash/ratelimit` on stock Redis through ioredis. One `Ratelimit` per (algorithm, limit,
 * window): the package fixes those at construction, and callers use a handful of policies.
 *
 * The ioredis client is set up to fail fast rather than queue: every command has `timeoutMs`
 * (`commandTimeout`, which also covers commands waiting in the offline queue while connecting), and a
 * queued command is rejected as soon as a reconnection attempt fails (`maxRetriesPerRequest: 0`)
 * instead of waiting through 20 of them. It keeps reconnecting in the background (at most every
 * 2 s), so the caller notices Redis coming back through the `ready` event.
 */
export class RedisStore {
  readonly client: Redis;
  private readonly upstash: RatelimitConfig["redis"];
  private readonly limiters = new Map<string, Ratelimit>();

  constructor(
    url: string,
    private readonly prefix: string,
    timeoutMs: number,
  ) {
    this.client = new Redis(url, {
      commandTimeout: timeoutMs,
      maxRetriesPerRequest: 0,
      connectTimeout: Math.max(1_000, timeoutMs * 4),
      // On close, a socket whose peer does not finish the TCP close is destroyed after this.
      disconnectTimeout: timeoutMs,
      retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
      connectionName: "plinto-rate-limit",
    });
    // See UpstashScriptClient: the package's declared client type is not what it calls.
    this.upstash = createUpstashAdapter(this.client) as unknown as RatelimitConfig["redis"];
  }

  /** Whether the connection is up and past its ready check. */
  get ready(): boolean {
    return this.client.status === "ready";
  }

  async limit(id: string, algorithm: RateLimitAlgorithm, limit: number, windowMs: number): Promise<Decision> {
    const { success, remaining, reset } = await this.limiter(algorithm, limit, windowMs).limit(id);
    return { success, limit, remaining, reset };
  }

  /**
   * What `limit` would decide now, without counting a call: the package's `getRemaining`, which
   * runs its read-only script (GETs of this bucket's and, for the sliding window, the last one's
   * counter, weighted as `limit` weighs them).
   */
  async peek(id: string, algorithm: RateLimitAlgorithm, limit: number, windowMs: number): Promise<Decision> {
    const { remaining, reset } = await this.limiter(algorithm, limit, windowMs).getRemaining(id);
    const left = Math.max(0, Math.min(limit, remaining));
    return { success: left > 0, limit, remaining: left, reset };
  }

  /**
   * Deletes `id`'s counters. Not `Ratelimit.resetUsedTokens`: that runs a Lua `SCAN` over the whole
   * keyspace for `prefix:id:*`. The keys are known: this bucket's and the last one's.
   */
  async reset(id: string, windowMs: number): Promise<void> {
    const bucket = Math.floor(Date.now() / windowMs);
    const key = `${this.prefix}:${id}`;
    await this.client.del(`${key}:${bucket}`, `${key}:${bucket - 1}`);
  }

  /**
   * Closes the connection now: no QUIT, which a Redis that does not answer would leave pending. While
   * ioredis waits to reconnect there is no socket, and it emits no `end` after `disconnect()`.
   */
  async close(): Promise<void> {
    const client = this.client;
    if (client.status === "end" || client.status === "reconnecting") {
      client.disconnect(false);
      return;
    }
    const ended = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1_000); // backstop; ioredis ends it within disconnectTimeout
      client.once("end", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    client.disconnect(false);
    await ended;
  }

  private limiter(algorithm: RateLimitAlgorithm, limit: number, windowMs: number): Ratelimit {
    const name = `${algorithm}:${limit}:${windowMs}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      const window = `${windowMs} ms` as const;
      limiter = new Ratelimit({
        redis: this.upstash,
        limiter: algorithm === "fixed-window" ? Ratelimit.fixedWindow(limit, window) : Ratelimit.slidingWindow(limit, window),
        // Redis keys: `${prefix}:${id}:${bucket}`, e.g. plinto:rl:sw60:signin:ip:1.2.3.4:29170000.
        prefix: this.prefix,
        // The package's own timeout answers `success: true` (fails open) after 5 s by default; the
        // bound and the fallback are ours (commandTimeout above, memory in index.ts).
        timeout: 0,
        // A per-instance Map of refused identifiers that only shrinks when one is asked about again.
        ephemeralCache: false,
        analytics: false,
      });
      if (this.limiters.size >= 1_000) this.limiters.clear(); // policies are constants; this is a backstop
      this.limiters.set(name, limiter);
    }
    return limiter;
  }
}
