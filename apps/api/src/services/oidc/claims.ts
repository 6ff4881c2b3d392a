import { APPLICATION_SCOPES } from "@plinto/contracts";
import type { Executor } from "@plinto/db";
import type { users } from "@plinto/db/schema";
import { activeOrganization, organizationsOf, sessionOrganizationChoice } from "../organizations/active";

type User = typeof users.$inferSelect;

/** The scopes a Plinto tenant's provider knows: those an application may be allowed. */
export const OIDC_SCOPES = APPLICATION_SCOPES;

/** The claims each scope releases (OIDC Core §5.4). */
export const CLAIMS_BY_SCOPE = {
  // The authentication facts travel with `openid`: who (sub), which sign-in (sid), when, and how.
  openid: ["sub", "sid", "auth_time", "acr", "amr"],
  profile: ["name", "given_name", "family_name", "picture", "locale", "updated_at"],
  email: ["email", "email_verified"],
  // The user's organizations, and the one the session acts in with its role and permissions.
  organizations: ["organizations", "org_id", "org_slug", "org_role", "org_permissions"],
} as const;

/** The scope that releases organization claims. */
export const ORGANIZATIONS_SCOPE = "organizations";
/** The claims about the active organization, for the ID token and the API's access tokens. */
export const ACTIVE_ORGANIZATION_CLAIMS = ["org_id", "org_slug", "org_role", "org_permissions"] as const;
export const ORGANIZATION_CLAIMS = CLAIMS_BY_SCOPE.organizations;

export interface OrganizationClaims {
  organizations: Array<{ id: string; slug: string; name: string; role: string }>;
  org_id?: string;
  org_slug?: string;
  org_role?: string;
  org_permissions?: string[];
}

/**
 * What tokens say about the user's organizations, computed now from memberships and roles (never
 * copied from an earlier token): all of them, and the active one of the tenant session `sessionId`
 * (the session the provider's sign-in came from, the token's `sid`). A user in none gets `[]`.
 */
export async function organizationClaims(
  db: Executor,
  input: { tenantId: string; userId: string; sessionId: string | undefined },
): Promise<OrganizationClaims> {
  const mine = await organizationsOf(db, input);
  const choice = input.sessionId ? await sessionOrganizationChoice(db, { ...input, sessionId: input.sessionId }) : null;
  const active = await activeOrganization(db, { ...input, sessionActiveOrganizationId: choice }, mine);
  return {
    organizations: mine.map((o) => ({ id: o.id, slug: o.slug, name: o.name, role: o.role })),
    ...(active ? { org_id: active.id, org_slug: active.slug, org_role: active.role, org_permissions: active.permissions } : {}),
  };
}

/** Whether a space-separated scope string (or a set of scopes) includes `organizations`. */
export function grantsOrganizations(scope: string | Iterable<string> | undefined): boolean {
  if (scope === undefined) return false;
  const list = typeof scope === "string" ? scope.split(" ") : [...scope];
  return list.includes(ORGANIZATIONS_SCOPE);
}

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
