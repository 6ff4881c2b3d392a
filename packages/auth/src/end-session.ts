/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): where to send the browser so the
 * provider ends the user's session there too, and then sends them back to the site.
 */

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

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** How long a discovered end-session endpoint is reused before the document is read again. */
export const DISCOVERY_TTL_MS = 10 * 60 * 1000;

const cache = new Map<string, { endpoint: string; until: number }>();

/**
 * The issuer's `end_session_endpoint`, read from its discovery document (and kept for
 * {@link DISCOVERY_TTL_MS}). Throws when the document cannot be read, names another issuer, or
 * has no end-session endpoint.
 */
export async function discoverEndSessionEndpoint(issuer: string, options: { fetch?: Fetch; now?: number } = {}): Promise<string> {
  const now = options.now ?? Date.now();
  const cached = cache.get(issuer);
  if (cached && cached.until > now) return cached.endpoint;

  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(`${issuer}/.well-known/openid-configuration`, {
    headers: { accept: "application/json" },
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`the discovery document of ${issuer} answered HTTP ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; end_session_endpoint?: unknown };
  if (document.issuer !== issuer) throw new Error(`the discovery document at ${issuer} names another issuer (${String(document.issuer)})`);
  const endpoint = document.end_session_endpoint;
  if (typeof endpoint !== "string" || !/^https?:\/\//.test(endpoint)) throw new Error(`${issuer} publishes no end_session_endpoint`);
  cache.set(issuer, { endpoint, until: now + DISCOVERY_TTL_MS });
  return endpoint;
}

/** Forgets discovered endpoints (for tests). */
export function clearDiscoveryCache(): void {
  cache.clear();
}
