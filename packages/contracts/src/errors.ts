/**
 * Every error Plinto's REST API can answer with, by stable code. The wire form is RFC 9457
 * `application/problem+json` whose `type` is `problemType(code)`; the code never changes meaning.
 */
export const errorCatalog = {
  validation_failed: { status: 400, title: "The request is not valid" },
  malformed_json: { status: 400, title: "The request body is not valid JSON" },
  unauthorized: { status: 401, title: "Authentication is required" },
  invalid_credentials: { status: 401, title: "That email and password do not match an account" },
  invalid_verification: { status: 400, title: "That code or link is not valid any more" },
  email_not_verified: { status: 403, title: "Confirm your email address first" },
  invalid_passkey: { status: 401, title: "That passkey was not accepted" },
  passkey_registration_failed: { status: 400, title: "The new passkey could not be verified" },
  reauthentication_required: { status: 403, title: "Sign in again to do this" },
  forbidden: { status: 403, title: "You are not allowed to do this" },
  not_found: { status: 404, title: "Nothing was found here" },
  method_not_allowed: { status: 405, title: "This method is not allowed here" },
  conflict: { status: 409, title: "This conflicts with the current state" },
  payload_too_large: { status: 413, title: "The request body is too large" },
  unsupported_media_type: { status: 415, title: "This content type is not accepted" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal_error: { status: 500, title: "Something went wrong on our side" },
  service_unavailable: { status: 503, title: "The service is not ready" },
  // Organizations: a domain's TXT record is missing or does not hold the expected value.
  domain_verification_failed: { status: 422, title: "The domain could not be verified" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export const PROBLEM_TYPE_BASE = "https://plinto.dev/errors/";

export function problemType(code: ErrorCode): string {
  return `${PROBLEM_TYPE_BASE}${code}`;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(errorCatalog, value);
}
