import type { PlintoAuth } from "@plinto/sdk";

/**
 * RP-initiated logout: the SDK revokes the refresh token, forgets the tokens, and gives the
 * tenant's end-session URL (with `id_token_hint`). There the user confirms, the tenant session
 * ends, and the provider sends the browser to `postLogoutRedirectUri` (registered on the application).
 */
export function signOutUrl(auth: PlintoAuth, postLogoutRedirectUri: string): Promise<URL> {
  return auth.createSignOutUrl({ postLogoutRedirectUri });
}
