import { cookies } from "next/headers";
import { SESSION_COOKIE } from "../../../../../lib/request";
import type { Runtime } from "../../../../../lib/runtime";
import { signOut } from "../../../../../services/auth/auth";
import { forgetPendingEmail, hostedContext, setSessionCookie } from "./hosted";

/**
 * The browser's session cookie, for the hosted pages' server actions. Not a "use server" module:
 * these are helpers the actions call, never actions a browser could call itself.
 */

/**
 * Puts the new session in the tenant's cookie, which lives as long as the session may (the tenant's
 * absolute lifetime: the session's expiry minus its start). A session the cookie named before is
 * ended: this browser could never reach it again.
 */
export async function startBrowserSession(
  runtime: Runtime,
  slug: string,
  result: { session: { authTime: Date; expiresAt: Date }; sessionToken: string },
) {
  const previous = (await cookies()).get(SESSION_COOKIE)?.value;
  if (previous && previous !== result.sessionToken) await endSession(runtime, slug, previous);
  await replaceBrowserSessionToken(runtime, slug, result);
  await forgetPendingEmail(runtime.config.publicUrl, slug);
}

/** The same session under a new token (after a step-up): the cookie is rewritten, nothing is ended. */
export async function replaceBrowserSessionToken(
  runtime: Runtime,
  slug: string,
  result: { session: { authTime: Date; expiresAt: Date }; sessionToken: string },
) {
  const maxAge = Math.max(0, Math.round((result.session.expiresAt.getTime() - result.session.authTime.getTime()) / 1000));
  await setSessionCookie(runtime.config.publicUrl, slug, result.sessionToken, maxAge);
}

/** Ends the session a token names, if it is live. Best effort: the caller replaces or clears the cookie regardless. */
export async function endSession(runtime: Runtime, slug: string, token: string) {
  try {
    await signOut(runtime.database.db, await hostedContext(), { tenantSlug: slug, sessionToken: token });
  } catch (error) {
    console.error(`plinto-api: ending a session failed (${error instanceof Error ? error.name : typeof error})`);
  }
}
