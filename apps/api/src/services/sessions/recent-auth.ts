import { ServiceError } from "../errors";

/** How recent a sign-in must be, by default, to change how an account is protected. */
export const RECENT_AUTH_SECONDS = 5 * 60;

/**
 * Refuses unless the session's last authentication (its `authTime`: the sign-in, or the latest
 * step-up with a second factor; never mere activity) is at most `maxAgeSeconds` old. Guards every
 * change to the ways into an account (second factors, recovery codes, and later email and
 * password changes), so a session cookie stolen or left open on a shared computer cannot quietly
 * take the account over. The caller answers `reauthentication_required` (403) by signing in again
 * or stepping up with a second factor. A session an administrator started as the user
 * (impersonation) is refused outright.
 */
export function requireRecentAuth(
  session: { authTime: Date; impersonationId?: string | null },
  maxAgeSeconds = RECENT_AUTH_SECONDS,
  now: Date = new Date(),
) {
  // An administrator signed in as the user for support never changes how the account is protected.
  if (session.impersonationId) {
    throw new ServiceError("forbidden", "An administrator signed in as this user cannot change how the account is protected");
  }
  const age = now.getTime() - session.authTime.getTime();
  if (age > maxAgeSeconds * 1000) {
    throw new ServiceError(
      "reauthentication_required",
      `For your security, confirm it's you first: this needs a sign-in within the last ${Math.max(1, Math.round(maxAgeSeconds / 60))} minutes`,
    );
  }
}
