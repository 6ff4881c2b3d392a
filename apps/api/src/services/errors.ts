import type { ErrorCode } from "@plinto/contracts";

/** A rule a service refused to break. Route handlers turn it into the catalogued problem response. */
export class ServiceError extends Error {
  override name = "ServiceError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Array<{ path: string; message: string }>,
  ) {
    super(message);
  }
}

/** Too many attempts: answered as 429 with `Retry-After`. */
export class RateLimitedError extends ServiceError {
  override name = "RateLimitedError";
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", `Too many attempts; try again in ${retryAfterSeconds} seconds`);
  }
}
