/** True for hosts that never leave this machine: plain http to them is acceptable in development. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Parses an absolute URL and refuses plain http except to loopback (or when the caller opted in),
 * because tokens and keys fetched over http can be swapped by anyone on the path.
 */
export function secureUrl(value: string | URL, what: string, allowInsecure = false): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${what} "${String(value)}" is not an absolute URL`);
  }
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && (allowInsecure || isLoopback(url))) return url;
  throw new TypeError(`${what} "${url.href}" must use https (plain http is accepted only for localhost)`);
}

/**
 * Checks an issuer identifier and returns it unchanged: `iss` is compared exactly (OIDC Core
 * §3.1.3.7), so a trailing slash is not tidied away here.
 */
export function checkIssuer(issuer: string, allowInsecure = false): string {
  const url = secureUrl(issuer, "issuer", allowInsecure);
  if (url.search || url.hash) throw new TypeError(`issuer "${issuer}" must not have a query or fragment`);
  return issuer;
}

/** `{issuer}/.well-known/openid-configuration`, the OIDC Discovery location. */
export function discoveryUrl(issuer: string): URL {
  return new URL(`${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`);
}
