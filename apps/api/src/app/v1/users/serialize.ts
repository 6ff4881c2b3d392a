import type { ManagedUser, UserSignInSecurity } from "@plinto/contracts";
import type { User } from "../../../services/users/directory";
import type { SignInSecurity } from "../../../services/users/sign-in-security";

/** A user on the wire: the profile, never a credential. */
export function userJson(user: User): ManagedUser {
  return {
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    name: user.name,
    givenName: user.givenName,
    familyName: user.familyName,
    pictureUrl: user.pictureUrl,
    locale: user.locale,
    status: user.status === "blocked" ? "blocked" : "active",
    metadata: user.metadata,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** What Next hands every route under `/v1/users/[user]/`. */
export type UserParams = { params: Promise<{ user: string }> };

/** The sign-in security report on the wire. */
export function signInSecurityJson(report: SignInSecurity): UserSignInSecurity {
  return {
    locked: report.locked,
    lockedUntil: report.lockedUntil?.toISOString() ?? null,
    limits: report.limits.map((l) => ({ ...l, resetAt: l.resetAt?.toISOString() ?? null })),
    recentFailures: report.recentFailures.map((f) => ({
      ...f,
      occurredAt: f.occurredAt.toISOString(),
      pausedUntil: f.pausedUntil?.toISOString() ?? null,
    })),
  };
}
