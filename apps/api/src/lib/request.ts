import type { RequestContext } from "../services/context";

/**
 * The client address as the API's own server saw it on the socket. server.ts writes this header
 * on every request (replacing any value a client sent), so it cannot be forged from outside.
 */
export const CLIENT_IP_HEADER = "x-plinto-client-ip";

/** Who is calling and from where, for services, rate limits and the audit log. */
export function contextFromHeaders(headers: Headers, actor: RequestContext["actor"] = { type: "user" }): RequestContext {
  const ipAddress = headers.get(CLIENT_IP_HEADER) || undefined;
  const userAgent = headers.get("user-agent")?.slice(0, 512) || undefined;
  return { actor, ...(ipAddress ? { ipAddress } : {}), ...(userAgent ? { userAgent } : {}) };
}

export function requestContext(request: Request, actor: RequestContext["actor"] = { type: "user" }): RequestContext {
  return contextFromHeaders(request.headers, actor);
}

/** The IdP session cookie: HttpOnly, SameSite=Lax, Secure under https, scoped to the tenant's path. */
export const SESSION_COOKIE = "plinto_session";

/** The attributes of every cookie Plinto sets for a tenant (as `cookies().set` options). */
export function tenantCookieOptions(publicUrl: string, tenantSlug: string, maxAge: number) {
  return { httpOnly: true, sameSite: "lax", secure: publicUrl.startsWith("https:"), path: `/t/${tenantSlug}`, maxAge } as const;
}

/** Carries a pending OpenID Provider interaction (its uid) through the hosted sign-in pages. */
export const INTERACTION_COOKIE = "plinto_interaction";

/** The same session cookie as a `Set-Cookie` header value, for route handlers. */
export function sessionCookie(publicUrl: string, tenantSlug: string, token: string, maxAgeSeconds: number): string {
  const o = tenantCookieOptions(publicUrl, tenantSlug, maxAgeSeconds);
  return `${SESSION_COOKIE}=${token}; Path=${o.path}; Max-Age=${o.maxAge}; HttpOnly; SameSite=Lax${o.secure ? "; Secure" : ""}`;
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
