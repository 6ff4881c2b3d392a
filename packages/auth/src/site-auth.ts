import type { NextApiRequest, NextApiResponse } from "next";
import NextAuth, { getServerSession, type AuthOptions } from "next-auth";
import { decode, encode, getToken, type JWT } from "next-auth/jwt";
import { cookies as requestCookieStore } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { needsRefresh, refreshApiToken, usableApiToken, withApiToken } from "./api-token";
import { discoverEndSessionEndpoint, endSessionUrl } from "./end-session";
import { readSessionCookie, sessionCookieParts } from "./session-cookie";
import type { AuthEnv } from "./env";
import { authOptions, PROVIDER_ID, type AuthSite } from "./options";

/** Who is signed in, as the pages show it. */
export interface SignedInUser {
  name: string | null;
  email: string | null;
}

/** The context Next passes to `app/api/auth/[...nextauth]/route.ts`. */
export interface NextAuthRouteContext {
  params: Promise<{ nextauth: string[] }>;
}

type RouteHandler = (request: NextRequest, context: NextAuthRouteContext) => Promise<Response>;

/** What one next-auth action answered, captured instead of written to a socket. */
export interface NextAuthAnswer {
  status: number;
  location: string | undefined;
  setCookies: string[];
  body: unknown;
}

/**
 * Runs one next-auth action in-process through its documented `NextAuth(req, res, options)` form,
 * with the cookies we give it, and captures the answer. That lets a plain form on the site start
 * the sign-in (a POST with next-auth's CSRF token, which next-auth v4 requires) without its own
 * sign-in page in between.
 */
export async function runNextAuthAction(
  options: AuthOptions,
  call: {
    action: "csrf" | "signin" | "signout" | "callback" | "session";
    providerId?: string;
    method: "GET" | "POST";
    query?: Record<string, string>;
    body?: Record<string, string>;
    cookies: Record<string, string>;
    headers: Record<string, string>;
  },
): Promise<NextAuthAnswer> {
  const headers = new Map<string, unknown>();
  let status = 200;
  let body: unknown;
  const res = {
    status(code: number) {
      status = code;
      return res;
    },
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    getHeader(name: string) {
      return headers.get(name.toLowerCase());
    },
    end() {
      return res;
    },
    json(value: unknown) {
      body = value;
      return res;
    },
    send(value: unknown) {
      body = value;
      return res;
    },
  };
  const req = {
    method: call.method,
    query: { ...call.query, nextauth: call.providerId ? [call.action, call.providerId] : [call.action] },
    body: call.body ?? {},
    cookies: call.cookies,
    headers: call.headers,
  };
  await NextAuth(req as unknown as NextApiRequest, res as unknown as NextApiResponse, options);
  const setCookie = headers.get("set-cookie");
  const setCookies = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie.map(String) : [String(setCookie)];
  const location = headers.get("location");
  return { status, location: typeof location === "string" ? location : undefined, setCookies, body };
}

/** The value a `Set-Cookie` line gives cookie `name`, if one of `lines` sets it. */
export function cookieValueFrom(lines: string[], name: string): string | undefined {
  for (const line of lines) {
    const [pair = ""] = line.split(";", 1);
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq).trim() === name) return decodeURIComponent(pair.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Whether a state-changing request came from the site's own pages: its `Origin` (which browsers
 * send with every form POST) is the site's, and Fetch Metadata, where sent, does not say otherwise.
 * Sites on other ports of the same host are "same-site", so only "same-origin" passes.
 */
export function fromOwnPages(headers: Headers, siteUrl: string): boolean {
  const origin = headers.get("origin");
  if (origin !== null && origin !== new URL(siteUrl).origin) return false;
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  return origin !== null || site !== null;
}

/** A path on this site to return to after sign-in; anything else (other hosts, `//…`) becomes `/`. */
export function returnPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

function seeOther(location: string, setCookies: string[] = []): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const line of setCookies) headers.append("set-cookie", line);
  return new Response(null, { status: 303, headers });
}

const forbidden = () =>
  new Response("This request did not come from this site's own pages.", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });

/**
 * Everything one site needs to sign its people in through the platform tenant: the next-auth route
 * handler, the sign-in and sign-out form targets, and the signed-in user for server components.
 * `env` is called on first use (not at import, so `next build` needs no secrets) and remembered.
 */
export function createSiteAuth(input: { site: AuthSite; env: () => AuthEnv; log?: (line: string) => void }) {
  const { site } = input;
  const log = input.log ?? ((line: string) => console.error(line));
  let state: { env: AuthEnv; options: ReturnType<typeof authOptions>; handler: RouteHandler } | undefined;

  function current() {
    if (!state) {
      const env = input.env();
      const options = authOptions(site, env, log);
      state = { env, options, handler: NextAuth(options) as RouteHandler };
    }
    return state;
  }

  const requestCookies = (request: NextRequest) => Object.fromEntries(request.cookies.getAll().map((c) => [c.name, c.value]));

  /** A CSRF token next-auth accepts, with the cookie it is checked against (set now if new). */
  async function csrf(options: ReturnType<typeof authOptions>, cookies: Record<string, string>, headers: Record<string, string>) {
    const answer = await runNextAuthAction(options, { action: "csrf", method: "GET", cookies, headers });
    const token = (answer.body as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof token !== "string") throw new Error("next-auth gave no CSRF token");
    const name = options.cookies.csrfToken.name;
    const issued = cookieValueFrom(answer.setCookies, name);
    return { token, cookies: issued === undefined ? cookies : { ...cookies, [name]: issued }, setCookies: answer.setCookies };
  }

  /**
   * `POST /auth/sign-in`: straight on to the provider's authorization endpoint, no chooser page.
   * With `reauthenticate=1` in the form, the provider asks for the sign-in again even though its
   * session is live (`prompt=login`, OIDC Core §3.1.2.1), so the session the site gets back signed
   * in just now: what changes to how the account is protected ask for. (Not `max_age=0`: a sign-in
   * finished within the same second would still count as too old, and the provider would ask again.)
   */
  async function signIn(request: NextRequest): Promise<Response> {
    const { env, options } = current();
    if (!fromOwnPages(request.headers, env.siteUrl)) return forbidden();
    const form = await request.formData().catch(() => undefined);
    const callbackUrl = `${env.siteUrl}${returnPath(form?.get("callbackUrl"))}`;
    const headers = Object.fromEntries(request.headers);
    const token = await csrf(options, requestCookies(request), headers);
    const answer = await runNextAuthAction(options, {
      action: "signin",
      providerId: PROVIDER_ID,
      method: "POST",
      body: { csrfToken: token.token, callbackUrl },
      // Consent stays asked for too: offline_access (the refresh token) is granted only with it.
      ...(form?.get("reauthenticate") === "1" ? { query: { prompt: "login consent" } } : {}),
      cookies: token.cookies,
      headers,
    });
    return seeOther(answer.location ?? `${env.siteUrl}/?error=OAuthSignin`, [...token.setCookies, ...answer.setCookies]);
  }

  /**
   * `POST /auth/sign-out`: ends the next-auth session, then sends the browser to the provider's
   * end-session endpoint with the ID token as `id_token_hint`, so the user is signed out of the
   * platform tenant too and comes back to the site's first page. If the provider cannot be asked
   * where that endpoint is, the user is still signed out here and lands on the first page.
   */
  async function signOut(request: NextRequest): Promise<Response> {
    const { env, options } = current();
    if (!fromOwnPages(request.headers, env.siteUrl)) return forbidden();
    const jwt = await getToken({ req: request, secret: env.secret, cookieName: options.cookies.sessionToken.name }).catch(() => null);
    const headers = Object.fromEntries(request.headers);
    const token = await csrf(options, requestCookies(request), headers);
    const answer = await runNextAuthAction(options, { action: "signout", method: "POST", body: { csrfToken: token.token }, cookies: token.cookies, headers });
    const cookies = [...token.setCookies, ...answer.setCookies];
    const home = `${env.siteUrl}/`;
    try {
      const endpoint = await discoverEndSessionEndpoint(env.issuer);
      return seeOther(endSessionUrl({ endpoint, idToken: jwt?.idToken, clientId: env.clientId, postLogoutRedirectUri: home }), cookies);
    } catch (error) {
      log(`plinto-${site}: signed out of this site only; could not find the provider's end-session endpoint: ${error instanceof Error ? error.message : String(error)}`);
      return seeOther(home, cookies);
    }
  }

  /** The session JWT in these cookies, or null (none, or not one this secret made). */
  async function sessionToken(cookies: Record<string, string>): Promise<JWT | null> {
    const { env, options } = current();
    const value = readSessionCookie(cookies, options.cookies.sessionToken.name);
    if (!value) return null;
    return decode({ token: value, secret: env.secret }).catch(() => null);
  }

  /**
   * For the site's `proxy.ts`: before a page renders, refreshes the API access token when it is
   * about to expire, writes the rotated refresh token back into the session cookie, and hands the
   * page the new cookie, so server components always read a usable token. A refresh the provider
   * refuses leaves the session marked to sign in again; one that cannot reach it is tried next time.
   */
  async function proxy(request: NextRequest): Promise<NextResponse> {
    const { env, options } = current();
    const name = options.cookies.sessionToken.name;
    const token = await sessionToken(requestCookies(request));
    if (!token || !needsRefresh(token)) return NextResponse.next();
    let refreshed: JWT;
    try {
      refreshed = withApiToken(token, await refreshApiToken(env, token));
    } catch (error) {
      log(`plinto-${site}: could not refresh the API token (will try again): ${error instanceof Error ? error.message : String(error)}`);
      return NextResponse.next();
    }
    const maxAge = options.session?.maxAge ?? 30 * 86_400;
    const value = await encode({ token: refreshed, secret: env.secret, maxAge });
    const parts = sessionCookieParts(value, name, request.cookies.getAll().map((c) => c.name));
    // The page rendering this request sees the new cookie, and the browser keeps it.
    for (const key of parts.expire) request.cookies.delete(key);
    for (const [key, part] of parts.set) request.cookies.set(key, part);
    const response = NextResponse.next({ request: { headers: request.headers } });
    const attributes = options.cookies.sessionToken.options;
    for (const [key, part] of parts.set) response.cookies.set(key, part, { ...attributes, maxAge });
    for (const key of parts.expire) response.cookies.set(key, "", { ...attributes, maxAge: 0 });
    return response;
  }

  return {
    /** `app/api/auth/[...nextauth]/route.ts`: next-auth's callback, session, CSRF and error endpoints. */
    nextAuth: {
      GET: (request: NextRequest, context: NextAuthRouteContext) => current().handler(request, context),
      POST: (request: NextRequest, context: NextAuthRouteContext) => current().handler(request, context),
    },
    signIn,
    signOut,
    proxy,
    /** The signed-in user of the current request (server components), or null. */
    async signedInUser(): Promise<SignedInUser | null> {
      const session = await getServerSession(current().options);
      if (!session?.user) return null;
      // The provider ended the grant (signed out elsewhere, blocked): sign in again.
      const store = await requestCookieStore();
      const token = await sessionToken(Object.fromEntries(store.getAll().map((c) => [c.name, c.value])));
      if (token?.apiTokenError) return null;
      return { name: session.user.name ?? null, email: session.user.email ?? null };
    },
    /**
     * The access token for Plinto's API of the current request's session (server components and
     * route handlers only), or null when signed out or the session must sign in again.
     */
    async apiToken(): Promise<string | null> {
      const store = await requestCookieStore();
      const token = await sessionToken(Object.fromEntries(store.getAll().map((c) => [c.name, c.value])));
      return usableApiToken(token) ?? null;
    },
    /** The next-auth options in use (for tests and diagnostics). */
    authOptions: () => current().options,
    /** Where the sign-in and sign-out forms post. */
    paths: { signIn: "/auth/sign-in", signOut: "/auth/sign-out" },
  };
}

export type SiteAuth = ReturnType<typeof createSiteAuth>;
