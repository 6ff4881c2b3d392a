/**
 * Why a token was refused. Stable strings: safe to log, to count in metrics and to switch on;
 * never send them to the caller in detail (answer 401 with `invalid_token`, RFC 6750 §3.1).
 */
export type TokenInvalidReason =
  /** Not a compact JWS, or a part is not valid base64url / JSON, or it is absurdly long. */
  | "malformed"
  /** `alg` is not one this verifier accepts (`none`, HS256, … are never accepted). */
  | "algorithm_not_allowed"
  /** No key in the issuer's JWKS matches the token's `kid` / `alg`, even after a refetch. */
  | "key_not_found"
  | "signature_invalid"
  | "issuer_mismatch"
  | "audience_mismatch"
  | "expired"
  | "not_yet_valid"
  /** An access token that is not `typ: at+jwt` (RFC 9068), or an ID token that is. */
  | "wrong_token_type"
  /** A claim the token kind requires is absent (e.g. `sub`, `exp`, `client_id`). */
  | "missing_claim"
  /** A claim is present but has the wrong type or value (e.g. `iat` in the future). */
  | "claim_invalid"
  /** ID token: `nonce` is not the one this sign-in sent. */
  | "nonce_mismatch"
  /** ID token: `azp` names another client, or several audiences and no `azp`. */
  | "azp_mismatch"
  /** ID token: the sign-in is older than the `maxAgeSeconds` asked for. */
  | "auth_time_too_old"
  /** Access token: a scope the caller required is not granted. */
  | "insufficient_scope";

/** The token was refused. `reason` says why; `claim` names the claim when one was at fault. */
export class TokenInvalidError extends Error {
  override name = "TokenInvalidError";
  readonly reason: TokenInvalidReason;
  readonly claim: string | undefined;

  constructor(reason: TokenInvalidReason, message: string, options: { claim?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.claim = options.claim;
  }
}

/** The token's `exp` has passed (beyond the clock tolerance). A refresh may get a new one. */
export class TokenExpiredError extends TokenInvalidError {
  override name = "TokenExpiredError";
  /** When the token expired, from its `exp` claim (undefined if unreadable). */
  readonly expiredAt: Date | undefined;

  constructor(message: string, options: { expiredAt?: Date; cause?: unknown } = {}) {
    super("expired", message, { claim: "exp", cause: options.cause });
    this.expiredAt = options.expiredAt;
  }
}

/**
 * The issuer's keys (or its discovery document) could not be fetched, so no verdict on the token
 * was possible. Not the caller's fault: answer 503, not 401.
 */
export class JwksUnavailableError extends Error {
  override name = "JwksUnavailableError";
  readonly url: string;

  constructor(message: string, url: string, options?: { cause?: unknown }) {
    super(message, options);
    this.url = url;
  }
}
