import type { StoredTokens } from "@plinto/sdk";
import { decodeJwt } from "jose";
import type { OrganizationClaims } from "~/samples/organizations";

/** What the session's verified ID token claims say, for the pages (never the tokens themselves). */
export function signedInView(tokens: StoredTokens | undefined) {
  if (!tokens) return undefined;
  const claims = tokens.claims as typeof tokens.claims & OrganizationClaims;
  let access: { jti?: string; iat?: number; exp?: number } = {};
  try {
    const decoded = decodeJwt(tokens.accessToken);
    access = { ...(typeof decoded.jti === "string" ? { jti: decoded.jti } : {}), ...(decoded.iat ? { iat: decoded.iat } : {}), ...(decoded.exp ? { exp: decoded.exp } : {}) };
  } catch {
    // an opaque access token: nothing to show
  }
  return {
    sub: claims.sub,
    amr: Array.isArray(claims.amr) ? (claims.amr as string[]) : [],
    acr: typeof claims.acr === "string" ? claims.acr : undefined,
    organizations: claims.organizations ?? [],
    activeOrganization: claims.org_slug,
    access,
    hasRefreshToken: Boolean(tokens.refreshToken),
  };
}
export type SignedInView = NonNullable<ReturnType<typeof signedInView>>;
