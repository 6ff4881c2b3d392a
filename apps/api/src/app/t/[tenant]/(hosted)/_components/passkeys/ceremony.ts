import { WebAuthnError } from "@simplewebauthn/browser";

/**
 * What to tell someone when the browser's passkey prompt did not give an answer: closed, timed
 * out, no passkey there, or (registering) a passkey this account already has on that device.
 */
export function ceremonyProblem(problem: unknown, ceremony: "sign-in" | "registration"): string {
  const code = problem instanceof WebAuthnError ? problem.code : undefined;
  const name = problem instanceof Error ? (problem.cause instanceof Error ? problem.cause.name : problem.name) : undefined;
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED" || (ceremony === "registration" && name === "InvalidStateError")) {
    return "This device already has a passkey for your account. Use it, or add a passkey on another device.";
  }
  if (name === "NotAllowedError" || name === "AbortError") {
    return ceremony === "sign-in"
      ? "The passkey prompt was closed or timed out. Try again, or sign in another way."
      : "The passkey prompt was closed or timed out, so no passkey was added. Try again when you are ready.";
  }
  if (code === "ERROR_INVALID_DOMAIN" || code === "ERROR_INVALID_RP_ID" || name === "SecurityError") {
    return "Passkeys do not work on this address. Open this page over https, or on localhost.";
  }
  return ceremony === "sign-in"
    ? "Your browser could not use a passkey here. Try again, or sign in another way."
    : "Your browser could not create a passkey. Try again, or use another device.";
}
