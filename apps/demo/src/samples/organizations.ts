import type { PlintoAuth } from "@plinto/sdk";

/** What a token with the `organizations` scope says about the user's organizations. */
export interface OrganizationClaims {
  organizations?: Array<{ id: string; slug: string; name: string; role: string }>;
  org_id?: string;
  org_slug?: string;
  org_role?: string;
  org_permissions?: string[];
}

/**
 * Switch the active organization: an authorization request with `organization=<id or slug>`. The
 * user is already signed in, so the provider answers at once, and the new tokens carry the
 * organization in `org_id`, `org_slug`, `org_role` and `org_permissions`.
 */
export function switchOrganizationUrl(auth: PlintoAuth, organization: string): Promise<URL> {
  return auth.createSignInUrl({ extraParams: { organization } });
}
