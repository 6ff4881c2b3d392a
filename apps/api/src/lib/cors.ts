import type { IncomingMessage, ServerResponse } from "node:http";
import { MANAGED_TENANT_HEADER } from "@plinto/contracts";

/**
 * Cross-origin access to the REST API for browsers on the allowed origins (`config.corsOrigins`;
 * by default only the docs site, whose playground sends real requests). Narrow on purpose:
 *
 * - only `/v1/…`, `/health` and `/ready` — the OpenID Provider under `/t/{tenant}/` has its own
 *   CORS rules (oidc-provider), and the hosted pages are not for other origins at all;
 * - the `Origin` must equal an allowed origin exactly; it is echoed, never `*`;
 * - no `Access-Control-Allow-Credentials`: a browser neither sends nor stores cookies on these
 *   requests, so a page elsewhere cannot ride a signed-in user's session. Callers authenticate
 *   with a bearer token (an API key or an access token) that they hold themselves.
 */
export const CORS_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export const CORS_REQUEST_HEADERS = ["authorization", "content-type", MANAGED_TENANT_HEADER] as const;
/** Headers a script may read beyond the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = ["retry-after", "location", "www-authenticate"] as const;
/** How long a browser may reuse a preflight answer, in seconds. */
export const CORS_MAX_AGE = 600;

const CORS_PATH = /^\/(?:v1(?:\/|$)|health$|ready$)/;

/** Whether `pathname` is one of the paths the CORS policy covers. */
export function coversPath(pathname: string): boolean {
  return CORS_PATH.test(pathname);
}

export interface CorsDecision {
  /** Headers to put on the answer. */
  headers: Record<string, string>;
  /** A preflight (OPTIONS with Access-Control-Request-Method): answer it here with 204 and these headers. */
  preflight: boolean;
}

/**
 * What the CORS policy says about one request; null when it does not apply (another path, or no
 * `Origin`, as with every same-origin GET and every non-browser client).
 */
export function corsDecision(
  request: { method: string; pathname: string; origin: string | undefined; requestMethod: string | undefined },
  allowedOrigins: readonly string[],
): CorsDecision | null {
  if (!coversPath(request.pathname) || request.origin === undefined) return null;
  const allowed = allowedOrigins.includes(request.origin);
  // The answer depends on the Origin, so a cache must key on it even when it refuses.
  const headers: Record<string, string> = { vary: "Origin" };
  const preflight = request.method === "OPTIONS" && request.requestMethod !== undefined;
  if (allowed) {
    headers["access-control-allow-origin"] = request.origin;
    if (preflight) {
      headers["access-control-allow-methods"] = CORS_METHODS.join(", ");
      headers["access-control-allow-headers"] = CORS_REQUEST_HEADERS.join(", ");
      headers["access-control-max-age"] = String(CORS_MAX_AGE);
    } else {
      headers["access-control-expose-headers"] = CORS_EXPOSED_HEADERS.join(", ");
    }
  }
  return { headers, preflight };
}

/**
 * Applies the policy at the HTTP edge (server.ts), before Next sees the request: sets the headers,
 * and answers a preflight itself (204; without the allow headers when the origin is not allowed,
 * which the browser takes as a refusal). Returns true when it answered.
 */
export function handleCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: readonly string[]): boolean {
  const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
  const header = (name: string) => {
    const value = req.headers[name];
    return typeof value === "string" ? value : undefined;
  };
  const decision = corsDecision(
    { method: req.method ?? "GET", pathname, origin: header("origin"), requestMethod: header("access-control-request-method") },
    allowedOrigins,
  );
  if (!decision) return false;
  for (const [name, value] of Object.entries(decision.headers)) res.setHeader(name, value);
  if (!decision.preflight) return false;
  res.statusCode = 204;
  res.setHeader("cache-control", "no-store");
  res.end();
  return true;
}
