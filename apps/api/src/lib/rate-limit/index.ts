/**
 * Rate limits: the mechanism only (which keys, which limits and what a refusal means belong to the
 * services). `@upstash/ratelimit` 2.0.8 runs the sliding- and fixed-window algorithms as Lua
 * scripts on stock Redis 7 through ioredis (see `upstash-ioredis.ts`); without `REDIS_URL`
 * (embedded mode) the same algorithms run in memory, for this process only (`memory.ts`).
 *
 *     const limiter = createRateLimiter(config);
 *     const r = await limiter.limit(`signin:ip:${ip}`, { limit: 10, windowSeconds: 60 });
 *     if (!r.success) → 429 with `Retry-After: ${r.retryAfterSeconds}`
 *
 * Redis keys are `plinto:rl:<sw|fw><windowSeconds>:<caller's key>:<window number>`, e.g.
 * `plinto:rl:sw60:signin:ip:1.2.3.4:29170000`, and expire on their own. A caller's key longer than
 * 200 characters is replaced by its SHA-256.
 *
 * WHEN REDIS IS UNREACHABLE OR SLOW — degrade to per-process memory; neither fail open nor closed.
 * - Every Redis command is bounded by `timeoutMs` (250 ms). A call that fails or times out is
 *   answered by the in-memory limiter of this process, and `limit()` never throws for it.
 * - After a failure, calls go straight to memory (no waiting). Redis is tried again by one call at
 *   most every `retryIntervalMs` (1 s), and only once ioredis, which keeps reconnecting in the
 *   background, has a ready connection. The first call that succeeds on Redis switches back.
 * - One warning line when this process falls back (with the cause: an error code such as
 *   ECONNREFUSED, "no answer within 250 ms", or the Redis error word; never a key, an IP or the
 *   URL), one info line when Redis is back. Results say which store decided (`store`).
 * Why: failing open (what `@upstash/ratelimit` does on its own timeout: `success: true` after 5 s)
 * would switch off brute-force, credential-stuffing and OTP-guessing protection whenever Redis is
 * down, and an attacker may be able to cause or wait for that. Failing closed would make Redis a
 * hard dependency of every sign-in, reset and MFA step, and turn a Redis outage (or an attack on
 * Redis) into a lockout of all users. OWASP ASVS 4.0.3 V2.2.1 asks for anti-automation that
 * resists brute force *and* account-lockout (denial-of-service) attacks; memory keeps both.
 * The cost, to keep in mind when choosing limits: while degraded each API process counts on its
 * own, so a key gets up to `limit × processes` per window, and counts start from zero in memory at
 * the switch (and are not copied to Redis on the way back). `reset()` while degraded clears memory
 * only: the Redis counters stay until their windows pass (stricter, never looser).
 */
import { createHash } from "node:crypto";
import type { Config } from "../config";
import { MemoryStore } from "./memory";
import { RedisStore } from "./redis-store";
import type { Decision, RateLimitAlgorithm, RateLimitPolicy, RateLimitResult } from "./types";

export type { RateLimitAlgorithm, RateLimitPolicy, RateLimitResult } from "./types";

export interface RateLimiter {
  /** Counts one call for `key` under `policy` and says whether it may go ahead. */
  limit(key: string, policy: RateLimitPolicy): Promise<RateLimitResult>;
  /**
   * What `limit` would answer now, without counting a call: whether a call would go ahead, what is
   * left, and when the window ends. For reports (a support tool showing whether an account is
   * paused); never a substitute for `limit` before the guarded work (a check-then-act race).
   */
  peek(key: string, policy: RateLimitPolicy): Promise<RateLimitResult>;
  /** Forgets `key`'s count under `policy` (e.g. failures after a successful sign-in). */
  reset(key: string, policy: RateLimitPolicy): Promise<void>;
  /** `memory` in embedded mode and from a Redis failure until Redis answers again; `redis` otherwise. */
  readonly store: "redis" | "memory";
  /** Closes the Redis connection. The limiter cannot be used afterwards. */
  close(): Promise<void>;
}

export interface RateLimiterOptions {
  /** Key prefix. Default `plinto:rl`; tests use a unique one per run. */
  prefix?: string;
  /** Bound on each Redis command, in ms. Default 250. */
  timeoutMs?: number;
  /** While degraded, how often one call may try Redis again, in ms. Default 1000. */
  retryIntervalMs?: number;
  /** Most keys the in-memory store holds before evicting the least recently used. Default 100 000. */
  maxMemoryKeys?: number;
  /** Where the fallback / recovery lines go. Default `console`. */
  logger?: Pick<Console, "warn" | "info">;
}

const MAX_KEY_LENGTH = 200;

export function createRateLimiter(
  config: Pick<Config, "redisUrl">,
  options: RateLimiterOptions = {},
): RateLimiter {
  const prefix = options.prefix ?? "plinto:rl";
  const timeoutMs = options.timeoutMs ?? 250;
  const retryIntervalMs = options.retryIntervalMs ?? 1_000;
  const logger = options.logger ?? console;
  const memory = new MemoryStore(options.maxMemoryKeys ?? 100_000);
  const redis = config.redisUrl ? new RedisStore(config.redisUrl, prefix, timeoutMs) : undefined;

  let up = true;
  let nextProbeAt = 0;
  let closed = false;

  const fallBack = (error: unknown) => {
    if (closed || !up) return;
    up = false;
    nextProbeAt = Date.now() + retryIntervalMs;
    logger.warn(
      `plinto-api: rate limits: Redis unavailable (${describe(error, timeoutMs)}); ` +
        "using this process's in-memory limits until it answers again",
    );
  };
  const recovered = () => {
    if (up) return;
    up = true;
    logger.info("plinto-api: rate limits: Redis answers again; limits are shared across processes again");
  };
  /** Whether this call should try Redis (while degraded: one probe per interval, on a ready connection). */
  const tryRedis = (store: RedisStore): boolean => {
    if (up) return true;
    const now = Date.now();
    if (!store.ready || now < nextProbeAt) return false;
    nextProbeAt = now + retryIntervalMs;
    return true;
  };

  if (redis) {
    // ioredis emits `error` on each failed (re)connection; without a listener it prints them all.
    redis.client.on("error", fallBack);
    redis.client.on("close", () => fallBack(new Error("connection closed")));
    redis.client.on("ready", () => {
      nextProbeAt = 0;
    });
  }

  const check = (key: string, policy: RateLimitPolicy) => {
    if (closed) throw new Error("rate limiter is closed");
    if (typeof key !== "string" || key === "") throw new TypeError("rate limit key must be a non-empty string");
    const { limit, windowSeconds } = policy;
    const algorithm: RateLimitAlgorithm = policy.algorithm ?? "sliding-window";
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError("rate limit must be a whole number ≥ 1");
    if (!Number.isSafeInteger(windowSeconds) || windowSeconds < 1) {
      throw new RangeError("rate limit windowSeconds must be a whole number ≥ 1");
    }
    if (algorithm !== "sliding-window" && algorithm !== "fixed-window") throw new RangeError("unknown rate limit algorithm");
    const name = key.length > MAX_KEY_LENGTH ? `sha256:${createHash("sha256").update(key).digest("hex")}` : key;
    const id = `${algorithm === "fixed-window" ? "fw" : "sw"}${windowSeconds}:${name}`;
    return { id, algorithm, limit, windowMs: windowSeconds * 1_000 };
  };

  const result = (decision: Decision, store: "redis" | "memory"): RateLimitResult => ({
    success: decision.success,
    limit: decision.limit,
    remaining: decision.remaining,
    resetAt: decision.reset,
    retryAfterSeconds: decision.success ? 0 : Math.max(1, Math.ceil((decision.reset - Date.now()) / 1_000)),
    store,
  });

  return {
    async limit(key, policy) {
      const { id, algorithm, limit, windowMs } = check(key, policy);
      if (redis && tryRedis(redis)) {
        try {
          const decision = await redis.limit(id, algorithm, limit, windowMs);
          recovered();
          return result(decision, "redis");
        } catch (error) {
          fallBack(error);
        }
      }
      return result(memory.limit(id, algorithm, limit, windowMs), "memory");
    },

    async peek(key, policy) {
      const { id, algorithm, limit, windowMs } = check(key, policy);
      if (redis && tryRedis(redis)) {
        try {
          const decision = await redis.peek(id, algorithm, limit, windowMs);
          recovered();
          return result(decision, "redis");
        } catch (error) {
          fallBack(error);
        }
      }
      return result(memory.peek(id, algorithm, limit, windowMs), "memory");
    },

    async reset(key, policy) {
      const { id, windowMs } = check(key, policy);
      memory.reset(id);
      if (redis && tryRedis(redis)) {
        try {
          await redis.reset(id, windowMs);
          recovered();
        } catch (error) {
          fallBack(error);
        }
      }
    },

    get store() {
      return redis && up ? "redis" : "memory";
    },

    async close() {
      if (closed) return;
      closed = true;
      await redis?.close();
    },
  };
}

/** A short cause for the log line: never the message of a Redis reply or of a Lua error in full. */
function describe(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return "unknown error";
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^[A-Z][A-Z0-9_]*$/.test(code)) return code;
  // "Command timed out", or "Ready check failed: Command timed out" while connecting.
  if (/timed out/i.test(error.message)) return `no answer within ${timeoutMs} ms`;
  if (error.name === "MaxRetriesPerRequestError") return "not connected";
  if (error.message === "connection closed") return "connection closed";
  const word = /^([A-Z][A-Z_]+)\s/.exec(error.message)?.[1];
  return word ? `Redis replied ${word}` : error.name;
}
