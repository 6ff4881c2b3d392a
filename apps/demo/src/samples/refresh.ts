import type { PlintoAuth } from "@plinto/sdk";

/**
 * A new access token from the refresh token. The refresh token rotates: the SDK keeps the new one,
 * and the old one is spent (using it again ends the whole grant, as theft would).
 * `getAccessToken()` without `forceRefresh` renews only when the token is about to expire.
 */
export function refreshNow(auth: PlintoAuth): Promise<string> {
  return auth.getAccessToken({ forceRefresh: true });
}
