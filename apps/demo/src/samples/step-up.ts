import type { PlintoAuth } from "@plinto/sdk";

/** The authentication class of a sign-in with a second factor (TOTP, passkey or email code). */
export const TWO_FACTORS = "urn:plinto:acr:2fa";

/**
 * Ask for a second factor: a signed-in user proves one (no new password), and the tokens then
 * carry `acr: urn:plinto:acr:2fa` and the methods used in `amr` (e.g. ["pwd", "otp"]).
 */
export function stepUpUrl(auth: PlintoAuth): Promise<URL> {
  return auth.createSignInUrl({ acrValues: TWO_FACTORS });
}
