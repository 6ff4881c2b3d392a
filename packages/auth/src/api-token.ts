/**
 * The site's access token for Plinto's API. Sign-in asks the platform tenant's provider for the
 * resource `{apiUrl}/v1` (RFC 8707) with `offline_access`, so the code exchange answers a signed
 * access token for the API (RFC 9068) and a refresh token. Both stay in the encrypted session
 * cookie, never in what the browser can read. Refresh tokens rotate on every use, so a refresh must
 * end with the new one written back to the cookie: the site's proxy does it before a page renders
 * (see `createSiteAuth().proxy`), never a server component, which cannot set cookies.
 */
import type { JWT } from "next-auth/jwt";
import { discoverEndpoint, type Fetch } from "./discovery";
import type { AuthEnv } from "./env";

/** Refresh this long before the access token expires, so no page calls the API with a dying one. */
export const API_TOKEN_REFRESH_MARGIN_SECONDS = 60;

export const apiResource = (env: Pick<AuthEnv, "apiUrl">) => `${env.apiUrl}/v1`;

/** What the session keeps about the API; `apiTokenError` marks a session that must sign in again. */
declare module "next-auth/jwt" {
  interface JWT {
    apiAccessToken?: string;
    apiRefreshToken?: string;
    /** Unix seconds. */
    apiAccessTokenExpiresAt?: number;
    apiTokenError?: "refresh_failed";
  }
}
export type ApiTokenFields = Pick<JWT, "apiAccessToken" | "apiRefreshToken" | "apiAccessTokenExpiresAt" | "apiTokenError">;

/** The API fields of a sign-in's token answer, as next-auth hands it to the jwt callback. */
export function apiTokenFromSignIn(account: { access_token?: string; refresh_token?: string; expires_at?: number }): ApiTokenFields {
  return {
    ...(account.access_token ? { apiAccessToken: account.access_token } : {}),
    ...(account.refresh_token ? { apiRefreshToken: account.refresh_token } : {}),
    ...(account.expires_at ? { apiAccessTokenExpiresAt: account.expires_at } : {}),
  };
}

/** Whether the session's access token is missing its refresh, or close enough to expiry to refresh now. */
export function needsRefresh(token: JWT, now: number = Date.now()): boolean {
  if (!token.apiRefreshToken || token.apiTokenError) return false;
  const expiresAt = token.apiAccessTokenExpiresAt ?? 0;
  return expiresAt - API_TOKEN_REFRESH_MARGIN_SECONDS <= now / 1000;
}

/** The access token to call the API with, or undefined when there is none or it has expired. */
export function usableApiToken(token: JWT | null, now: number = Date.now()): string | undefined {
  if (!token?.apiAccessToken || token.apiTokenError) return undefined;
  return (token.apiAccessTokenExpiresAt ?? 0) > now / 1000 ? token.apiAccessToken : undefined;
}

/**
 * Uses the refresh token (client_secret_basic, the API resource again) and returns the session's
 * new API fields: the new access token, the rotated refresh token and the new expiry; or, when the
 * provider refuses (the grant ended: signed out elsewhere, blocked, replayed), a session marked to
 * sign in again with no tokens left in it.
 */
export async function refreshApiToken(env: AuthEnv, token: JWT, options: { fetch?: Fetch; now?: number } = {}): Promise<ApiTokenFields> {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now();
  const endpoint = await discoverEndpoint(env.issuer, "token_endpoint", { fetch: doFetch });
  const basic = Buffer.from(`${encodeURIComponent(env.clientId)}:${encodeURIComponent(env.clientSecret)}`).toString("base64");
  const response = await doFetch(endpoint, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: token.apiRefreshToken ?? "", resource: apiResource(env) }).toString(),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown };
  if (!response.ok || typeof body.access_token !== "string" || typeof body.expires_in !== "number") {
    return { apiTokenError: "refresh_failed" };
  }
  return {
    apiAccessToken: body.access_token,
    apiRefreshToken: typeof body.refresh_token === "string" ? body.refresh_token : token.apiRefreshToken!,
    apiAccessTokenExpiresAt: Math.floor(now / 1000) + body.expires_in,
  };
}

/** The token with its API fields replaced (a refresh's answer, or the marks of a failed one). */
export function withApiToken(token: JWT, fields: ApiTokenFields): JWT {
  const { apiAccessToken: _a, apiRefreshToken: _r, apiAccessTokenExpiresAt: _e, apiTokenError: _x, ...rest } = token;
  return { ...rest, ...fields };
}
