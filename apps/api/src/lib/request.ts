import type { RequestContext } from "../services/context";

/**
 * The client address as the API's own server saw it on the socket. server.ts writes this header
 * on every request (replacing any value a client sent), so it cannot be forged from outside.
 */
export const CLIENT_IP_HEADER = "x-plinto-client-ip";

/** Who is calling and from where, for services, rate limits and the audit log. */
export function requestContext(request: Request, actor: RequestContext["actor"] = { type: "user" }): RequestContext {
  const ipAddress = request.headers.get(CLIENT_IP_HEADER) ?? undefined;
  const userAgent = request.headers.get("user-agent")?.slice(0, 512) ?? undefined;
  return { actor, ...(ipAddress ? { ipAddress } : {}), ...(userAgent ? { userAgent } : {}) };
}

/** The IdP session cookie: HttpOnly, SameSite=Lax, Secure under https, scoped to the tenant's path. */
export const SESSION_COOKIE = "plinto_session";

export function sessionCookie(publicUrl: string, tenantSlug: string, token: string, maxAgeSeconds: number): string {
  const secure = publicUrl.startsWith("https:") ? "; Secure" : "";
  return `${SESSION_COOKIE}=${token}; Path=/t/${tenantSlug}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

export function clearedSessionCookie(publicUrl: string, tenantSlug: string): string {
  return sessionCookie(publicUrl, tenantSlug, "", 0);
}

/** The session token a request carries in its cookie, if any. */
export function sessionTokenFrom(request: Request): string | undefined {
  const cookies = request.headers.get("cookie") ?? "";
  for (const part of cookies.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return rest.join("=") || undefined;
  }
  return undefined;
}
