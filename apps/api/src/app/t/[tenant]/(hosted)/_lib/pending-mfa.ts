import { cookies } from "next/headers";
import { tenantCookieOptions } from "../../../../../lib/request";
import type { MfaEnrolmentRequired, MfaRequired } from "../../../../../services/mfa/sign-in";
import { linkToken } from "./forms";
import { hostedPath } from "./hosted";

/**
 * A sign-in waiting for its second factor, carried from the sign-in page to the MFA pages in an
 * HttpOnly cookie on the tenant's path (never in a URL, where it would reach logs and Referer
 * headers), living exactly as long as the pending sign-in. Helpers for the server actions and pages.
 */
export const MFA_CHALLENGE_COOKIE = "plinto_mfa";

/** Keeps the pending sign-in for this browser and says which page continues it. */
export async function holdForSecondFactor(publicUrl: string, tenantSlug: string, outcome: MfaRequired | MfaEnrolmentRequired, now = new Date()) {
  const maxAge = Math.max(1, Math.floor((outcome.expiresAt.getTime() - now.getTime()) / 1000));
  (await cookies()).set(MFA_CHALLENGE_COOKIE, outcome.challengeToken, tenantCookieOptions(publicUrl, tenantSlug, maxAge));
  return hostedPath(tenantSlug, outcome.status === "mfa_required" ? "mfa" : "mfa/enrol");
}

/** The pending sign-in's token this browser holds, if it looks like one. */
export async function pendingMfaToken(): Promise<string | undefined> {
  return linkToken((await cookies()).get(MFA_CHALLENGE_COOKIE)?.value);
}

export async function forgetMfaChallenge(publicUrl: string, tenantSlug: string) {
  const jar = await cookies();
  if (jar.has(MFA_CHALLENGE_COOKIE)) jar.set(MFA_CHALLENGE_COOKIE, "", tenantCookieOptions(publicUrl, tenantSlug, 0));
}
