import type { PlintoAuth } from "@plinto/sdk";

/**
 * A sign-in that must happen now, on the hosted page, even when the browser is already signed in
 * to the tenant: `prompt=login`. The hosted page then offers every method the tenant allows: a
 * password, a passkey, a magic link or a code by email, and "Create an account".
 * (`consent` stays in the prompt: it is what brings a refresh token for offline_access.)
 */
export function freshSignInUrl(auth: PlintoAuth, email?: string): Promise<URL> {
  return auth.createSignInUrl({ prompt: "login consent", ...(email ? { loginHint: email } : {}) });
}
