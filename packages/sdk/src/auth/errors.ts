/** Why a browser sign-in step failed. */
export type PlintoAuthErrorCode =
  /** The callback URL has no `state`, or one this browser did not start (or already used). */
  | "state_mismatch"
  /** The callback's `iss` is missing or names another issuer (RFC 9207: a mix-up attack). */
  | "issuer_mismatch"
  /** The provider answered the authorization with an error (`error` says which, e.g. access_denied, login_required). */
  | "authorization_error"
  /** The token endpoint refused (`error` says why, e.g. invalid_grant). */
  | "token_error"
  /** The ID token failed verification (`cause` is the TokenInvalidError). */
  | "invalid_id_token"
  /** A provider response did not follow the protocol. */
  | "invalid_response"
  /** The provider's discovery document or keys could not be fetched. */
  | "provider_unavailable"
  /** No one is signed in (or the session ended): call signInRedirect(). */
  | "not_signed_in"
  /** The refresh token was refused (expired, revoked, replayed): sign in again. */
  | "session_expired";

/** A browser sign-in failure with a stable `code`; `error` carries the provider's OAuth error code, if any. */
export class PlintoAuthError extends Error {
  override name = "PlintoAuthError";
  readonly code: PlintoAuthErrorCode;
  /** The OAuth `error` the provider sent (RFC 6749 §4.1.2.1, §5.2), when it sent one. */
  readonly error: string | undefined;
  readonly errorDescription: string | undefined;

  constructor(code: PlintoAuthErrorCode, message: string, options: { error?: string; errorDescription?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.error = options.error;
    this.errorDescription = options.errorDescription;
  }
}
