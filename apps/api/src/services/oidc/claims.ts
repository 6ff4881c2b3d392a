import { APPLICATION_SCOPES } from "@plinto/contracts";
import type { users } from "@plinto/db/schema";

type User = typeof users.$inferSelect;

/** The scopes a Plinto tenant's provider knows: those an application may be allowed. */
export const OIDC_SCOPES = APPLICATION_SCOPES;

/** The claims each scope releases (OIDC Core §5.4). */
export const CLAIMS_BY_SCOPE = {
  // The authentication facts travel with `openid`: who (sub), which sign-in (sid), when, and how.
  openid: ["sub", "sid", "auth_time", "acr", "amr"],
  profile: ["name", "given_name", "family_name", "picture", "locale", "updated_at"],
  email: ["email", "email_verified"],
} as const;

/**
 * Authentication context classes: one factor, or more than one (the MFA issue raises sessions to
 * the second). Tokens carry the session's value in `acr`, its methods (RFC 8176) in `amr`.
 */
export const ACR = { singleFactor: "urn:plinto:acr:1fa", multiFactor: "urn:plinto:acr:2fa" } as const;

/** Every claim the user has; the provider releases only those the granted scopes allow. */
export function userClaims(user: User) {
  return {
    sub: user.id,
    name: user.name ?? undefined,
    given_name: user.givenName ?? undefined,
    family_name: user.familyName ?? undefined,
    picture: user.pictureUrl ?? undefined,
    locale: user.locale ?? undefined,
    updated_at: Math.floor(user.updatedAt.getTime() / 1000),
    email: user.email,
    email_verified: user.emailVerifiedAt !== null,
  };
}
