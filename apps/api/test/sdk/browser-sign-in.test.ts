/**
 * @plinto/sdk's browser sign-in (createPlintoAuth) and token verification (verifyToken) against
 * the real OpenID Provider of a tenant, over real HTTP: a public SPA application, a browser that
 * is signed in to the tenant (the cookie the hosted sign-in sets) following the authorize
 * redirect, then the SDK's code exchange, ID token check, silent renewal and sign-out.
 */
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createPlintoAuth,
  memoryStorage,
  memoryTokenStore,
  PlintoAuthError,
  TokenInvalidError,
  verifyToken,
  type PlintoAuthOptions,
  type TokenStore,
} from "@plinto/sdk";
import { SESSION_COOKIE } from "../../src/lib/request";
import { createApplication } from "../../src/services/applications/applications";
import { systemContext } from "../../src/services/context";
import { createSession, resolveSession } from "../../src/services/sessions/sessions";
import { createTenant } from "../../src/services/tenants/tenants";
import { createUser } from "../../src/services/users/users";
import { TestBrowser } from "../browser";
import { startOidcServer } from "../oidc-server";

let server: Awaited<ReturnType<typeof startOidcServer>>;
let tenantId: string;
let clientId: string;
let issuer: string;
const slug = "sdk-browser";
const CALLBACK = "https://spa.example.com/callback";
const LOGGED_OUT = "https://spa.example.com/logged-out";

beforeAll(async () => {
  server = await startOidcServer();
  issuer = server.issuer(slug);
  const { db } = server.database;
  tenantId = (await createTenant(db, systemContext, { slug, name: "SDK browser" })).id;
  const { application } = await db.transaction((tx) =>
    createApplication(tx, systemContext, {
      tenantId,
      name: "SDK SPA",
      type: "spa",
      redirectUris: [CALLBACK],
      postLogoutRedirectUris: [LOGGED_OUT],
      grantTypes: ["authorization_code", "refresh_token"],
    }),
  );
  clientId = application.clientId;
});
afterAll(async () => {
  await server?.close();
});

let userCount = 0;
/** A new user and a browser signed in to the tenant as them. */
async function signedInBrowser() {
  userCount += 1;
  const { db } = server.database;
  const user = await db.transaction((tx) =>
    createUser(tx, systemContext, {
      tenantId,
      email: `sdk${userCount}@browser.example`,
      name: `SDK user ${userCount}`,
      password: "a long and unusual passphrase",
      emailVerified: true,
    }),
  );
  const { token } = await db.transaction((tx) => createSession(tx, systemContext, { tenantId, userId: user.id, amr: ["pwd"] }));
  const browser = new TestBrowser(server.url);
  browser.setCookie(SESSION_COOKIE, token, `/t/${slug}`);
  return { user, browser, sessionToken: token };
}

/** The SDK in a "browser": its own pending-sign-in storage, token store and a fetch that counts. */
function sdk(extra: Partial<PlintoAuthOptions> = {}) {
  const requests: string[] = [];
  const store = memoryTokenStore();
  const auth = createPlintoAuth({
    issuer,
    clientId,
    redirectUri: CALLBACK,
    storage: memoryStorage(),
    tokenStore: store,
    fetch: (input, init) => {
      requests.push(new URL(input instanceof Request ? input.url : input).pathname);
      return fetch(input, init);
    },
    ...extra,
  });
  const tokenRequests = () => requests.filter((path) => path === `/t/${slug}/token`).length;
  return { auth, store, requests, tokenRequests };
}

/** signInRedirect's URL, followed in `browser` to where the provider sends it back. */
async function authorizeIn(browser: TestBrowser, auth: ReturnType<typeof sdk>["auth"], options?: Parameters<typeof auth.createSignInUrl>[0]) {
  const url = await auth.createSignInUrl(options);
  const { left } = await browser.navigate(url);
  expect(left, "the provider redirects back to the application").toBeDefined();
  expect(left!.origin + left!.pathname).toBe(CALLBACK);
  return { url, callback: left! };
}

async function signIn(extra: Partial<PlintoAuthOptions> = {}) {
  const session = await signedInBrowser();
  const client = sdk(extra);
  const { callback } = await authorizeIn(session.browser, client.auth);
  const result = await client.auth.handleRedirectCallback(callback);
  return { ...session, ...client, result, callback };
}

async function userinfo(accessToken: string) {
  const response = await fetch(`${issuer}/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });
  return { status: response.status, body: response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined };
}

/** The SPA application as openid-client sees it, to check the provider's side independently of the SDK. */
function publicClient() {
  return oidc.discovery(new URL(issuer), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
}

/** Makes the stored access token look `seconds` from expiry, as it will after most of its life. */
async function ageAccessToken(store: TokenStore, seconds: number) {
  const tokens = (await store.get())!;
  await store.set({ ...tokens, expiresAt: Date.now() + seconds * 1000 });
}

describe("sign-in with code + PKCE", () => {
  it("sends S256 PKCE, state and nonce, exchanges the code and verifies the ID token", async () => {
    const { user, browser } = await signedInBrowser();
    const { auth, store, requests } = sdk();
    const { url, callback } = await authorizeIn(browser, auth, { appState: { returnTo: "/projects/42" } });
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get("nonce")).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get("scope")).toBe("openid profile email offline_access");
    // RFC 9207: the provider says who it is in the response.
    expect(callback.searchParams.get("iss")).toBe(issuer);

    const result = await auth.handleRedirectCallback(callback);
    expect(result.appState).toEqual({ returnTo: "/projects/42" });
    // (Profile claims are in userinfo, not the ID token: the provider conforms ID tokens to the spec.)
    expect(result.claims).toMatchObject({ iss: issuer, sub: user.id, aud: clientId, amr: ["pwd"] });
    expect(requests).toContain(`/t/${slug}/.well-known/jwks.json`); // the ID token's signature was checked

    const tokens = (await store.get())!;
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.idToken!.split(".")).toHaveLength(3);
    expect(tokens.expiresAt! - Date.now()).toBeGreaterThan(3000_000);
    expect(await auth.getUser()).toMatchObject({ sub: user.id });
    expect((await userinfo(await auth.getAccessToken())).body).toMatchObject({ sub: user.id, email: user.email });

    // A callback URL works once.
    await expect(auth.handleRedirectCallback(callback)).rejects.toMatchObject({ code: "state_mismatch" });
  });

  it("refuses a callback with another issuer's iss, or none (mix-up, RFC 9207)", async () => {
    const { browser } = await signedInBrowser();
    const { auth } = sdk();
    for (const iss of [`${server.url}/t/other-tenant`, null]) {
      const { callback } = await authorizeIn(browser, auth);
      if (iss) callback.searchParams.set("iss", iss);
      else callback.searchParams.delete("iss");
      const error = await auth.handleRedirectCallback(callback).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlintoAuthError);
      expect((error as PlintoAuthError).code).toBe("issuer_mismatch");
    }
    expect(await auth.isSignedIn()).toBe(false);
  });

  it("refuses a callback for a sign-in this browser did not start (login CSRF)", async () => {
    const { browser } = await signedInBrowser();
    const attacker = sdk();
    const { callback } = await authorizeIn(browser, attacker.auth);
    // The attacker's own code, planted in the victim's browser: the victim's SDK never sent that state.
    const victim = sdk();
    await expect(victim.auth.handleRedirectCallback(callback)).rejects.toMatchObject({ code: "state_mismatch" });
    callback.searchParams.delete("state");
    await expect(victim.auth.handleRedirectCallback(callback)).rejects.toMatchObject({ code: "state_mismatch" });
    expect(victim.tokenRequests()).toBe(0);
  });

  it("turns an error response into PlintoAuthError authorization_error with the provider's error", async () => {
    const { auth } = sdk();
    const anonymous = new TestBrowser(server.url);
    const { callback } = await authorizeIn(anonymous, auth, { prompt: "none" });
    const error = await auth.handleRedirectCallback(callback).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlintoAuthError);
    expect(error).toMatchObject({ code: "authorization_error", error: "login_required" });
  });

  it("refuses a code whose PKCE verifier was swapped (the provider says invalid_grant)", async () => {
    const { browser } = await signedInBrowser();
    const storage = memoryStorage();
    const { auth } = sdk({ storage });
    const { callback } = await authorizeIn(browser, auth);
    const key = `plinto.signin.${clientId}`;
    const pending = JSON.parse(storage.getItem(key)!) as Record<string, { verifier: string }>;
    for (const entry of Object.values(pending)) entry.verifier = oidc.randomPKCECodeVerifier();
    storage.setItem(key, JSON.stringify(pending));
    await expect(auth.handleRedirectCallback(callback)).rejects.toMatchObject({ code: "token_error", error: "invalid_grant" });
  });
});

describe("getAccessToken", () => {
  it("returns the stored token while it is fresh, and renews it shortly before it expires", async () => {
    const { auth, store, tokenRequests, user } = await signIn();
    const first = (await store.get())!;
    expect(await auth.getAccessToken()).toBe(first.accessToken);
    expect(tokenRequests()).toBe(1); // the code exchange only

    await ageAccessToken(store, 10); // inside the 30-second leeway
    const renewed = await auth.getAccessToken();
    expect(tokenRequests()).toBe(2);
    expect(renewed).not.toBe(first.accessToken);
    const second = (await store.get())!;
    // The refresh token rotated, and the new access token works.
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.expiresAt! - Date.now()).toBeGreaterThan(3000_000);
    expect(second.claims.sub).toBe(user.id);
    expect((await userinfo(renewed)).body).toMatchObject({ sub: user.id });
    expect(await auth.getAccessToken()).toBe(renewed);
    expect(tokenRequests()).toBe(2);
  });

  it("5 concurrent callers of a near-expiry token share one refresh", async () => {
    const { auth, store, tokenRequests } = await signIn();
    const before = (await store.get())!;
    await ageAccessToken(store, 5);
    const tokens = await Promise.all(Array.from({ length: 5 }, () => auth.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(before.accessToken);
    expect(tokenRequests()).toBe(2); // code exchange + exactly one refresh
    // The stored refresh token is the live one of the family: it renews again.
    await expect(auth.getAccessToken({ forceRefresh: true })).resolves.toEqual(expect.any(String));
    expect(tokenRequests()).toBe(3);
  });

  it("a refresh token the provider no longer honours ends the local session with session_expired", async () => {
    const { auth, store } = await signIn();
    const { refreshToken } = (await store.get())!;
    // Revoke it behind the SDK's back (as a sign-out in another tab would).
    await oidc.tokenRevocation(await publicClient(), refreshToken!);
    await ageAccessToken(store, 5);
    await expect(auth.getAccessToken()).rejects.toMatchObject({ code: "session_expired", error: "invalid_grant" });
    expect(await store.get()).toBeUndefined();
    await expect(auth.getAccessToken()).rejects.toMatchObject({ code: "not_signed_in" });
  });
});

describe("verifyToken with the provider's real tokens", () => {
  it("an access token for Plinto's API (resource indicator) is an at+jwt that verifies; the ID token does not pass for one", async () => {
    const resource = `${server.url}/v1`;
    const { auth, store, user } = await signIn({ resource });
    const accessToken = await auth.getAccessToken();
    const verified = await verifyToken(accessToken, { issuer, audience: resource });
    expect(verified.header.typ).toBe("at+jwt");
    expect(verified.claims).toMatchObject({ iss: issuer, sub: user.id, client_id: clientId, aud: resource });

    const { idToken } = (await store.get())!;
    const asAccess = await verifyToken(idToken!, { issuer, audience: [resource, clientId] }).catch((e: unknown) => e);
    expect(asAccess).toBeInstanceOf(TokenInvalidError);
    expect((asAccess as TokenInvalidError).reason).toBe("wrong_token_type");
    await expect(verifyToken(idToken!, { kind: "id", issuer, audience: clientId })).resolves.toMatchObject({ claims: { sub: user.id } });
    const asId = await verifyToken(accessToken, { kind: "id", issuer, audience: resource }).catch((e: unknown) => e);
    expect((asId as TokenInvalidError).reason).toBe("wrong_token_type");
    // Another API's verifier refuses it.
    const elsewhere = await verifyToken(accessToken, { issuer, audience: "https://elsewhere.example/api" }).catch((e: unknown) => e);
    expect((elsewhere as TokenInvalidError).reason).toBe("audience_mismatch");

    // Renewal keeps the resource: the refreshed token is an at+jwt for the API too.
    await ageAccessToken(store, 5);
    const renewed = await auth.getAccessToken();
    expect(renewed).not.toBe(accessToken);
    await expect(verifyToken(renewed, { issuer, audience: resource })).resolves.toMatchObject({ kind: "access" });
  });
});

describe("sign-out", () => {
  it("builds the end-session URL with id_token_hint, forgets and revokes the tokens, and the provider signs the user out", async () => {
    const { auth, store, browser, sessionToken } = await signIn();
    const { idToken, refreshToken } = (await store.get())!;
    const navigated: URL[] = [];
    const url = await auth.createSignOutUrl({ postLogoutRedirectUri: LOGGED_OUT, state: "bye" });
    expect(url.origin + url.pathname).toBe(`${issuer}/logout`);
    expect(url.searchParams.get("id_token_hint")).toBe(idToken);
    expect(url.searchParams.get("client_id")).toBe(clientId);
    expect(url.searchParams.get("post_logout_redirect_uri")).toBe(LOGGED_OUT);
    expect(await auth.isSignedIn()).toBe(false);

    // The refresh token was revoked at the provider, not just forgotten here.
    await expect(oidc.refreshTokenGrant(await publicClient(), refreshToken!)).rejects.toMatchObject({ error: "invalid_grant" });

    // The provider's logout page confirms, ends the tenant session and returns to the application.
    const page = await browser.request(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, "&");
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const done = await browser.request(action, { form: { ...fields, logout: "yes" } });
    const back = new URL(done.headers.get("location")!);
    expect(back.origin + back.pathname).toBe(LOGGED_OUT);
    expect(back.searchParams.get("state")).toBe("bye");
    expect(await resolveSession(server.database.db, tenantId, sessionToken)).toBeUndefined();

    // signOutRedirect navigates through the hook it was given.
    const again = await signIn({ navigate: (target) => void navigated.push(target) });
    await again.auth.signOutRedirect({ postLogoutRedirectUri: LOGGED_OUT });
    expect(navigated).toHaveLength(1);
    expect(navigated[0]!.searchParams.get("id_token_hint")).toEqual(expect.any(String));
  });
});

describe("a confidential web application (clientSecret: a server keeping its users' tokens)", () => {
  const WEB_CALLBACK = "https://web.example.com/auth/callback";

  async function webApplication() {
    const { db } = server.database;
    const created = await db.transaction((tx) =>
      createApplication(tx, systemContext, {
        tenantId,
        name: "SDK web app",
        type: "web",
        redirectUris: [WEB_CALLBACK],
        postLogoutRedirectUris: [LOGGED_OUT],
        grantTypes: ["authorization_code", "refresh_token"],
      }),
    );
    return { clientId: created.application.clientId, clientSecret: created.clientSecret! };
  }

  it("signs in with PKCE and its secret, renews and revokes with it; a wrong secret gets no tokens", async () => {
    const web = await webApplication();
    expect(web.clientSecret).toMatch(/^plinto_cs_/);
    const { browser, user } = await signedInBrowser();
    const client = sdk({ clientId: web.clientId, clientSecret: web.clientSecret, redirectUri: WEB_CALLBACK });
    const url = await client.auth.createSignInUrl();
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    const { left } = await browser.navigate(url);
    expect(left!.origin + left!.pathname).toBe(WEB_CALLBACK);
    const { claims } = await client.auth.handleRedirectCallback(left!);
    expect(claims).toMatchObject({ sub: user.id, aud: web.clientId });
    const first = (await client.store.get())!;
    const renewed = await client.auth.getAccessToken({ forceRefresh: true });
    expect(renewed).not.toBe(first.accessToken);
    expect((await client.store.get())!.refreshToken).not.toBe(first.refreshToken);

    // Without the secret (a public client's request) or with a wrong one, the code buys nothing.
    for (const clientSecret of [undefined, "plinto_cs_not-the-secret"]) {
      const other = sdk({ clientId: web.clientId, redirectUri: WEB_CALLBACK, ...(clientSecret ? { clientSecret } : {}) });
      const { left: back } = await browser.navigate(await other.auth.createSignInUrl());
      await expect(other.auth.handleRedirectCallback(back!)).rejects.toMatchObject({ code: "token_error", error: "invalid_client" });
      expect(await other.auth.isSignedIn()).toBe(false);
    }

    // Sign-out revokes the refresh token with the secret: it no longer renews anything.
    const { refreshToken } = (await client.store.get())!;
    await client.auth.createSignOutUrl({ postLogoutRedirectUri: LOGGED_OUT });
    const confidential = await oidc.discovery(new URL(issuer), web.clientId, undefined, oidc.ClientSecretBasic(web.clientSecret), {
      execute: [oidc.allowInsecureRequests],
    });
    await expect(oidc.refreshTokenGrant(confidential, refreshToken!)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("refuses an empty secret", () => {
    expect(() => createPlintoAuth({ issuer, clientId: "x", redirectUri: WEB_CALLBACK, clientSecret: "" })).toThrow(TypeError);
  });
});
