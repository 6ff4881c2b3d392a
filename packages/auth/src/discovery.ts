/**
 * The provider's endpoints, read from its discovery document (OpenID Connect Discovery 1.0) and
 * kept for {@link DISCOVERY_TTL_MS}, so a site asks once in a while, not on every sign-out or refresh.
 */

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** How long a discovered document is reused before it is read again. */
export const DISCOVERY_TTL_MS = 10 * 60 * 1000;

type Endpoint = "end_session_endpoint" | "token_endpoint";

const cache = new Map<string, { document: Record<string, unknown>; until: number }>();

/**
 * One endpoint of the issuer. Throws when the document cannot be read, names another issuer, or
 * lacks the endpoint.
 */
export async function discoverEndpoint(issuer: string, name: Endpoint, options: { fetch?: Fetch; now?: number } = {}): Promise<string> {
  const now = options.now ?? Date.now();
  let document = cache.get(issuer);
  if (!document || document.until <= now) {
    const doFetch = options.fetch ?? fetch;
    const response = await doFetch(`${issuer}/.well-known/openid-configuration`, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`the discovery document of ${issuer} answered HTTP ${response.status}`);
    const body = (await response.json()) as Record<string, unknown>;
    if (body.issuer !== issuer) throw new Error(`the discovery document at ${issuer} names another issuer (${String(body.issuer)})`);
    document = { document: body, until: now + DISCOVERY_TTL_MS };
    cache.set(issuer, document);
  }
  const endpoint = document.document[name];
  if (typeof endpoint !== "string" || !/^https?:\/\//.test(endpoint)) throw new Error(`${issuer} publishes no ${name}`);
  return endpoint;
}

/** Forgets discovered documents (for tests). */
export function clearDiscoveryCache(): void {
  cache.clear();
}
