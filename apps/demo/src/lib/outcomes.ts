/**
 * What happened, as a code in the URL (`?outcome=` / `?error=`), and the words the page shows for
 * it: the URL never carries free text another site could write into the page.
 */
export const OUTCOMES = {
  signed_in: "Signed in. The tokens below were verified against the tenant's keys before the demo kept them.",
  refreshed: "The access token was renewed with the refresh token, which rotated.",
  switched: "Switched organization: the new tokens name it.",
  environment: "Switched environment. Sessions belong to one environment, so you are signed out of the other.",
} as const;

export const ERRORS = {
  not_configured: "The flows cannot run in this environment yet: see the notice above.",
  not_signed_in: "Sign in first: this step needs the tokens of a sign-in.",
  session_expired: "The session at the tenant ended (the refresh token was refused). Sign in again.",
  state_mismatch: "That sign-in answer does not belong to a sign-in this browser started, or it was used already. Start again.",
  issuer_mismatch: "The answer came from another issuer than the one the demo asked. It was refused.",
  authorization_error: "The tenant answered the authorization request with an error.",
  access_denied: "The sign-in was cancelled or refused.",
  login_required: "The tenant needs you to sign in again.",
  token_error: "The tenant's token endpoint refused the request.",
  invalid_id_token: "The ID token did not verify, so the demo did not keep it.",
  invalid_response: "The tenant answered in a way the SDK could not accept.",
  provider_unavailable: "The tenant could not be reached. Is the API running?",
  unknown_organization: "You are not a member of that organization.",
  unknown_environment: "There is no such environment.",
  failed: "Something went wrong. Try again.",
} as const;

export type OutcomeCode = keyof typeof OUTCOMES;
export type ErrorCode = keyof typeof ERRORS;

export const outcomeText = (code: unknown) => (typeof code === "string" && Object.hasOwn(OUTCOMES, code) ? OUTCOMES[code as OutcomeCode] : undefined);
export const errorText = (code: unknown) => (typeof code === "string" && Object.hasOwn(ERRORS, code) ? ERRORS[code as ErrorCode] : undefined);

/** The error code for a thrown PlintoAuthError (its `error` when the provider named a known one). */
export function errorCodeOf(error: unknown): ErrorCode {
  const { code, error: providerError } = (error ?? {}) as { code?: unknown; error?: unknown };
  if (typeof providerError === "string" && (providerError === "access_denied" || providerError === "login_required")) return providerError;
  return typeof code === "string" && Object.hasOwn(ERRORS, code) ? (code as ErrorCode) : "failed";
}
