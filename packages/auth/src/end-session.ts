/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): where to send the browser so the
 * provider ends the user's session there too, and then sends them back to the site.
 */

import { discoverEndpoint, type Fetch } from "./discovery";

export interface EndSessionRequest {
  /** The provider's `end_session_endpoint`, from its discovery document. */
  endpoint: string;
  /** The ID token of the session being ended, if the site still has it. */
  idToken?: string | undefined;
  clientId: string;
  /** Where the provider sends the browser afterwards; must be registered for the client. */
  postLogoutRedirectUri: string;
}

/** The end-session URL with `id_token_hint`, `client_id` and `post_logout_redirect_uri`. */
export function endSessionUrl(request: EndSessionRequest): string {
  const url = new URL(request.endpoint);
  if (request.idToken) url.searchParams.set("id_token_hint", request.idToken);
  url.searchParams.set("client_id", request.clientId);
  url.searchParams.set("post_logout_redirect_uri", request.postLogoutRedirectUri);
  return url.toString();
}

export { clearDiscoveryCache, DISCOVERY_TTL_MS } from "./discovery";

/** The issuer's `end_session_endpoint` (see `discoverEndpoint`). */
export function discoverEndSessionEndpoint(issuer: string, options: { fetch?: Fetch; now?: number } = {}): Promise<string> {
  return discoverEndpoint(issuer, "end_session_endpoint", options);
}
