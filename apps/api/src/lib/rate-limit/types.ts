/** `sliding-window` (the default) smooths the boundary burst; `fixed-window` is one counter per window. */
export type RateLimitAlgorithm = "sliding-window" | "fixed-window";

/** What a caller asks for: at most `limit` calls per `windowSeconds` for one key. */
export interface RateLimitPolicy {
  /** Calls allowed per window: a whole number ≥ 1. */
  limit: number;
  /** Window length in whole seconds, ≥ 1. */
  windowSeconds: number;
  /** Default `sliding-window`. The same key under another algorithm or window is a separate count. */
  algorithm?: RateLimitAlgorithm;
}

export interface RateLimitResult {
  /** The call may go ahead. When false, answer 429 with `Retry-After: retryAfterSeconds`. */
  success: boolean;
  /** The policy's limit. */
  limit: number;
  /** Calls left in the current window (0 when refused). */
  remaining: number;
  /** When the window ends (ms since the epoch); a refused key is allowed again from then. */
  resetAt: number;
  /** 0 when allowed; otherwise whole seconds until `resetAt`, at least 1 (for `Retry-After`). */
  retryAfterSeconds: number;
  /**
   * Who decided: `redis` (shared by every API process) or `memory` (this process only: embedded
   * mode, or Redis unreachable / too slow; see the module comment in `index.ts`).
   */
  store: "redis" | "memory";
}

/** One store's answer, before it is turned into a `RateLimitResult`. */
export interface Decision {
  success: boolean;
  limit: number;
  remaining: number;
  /** End of the current window, ms since the epoch. */
  reset: number;
}
