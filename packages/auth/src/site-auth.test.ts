import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { decode, encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { clearDiscoveryCache } from "./end-session";
import type { AuthEnv } from "./env";
import { cookieValueFrom, createSiteAuth, fromOwnPages, returnPath, runNextAuthAction } from "./site-auth";

// The whole round trip of one site against a small stand-in for the platform tenant's provider:
// the sign-in form goes straight to the authorization endpoint (PKCE S256, state, client_secret_basic),
// the callback validates the ID token (the profile asked for in it with `claims`) and keeps it and the
// API tokens in the session JWT; the proxy refreshes the API token before it expires, writing the
// rotated refresh token back; and sign-out clears the session and sends the browser to the
// end-session endpoint with the ID token. (apps/api/test/oidc/site-sign-in.test.ts runs the same
// requests against the real provider.)

const site = "http://localhost:3002";
const user = { sub: "usr_01demo", name: "Demo User", email: "demo@plinto.dev", email_verified: true };

interface FakeProvider {
  issuer: string;
  codes: Map<string, { challenge: string; redirectUri: string }>;
  seenAuthorization: string[];
  /** The `resource` of each token request. */
  seenResources: string[];
  close(): Promise<void>;
}

async function startFakeProvider(client: { id: string; secret: string }): Promise<FakeProvider> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const refreshTokens = new Set<string>();
  const seenAuthorization: string[] = [];
  const seenResources: string[] = [];
  let issuer = "";

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const path = url.pathname.replace("/t/plinto", "");
    if (path === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ["code"],
        code_challenge_methods_supported: ["S256"],
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic"],
        subject_types_supported: ["public"],
      });
    }
    if (path === "/.well-known/jwks.json") return json(200, { keys: [jwk] });
    if (path === "/token" && req.method === "POST") {
      let raw = "";
      req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      req.on("end", () => {
        void (async () => {
          seenAuthorization.push(req.headers.authorization ?? "");
          const expected = `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString("base64")}`;
          if (req.headers.authorization !== expected) return json(401, { error: "invalid_client" });
          const form = new URLSearchParams(raw);
          seenResources.push(form.get("resource") ?? "");
          const refresh = randomBytes(16).toString("base64url");
          refreshTokens.add(refresh);
          if (form.get("grant_type") === "refresh_token") {
            // Rotation: each refresh token works once.
            if (!refreshTokens.delete(form.get("refresh_token") ?? "")) return json(400, { error: "invalid_grant" });
            return json(200, { access_token: randomBytes(16).toString("base64url"), token_type: "Bearer", expires_in: 600, refresh_token: refresh });
          }
          const grant = codes.get(form.get("code") ?? "");
          codes.delete(form.get("code") ?? "");
          const verifier = form.get("code_verifier") ?? "";
          const challenge = createHash("sha256").update(verifier).digest("base64url");
          if (!grant || grant.challenge !== challenge || grant.redirectUri !== form.get("redirect_uri")) return json(400, { error: "invalid_grant" });
          // Like the real provider when `claims` asks for them: the profile in the ID token.
          const idToken = await new SignJWT({ sid: "sid-1", name: user.name, email: user.email, email_verified: user.email_verified })
            .setProtectedHeader({ alg: "RS256", kid: "k1" })
            .setIssuer(issuer)
            .setAudience(client.id)
            .setSubject(user.sub)
            .setIssuedAt()
            .setExpirationTime("10m")
            .sign(privateKey);
          json(200, { access_token: randomBytes(16).toString("base64url"), token_type: "Bearer", expires_in: 600, refresh_token: refresh, id_token: idToken });
        })();
      });
      return;
    }
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/t/plinto`;
  return {
    issuer,
    codes,
    seenAuthorization,
    seenResources,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** name → value of the cookies a response set (deletions remove them). */
function applyCookies(jar: Record<string, string>, lines: string[]): Record<string, string> {
  const next = { ...jar };
  for (const line of lines) {
    const [pair = ""] = line.split(";", 1);
    const name = pair.slice(0, pair.indexOf("="));
    const deleted = /;\s*max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line);
    if (deleted) delete next[name];
    else next[name] = cookieValueFrom([line], name)!;
  }
  return next;
}

const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("; ");

function post(path: string, jar: Record<string, string>, init: { origin?: string; body?: string } = {}) {
  return new NextRequest(`${site}${path}`, {
    method: "POST",
    headers: {
      origin: init.origin ?? site,
      "sec-fetch-site": init.origin && init.origin !== site ? "same-site" : "same-origin",
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookieHeader(jar),
    },
    body: init.body ?? "",
  });
}

const setCookiesOf = (response: Response) => response.headers.getSetCookie();

describe("a site's sign-in against the platform tenant", () => {
  let provider: FakeProvider;
  let env: AuthEnv;
  const log = vi.fn();

  beforeAll(async () => {
    provider = await startFakeProvider({ id: "plinto-admin", secret: "plinto_cs_s3cret/+=" });
    env = {
      issuer: provider.issuer,
      clientId: "plinto-admin",
      clientSecret: "plinto_cs_s3cret/+=",
      secret: "s".repeat(43),
      siteUrl: site,
      apiUrl: provider.issuer.replace(/\/t\/plinto$/, ""),
    };
    // next-auth takes its own address from NEXTAUTH_URL; the site's env.ts checks the same variable.
    vi.stubEnv("NEXTAUTH_URL", site);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await provider.close();
  });
  afterEach(() => {
    clearDiscoveryCache();
    log.mockReset();
  });

  it("signs in with PKCE and state, keeps the ID token in the session, and signs out at the provider", async () => {
    const auth = createSiteAuth({ site: "admin", env: () => env, log });

    // 1. The Sign in button's form: straight to the provider's authorization endpoint.
    const started = await auth.signIn(post("/auth/sign-in", {}, { body: "callbackUrl=%2F" }));
    expect(started.status).toBe(303);
    const authorize = new URL(started.headers.get("location")!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${provider.issuer}/authorize`);
    const params = Object.fromEntries(authorize.searchParams);
    expect(params).toMatchObject({
      client_id: "plinto-admin",
      response_type: "code",
      scope: "openid profile email offline_access",
      prompt: "consent",
      resource: `${env.apiUrl}/v1`,
      redirect_uri: `${site}/api/auth/callback/plinto`,
      code_challenge_method: "S256",
    });
    expect(params.state).toBeTruthy();
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/);
    let jar = applyCookies({}, setCookiesOf(started));
    expect(Object.keys(jar).sort()).toEqual(["plinto-admin.callback-url", "plinto-admin.csrf-token", "plinto-admin.pkce.code_verifier", "plinto-admin.state"]);
    for (const line of setCookiesOf(started)) expect(line).toMatch(/HttpOnly/i);

    // 2. The provider signs the user in and sends the browser back with a code.
    provider.codes.set("code-1", { challenge: params.code_challenge!, redirectUri: params.redirect_uri! });
    const callback = await runNextAuthAction(auth.authOptions(), {
      action: "callback",
      providerId: "plinto",
      method: "GET",
      query: { code: "code-1", state: params.state! },
      cookies: jar,
      headers: { host: "localhost:3002" },
    });
    expect(callback.status).toBe(302);
    expect(callback.location).toBe(`${site}/`);
    jar = applyCookies(jar, callback.setCookies);
    expect(provider.seenAuthorization.at(-1)).toMatch(/^Basic /);
    const session = await decode({ token: jar["plinto-admin.session-token"], secret: env.secret });
    expect(session).toMatchObject({ sub: user.sub, name: user.name, email: user.email });
    expect(session?.idToken).toMatch(/^eyJ/);
    expect(session).toMatchObject({ apiAccessToken: expect.any(String), apiRefreshToken: expect.any(String), apiAccessTokenExpiresAt: expect.any(Number) });
    // The state and PKCE cookies are spent.
    expect(jar["plinto-admin.state"]).toBeUndefined();
    expect(jar["plinto-admin.pkce.code_verifier"]).toBeUndefined();

    // 3. Sign out: the session cookie goes, and the provider is asked to end its session too.
    const signedOut = await auth.signOut(post("/auth/sign-out", jar));
    expect(signedOut.status).toBe(303);
    const logout = new URL(signedOut.headers.get("location")!);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${provider.issuer}/logout`);
    expect(Object.fromEntries(logout.searchParams)).toEqual({
      id_token_hint: session!.idToken,
      client_id: "plinto-admin",
      post_logout_redirect_uri: `${site}/`,
    });
    jar = applyCookies(jar, setCookiesOf(signedOut));
    expect(jar["plinto-admin.session-token"]).toBeUndefined();
  });

  it("asks the provider to sign the user in again (prompt=login, consent kept) when the form says reauthenticate", async () => {
    const auth = createSiteAuth({ site: "app", env: () => env, log });
    const again = await auth.signIn(post("/auth/sign-in", {}, { body: "callbackUrl=%2Fsecurity&reauthenticate=1" }));
    expect(again.status).toBe(303);
    const params = Object.fromEntries(new URL(again.headers.get("location")!).searchParams);
    expect(params).toMatchObject({ prompt: "login consent", resource: `${env.apiUrl}/v1`, scope: "openid profile email offline_access" });
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/);
    const plain = await auth.signIn(post("/auth/sign-in", {}, { body: "callbackUrl=%2F&reauthenticate=yes" }));
    const plainParams = Object.fromEntries(new URL(plain.headers.get("location")!).searchParams);
    expect(plainParams.prompt).toBe("consent");
    expect(plainParams.max_age).toBeUndefined();
  });

  /** A signed-in session cookie jar, through the real sign-in form and callback. */
  async function signedInJar(auth: ReturnType<typeof createSiteAuth>) {
    const started = await auth.signIn(post("/auth/sign-in", {}, { body: "callbackUrl=%2F" }));
    const params = Object.fromEntries(new URL(started.headers.get("location")!).searchParams);
    const code = `code-${randomBytes(4).toString("hex")}`;
    provider.codes.set(code, { challenge: params.code_challenge!, redirectUri: params.redirect_uri! });
    const jar = applyCookies({}, setCookiesOf(started));
    const callback = await runNextAuthAction(auth.authOptions(), {
      action: "callback",
      providerId: "plinto",
      method: "GET",
      query: { code, state: params.state! },
      cookies: jar,
      headers: { host: "localhost:3002" },
    });
    return applyCookies(jar, callback.setCookies);
  }

  /** The jar with the session's API token made to expire in `seconds`. */
  async function expiringIn(jar: Record<string, string>, seconds: number) {
    const token = (await decode({ token: jar["plinto-admin.session-token"], secret: env.secret }))!;
    const value = await encode({ token: { ...token, apiAccessTokenExpiresAt: Math.floor(Date.now() / 1000) + seconds }, secret: env.secret });
    return { ...jar, "plinto-admin.session-token": value };
  }

  const page = (jar: Record<string, string>) => new NextRequest(`${site}/users`, { headers: { cookie: cookieHeader(jar) } });

  it("the proxy refreshes an API token about to expire, keeps the rotated refresh token, and leaves a fresh one alone", async () => {
    const auth = createSiteAuth({ site: "admin", env: () => env, log });
    const jar = await signedInJar(auth);
    const before = (await decode({ token: jar["plinto-admin.session-token"], secret: env.secret }))!;

    const fresh = await auth.proxy(page(jar));
    expect(setCookiesOf(fresh)).toEqual([]);

    const resources = provider.seenResources.length;
    const refreshed = await auth.proxy(page(await expiringIn(jar, 30)));
    expect(provider.seenResources.slice(resources)).toEqual([`${env.apiUrl}/v1`]);
    const written = applyCookies(jar, setCookiesOf(refreshed));
    for (const line of setCookiesOf(refreshed)) expect(line).toMatch(/HttpOnly/i);
    const after = (await decode({ token: written["plinto-admin.session-token"], secret: env.secret }))!;
    expect(after.apiRefreshToken).not.toBe(before.apiRefreshToken);
    expect(after.apiAccessToken).not.toBe(before.apiAccessToken);
    expect(after.apiAccessTokenExpiresAt).toBeGreaterThan(Date.now() / 1000 + 500);
    expect(after).toMatchObject({ sub: user.sub, email: user.email, idToken: before.idToken });
    // The page rendering this request reads the new cookie too.
    expect(refreshed.headers.get("x-middleware-request-cookie")).toContain(written["plinto-admin.session-token"]!.slice(0, 40));

    // The old refresh token was spent: using it again is refused, and the session must sign in again.
    const replayed = await auth.proxy(page(await expiringIn(jar, 30)));
    const marked = (await decode({ token: applyCookies(jar, setCookiesOf(replayed))["plinto-admin.session-token"], secret: env.secret }))!;
    expect(marked.apiTokenError).toBe("refresh_failed");
    expect(marked.apiAccessToken).toBeUndefined();
    expect(marked.apiRefreshToken).toBeUndefined();
  });

  it("the proxy leaves the session as it is when the provider cannot be reached, and says so", async () => {
    const auth = createSiteAuth({ site: "admin", env: () => env, log });
    const jar = await expiringIn(await signedInJar(auth), 10);
    const unreachable = createSiteAuth({ site: "admin", env: () => ({ ...env, issuer: "http://127.0.0.1:9/t/plinto" }), log });
    const response = await unreachable.proxy(page(jar));
    expect(setCookiesOf(response)).toEqual([]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining("could not refresh the API token (will try again)"));
  });

  it("refuses the forms when they are posted from another origin, including the other site on this host", async () => {
    const auth = createSiteAuth({ site: "admin", env: () => env, log });
    expect((await auth.signIn(post("/auth/sign-in", {}, { origin: "http://localhost:3003" }))).status).toBe(403);
    expect((await auth.signOut(post("/auth/sign-out", {}, { origin: "https://evil.example" }))).status).toBe(403);
  });

  it("still signs out of the site when the provider cannot be asked for its end-session endpoint", async () => {
    const auth = createSiteAuth({ site: "admin", env: () => ({ ...env, issuer: "http://127.0.0.1:9/t/plinto" }), log });
    const response = await auth.signOut(post("/auth/sign-out", { "plinto-admin.session-token": "stale" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${site}/`);
    expect(log).toHaveBeenCalledWith(expect.stringContaining("signed out of this site only"));
  });

  it("comes back to the first page with ?error when the provider does not answer at sign-in", async () => {
    const auth = createSiteAuth({ site: "admin", env: () => ({ ...env, issuer: "http://127.0.0.1:9/t/plinto" }), log });
    const response = await auth.signIn(post("/auth/sign-in", {}));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!, site);
    expect(location.origin).toBe(site);
    expect(location.searchParams.get("error")).toBe("OAuthSignin");
    expect(log).toHaveBeenCalledWith("plinto-admin: sign-in error SIGNIN_OAUTH_ERROR: connect ECONNREFUSED 127.0.0.1:9");
  });
});

describe("helpers", () => {
  it("cookieValueFrom finds and decodes a cookie among Set-Cookie lines", () => {
    const lines = ["a=1; Path=/", "plinto-admin.csrf-token=abc%7Cdef; Path=/; HttpOnly; SameSite=Lax"];
    expect(cookieValueFrom(lines, "plinto-admin.csrf-token")).toBe("abc|def");
    expect(cookieValueFrom(lines, "missing")).toBeUndefined();
  });

  it("fromOwnPages wants the site's own origin", () => {
    const headers = (h: Record<string, string>) => new Headers(h);
    expect(fromOwnPages(headers({ origin: site, "sec-fetch-site": "same-origin" }), site)).toBe(true);
    expect(fromOwnPages(headers({ origin: site }), site)).toBe(true);
    expect(fromOwnPages(headers({ "sec-fetch-site": "same-origin" }), site)).toBe(true);
    expect(fromOwnPages(headers({ origin: "http://localhost:3003", "sec-fetch-site": "same-site" }), site)).toBe(false);
    expect(fromOwnPages(headers({ origin: site, "sec-fetch-site": "cross-site" }), site)).toBe(false);
    expect(fromOwnPages(headers({ origin: "null" }), site)).toBe(false);
    expect(fromOwnPages(headers({}), site)).toBe(false);
  });

  it("returnPath keeps paths on this site only", () => {
    expect(returnPath("/organizations?x=1")).toBe("/organizations?x=1");
    expect(returnPath(undefined)).toBe("/");
    expect(returnPath("https://evil.example/")).toBe("/");
    expect(returnPath("//evil.example/")).toBe("/");
    expect(returnPath("/\\evil.example")).toBe("/");
  });
});
