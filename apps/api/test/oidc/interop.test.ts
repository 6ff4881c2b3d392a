/**
 * A tenant's OpenID Provider against openid-client (an OpenID-certified relying party), over real
 * HTTP: discovery, code + PKCE, ID token and userinfo, refresh rotation and replay, client
 * credentials, introspection, revocation, RP-initiated logout and the device flow. The user's
 * sign-in itself is the hosted page's job (the e2e suite drives it in Chromium); here the browser
 * arrives with the session cookie that page sets.
 */
import { and, eq, sql } from "drizzle-orm";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oidcModels } from "@plinto/db/schema";
import { SESSION_COOKIE } from "../../src/lib/request";
import { createApplication } from "../../src/services/applications/applications";
import { systemContext } from "../../src/services/context";
import { resolveSession, createSession } from "../../src/services/sessions/sessions";
import { createTenant } from "../../src/services/tenants/tenants";
import { blockUser } from "../../src/services/users/lifecycle";
import { createUser } from "../../src/services/users/users";
import { TestBrowser } from "../browser";
import { startOidcServer } from "../oidc-server";

let server: Awaited<ReturnType<typeof startOidcServer>>;
let tenantId: string;
const slug = "interop";
const CALLBACK = "https://rp.example.com/callback";
const LOGGED_OUT = "https://rp.example.com/logged-out";
const apps = {} as Record<"web" | "spa" | "machine" | "partner", { clientId: string; clientSecret?: string }>;

beforeAll(async () => {
  server = await startOidcServer();
  const { db } = server.database;
  const tenant = await createTenant(db, systemContext, { slug, name: "Interop" });
  tenantId = tenant.id;
  const specs = {
    web: { type: "web", firstParty: true },
    spa: { type: "spa", firstParty: true },
    partner: { type: "web", firstParty: false },
  } as const;
  for (const [key, spec] of Object.entries(specs)) {
    const { application, clientSecret } = await db.transaction((tx) =>
      createApplication(tx, systemContext, {
        tenantId,
        name: `Interop ${key}`,
        type: spec.type,
        firstParty: spec.firstParty,
        redirectUris: [CALLBACK],
        postLogoutRedirectUris: [LOGGED_OUT],
        grantTypes: ["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"],
      }),
    );
    apps[key as keyof typeof specs] = { clientId: application.clientId, ...(clientSecret ? { clientSecret } : {}) };
  }
  const machine = await db.transaction((tx) =>
    createApplication(tx, systemContext, { tenantId, name: "Interop machine", type: "machine", grantTypes: ["client_credentials"] }),
  );
  apps.machine = { clientId: machine.application.clientId, clientSecret: machine.clientSecret! };
});
afterAll(async () => {
  await server?.close();
});

/** The action and hidden fields of the first form in a page. */
function formOf(html: string) {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  expect(action, "a form in the page").toBeTruthy();
  const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  return { action: action!.replace(/&amp;/g, "&"), fields };
}

let userCount = 0;
async function newUser() {
  userCount += 1;
  const { db } = server.database;
  return db.transaction((tx) =>
    createUser(tx, systemContext, {
      tenantId,
      email: `user${userCount}@interop.example`,
      name: `User ${userCount}`,
      password: "a long and unusual passphrase",
      emailVerified: true,
    }),
  );
}

/** A browser signed in to the tenant (the cookie the hosted sign-in page would have set). */
async function signedInBrowser(user: { id: string }) {
  const { db } = server.database;
  const { token } = await db.transaction((tx) => createSession(tx, systemContext, { tenantId, userId: user.id, amr: ["pwd"] }));
  const browser = new TestBrowser(server.url);
  browser.setCookie(SESSION_COOKIE, token, `/t/${slug}`);
  return { browser, sessionToken: token };
}

async function configFor(app: keyof typeof apps) {
  const { clientId, clientSecret } = apps[app];
  const auth = clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None();
  return oidc.discovery(new URL(server.issuer(slug)), clientId, undefined, auth, { execute: [oidc.allowInsecureRequests] });
}

/** Runs the front channel of code + PKCE in `browser` and returns what the redirect URI received. */
async function authorize(browser: TestBrowser, config: oidc.Configuration, extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: "openid profile email",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    ...extra,
  });
  const { left, response, visited } = await browser.navigate(url);
  return { callback: left, response, visited, verifier, state };
}

async function signInWithCode(app: keyof typeof apps, browser: TestBrowser, extra: Record<string, string> = {}) {
  const config = await configFor(app);
  const front = await authorize(browser, config, extra);
  expect(front.callback?.origin + front.callback!.pathname).toBe(CALLBACK);
  const tokens = await oidc.authorizationCodeGrant(config, front.callback!, { pkceCodeVerifier: front.verifier, expectedState: front.state });
  return { config, tokens, front };
}

describe("discovery", () => {
  it("publishes the tenant's endpoints and only the flows Plinto allows", async () => {
    const config = await configFor("web");
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(server.issuer(slug));
    expect(meta.authorization_endpoint).toBe(`${server.issuer(slug)}/authorize`);
    expect(meta.jwks_uri).toBe(`${server.issuer(slug)}/.well-known/jwks.json`);
    expect(meta.response_types_supported).toEqual(["code"]);
    expect(meta.grant_types_supported).not.toContain("implicit");
    expect(meta.grant_types_supported).not.toContain("password");
    expect(meta.code_challenge_methods_supported).toEqual(["S256"]);
    expect(meta.authorization_response_iss_parameter_supported).toBe(true);
    expect(meta.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(["client_secret_basic", "client_secret_post", "private_key_jwt", "none"]),
    );
    expect(meta.token_endpoint_auth_methods_supported).not.toContain("client_secret_jwt");
  });
});

describe("authorization code with PKCE", () => {
  it("signs a user in: a valid ID token with sid, auth_time, amr and acr, and userinfo by scope", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const { config, tokens, front } = await signInWithCode("web", browser);
    expect(front.callback!.searchParams.get("iss")).toBe(server.issuer(slug));
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(user.id);
    expect(claims.iss).toBe(server.issuer(slug));
    expect(claims.aud).toBe(apps.web.clientId);
    expect(typeof claims.sid).toBe("string");
    expect(typeof claims.auth_time).toBe("number");
    expect(claims.amr).toEqual(["pwd"]);
    expect(claims.acr).toBe("urn:plinto:acr:1fa");
    const info = await oidc.fetchUserInfo(config, tokens.access_token, user.id);
    expect(info).toMatchObject({ sub: user.id, email: user.email, email_verified: true, name: user.name });
  });

  it("a public client (SPA) signs in with PKCE and no secret", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const { tokens } = await signInWithCode("spa", browser);
    expect(tokens.claims()!.sub).toBe(user.id);
  });

  it("without a session the browser is sent to the hosted sign-in page, and prompt=none answers login_required", async () => {
    const browser = new TestBrowser(server.url);
    const config = await configFor("web");
    const front = await authorize(browser, config);
    expect(front.callback).toBeUndefined();
    // (The hosted page itself is Next's; this test server stops there.)
    const signIn = new URL(front.visited.at(-1)!);
    expect(signIn.pathname).toBe(`/t/${slug}/sign-in`);
    expect(signIn.searchParams.get("interaction")).toMatch(/^[\w-]{10,}$/);

    const silent = await authorize(new TestBrowser(server.url), config, { prompt: "none" });
    expect(silent.callback?.searchParams.get("error")).toBe("login_required");
  });
});

describe("refresh tokens", () => {
  async function offlineTokens() {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const signedIn = await signInWithCode("web", browser, { scope: "openid email offline_access", prompt: "consent" });
    expect(signedIn.tokens.refresh_token).toEqual(expect.any(String));
    return { user, ...signedIn };
  }

  /** Moves the moment a refresh token was used back, past the grace window for tab races. */
  async function ageConsumedTokens(seconds: number) {
    await server.database.db
      .update(oidcModels)
      .set({ consumedAt: sql`${oidcModels.consumedAt} - make_interval(secs => ${seconds})` })
      .where(and(eq(oidcModels.tenantId, tenantId), eq(oidcModels.model, "RefreshToken")));
  }

  it("rotate on every use; a replay after the grace window revokes the whole family", async () => {
    const { config, tokens } = await offlineTokens();
    const first = tokens.refresh_token!;
    // Rotation never extends the family's life: with 100 seconds left on the first token, its
    // successor gets those 100 seconds, not a new lifetime.
    await server.database.db
      .update(oidcModels)
      .set({ payload: sql`jsonb_set(${oidcModels.payload}, '{exp}', to_jsonb(extract(epoch from now())::int + 100))` })
      .where(and(eq(oidcModels.tenantId, tenantId), eq(oidcModels.model, "RefreshToken")));
    const second = await oidc.refreshTokenGrant(config, first);
    expect(second.refresh_token).toEqual(expect.any(String));
    expect(second.refresh_token).not.toBe(first);
    const successor = await oidc.tokenIntrospection(config, second.refresh_token!);
    // (A second of slack: the database and this process round "now" separately.)
    expect(successor.exp! - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(101);
    const third = await oidc.refreshTokenGrant(config, second.refresh_token!);

    await ageConsumedTokens(60);
    await expect(oidc.refreshTokenGrant(config, first)).rejects.toMatchObject({ error: "invalid_grant" });
    // The family is gone: the newest token of it, and its access token, no longer work.
    await expect(oidc.refreshTokenGrant(config, third.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
    expect((await oidc.tokenIntrospection(config, third.access_token)).active).toBe(false);
  });

  it("10 concurrent refreshes with one token keep the user signed in, in one family", async () => {
    const { user, config, tokens } = await offlineTokens();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => oidc.refreshTokenGrant(config, tokens.refresh_token!)));
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok.length).toBe(10);
    // Every tab can carry on with the token it got.
    for (const result of ok) await oidc.refreshTokenGrant(config, result.value.refresh_token!);
    const grants = await server.database.db
      .select({ id: oidcModels.id })
      .from(oidcModels)
      .where(and(eq(oidcModels.tenantId, tenantId), eq(oidcModels.model, "Grant"), eq(oidcModels.accountId, user.id)));
    expect(grants).toHaveLength(1);
  });

  it("blocking the user ends their refresh tokens at once", async () => {
    const { user, config, tokens } = await offlineTokens();
    await server.database.db.transaction((tx) => blockUser(tx, systemContext, { tenantId, userId: user.id }));
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
  });
});

describe("machine clients, introspection and revocation", () => {
  it("client credentials gives a token that introspects active until it is revoked", async () => {
    const config = await configFor("machine");
    const tokens = await oidc.clientCredentialsGrant(config);
    expect(tokens.access_token).toEqual(expect.any(String));
    const active = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(active).toMatchObject({ active: true, client_id: apps.machine.clientId });
    await oidc.tokenRevocation(config, tokens.access_token);
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it("a wrong client secret is refused", async () => {
    const config = await oidc.discovery(
      new URL(server.issuer(slug)),
      apps.machine.clientId,
      undefined,
      oidc.ClientSecretBasic("plinto_cs_not-the-secret"),
      { execute: [oidc.allowInsecureRequests] },
    );
    await expect(oidc.clientCredentialsGrant(config)).rejects.toMatchObject({
      status: 401,
      cause: [{ parameters: { error: "invalid_client" } }],
    });
  });
});

describe("RP-initiated logout", () => {
  it("signs the user out of the tenant and returns to the registered URI", async () => {
    const user = await newUser();
    const { browser, sessionToken } = await signedInBrowser(user);
    const { config, tokens } = await signInWithCode("web", browser);
    const end = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: LOGGED_OUT, state: "bye" });
    const page = await browser.request(end);
    expect(page.status).toBe(200);
    const form = formOf(await page.text());
    const done = await browser.request(form.action, { form: { ...form.fields, logout: "yes" } });
    expect(done.status).toBe(303);
    const back = new URL(done.headers.get("location")!);
    expect(back.origin + back.pathname).toBe(LOGGED_OUT);
    expect(back.searchParams.get("state")).toBe("bye");
    expect(await resolveSession(server.database.db, tenantId, sessionToken)).toBeUndefined();
    // Signed out of the tenant: the next authorization asks for a sign-in again.
    const again = await authorize(browser, config, { prompt: "none" });
    expect(again.callback?.searchParams.get("error")).toBe("login_required");
  });
});

describe("device authorization (RFC 8628)", () => {
  it("a device gets tokens once the user enters its code in a signed-in browser", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const config = await configFor("web");
    const device = await oidc.initiateDeviceAuthorization(config, { scope: "openid email" });
    expect(device.user_code).toEqual(expect.any(String));

    // The user opens the verification page, types the code, and confirms.
    const input = formOf(await (await browser.request(device.verification_uri)).text());
    const confirmPage = await browser.request(input.action, { form: { ...input.fields, user_code: device.user_code } });
    const confirmHtml = await confirmPage.text();
    expect(confirmHtml).toContain(device.user_code);
    const confirm = formOf(confirmHtml);
    // Confirming goes through the interaction (signed in already, first-party: no questions).
    const { response } = await browser.navigate(confirm.action, { form: confirm.fields });
    expect(await response.text()).toContain("Device connected");

    const tokens = await oidc.pollDeviceAuthorizationGrant(config, { ...device, interval: 0 });
    expect(tokens.claims()!.sub).toBe(user.id);
  });
});

describe("refusals (RFC 6749, RFC 7636, RFC 9700)", () => {
  const badRedirects = {
    "an extra path": `${CALLBACK}/extra`,
    "a prefix": "https://rp.example.com/call",
    "dot segments": "https://rp.example.com/other/../callback",
    "double encoding": "https://rp.example.com/%2563allback",
    "user@host": "https://rp.example.com@evil.example/callback",
    "another port": "https://rp.example.com:8443/callback",
    "another scheme": "http://rp.example.com/callback",
    "a fragment": `${CALLBACK}#x`,
    "a trailing slash": `${CALLBACK}/`,
    "different case": "https://RP.example.com/callback",
  };
  for (const [name, redirectUri] of Object.entries(badRedirects)) {
    it(`a redirect URI with ${name} gets an error page and no redirect`, async () => {
      const user = await newUser();
      const { browser } = await signedInBrowser(user);
      const config = await configFor("web");
      const front = await authorize(browser, config, { redirect_uri: redirectUri });
      expect(front.callback).toBeUndefined();
      expect(front.response.status).toBe(400);
      expect(front.response.headers.get("location")).toBeNull();
      expect(await front.response.text()).toContain("redirect_uri");
    });
  }

  it("a public client without PKCE is refused", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const config = await configFor("spa");
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: "openid", state: "s" });
    const { left } = await browser.navigate(url);
    expect(left?.searchParams.get("error")).toBe("invalid_request");
    expect(left?.searchParams.get("error_description")).toMatch(/PKCE/);
  });

  it("PKCE plain is refused, and a verifier cannot be dropped once a challenge was sent", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const config = await configFor("web");
    const plain = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: "openid",
      code_challenge: "a".repeat(43),
      code_challenge_method: "plain",
    });
    expect((await browser.navigate(plain)).left?.searchParams.get("error")).toBe("invalid_request");

    const front = await authorize(browser, config);
    const code = front.callback!.searchParams.get("code")!;
    const response = await fetch(config.serverMetadata().token_endpoint!, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${apps.web.clientId}:${apps.web.clientSecret}`).toString("base64")}`,
      },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: CALLBACK }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("a code works once; reusing it fails and revokes what it issued", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const config = await configFor("web");
    const front = await authorize(browser, config);
    const checks = { pkceCodeVerifier: front.verifier, expectedState: front.state };
    const tokens = await oidc.authorizationCodeGrant(config, front.callback!, checks);
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(true);
    await expect(oidc.authorizationCodeGrant(config, front.callback!, checks)).rejects.toMatchObject({ error: "invalid_grant" });
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it("a code issued to one client is refused to another", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const front = await authorize(browser, await configFor("web"));
    const other = await configFor("partner");
    await expect(
      oidc.authorizationCodeGrant(other, front.callback!, { pkceCodeVerifier: front.verifier, expectedState: front.state }),
    ).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("an expired code is refused", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const config = await configFor("web");
    const front = await authorize(browser, config);
    // Age every code past its lifetime (the provider checks the expiry it wrote into the code).
    await server.database.db
      .update(oidcModels)
      .set({ payload: sql`jsonb_set(${oidcModels.payload}, '{exp}', to_jsonb(extract(epoch from now())::int - 1))` })
      .where(and(eq(oidcModels.tenantId, tenantId), eq(oidcModels.model, "AuthorizationCode")));
    await expect(
      oidc.authorizationCodeGrant(config, front.callback!, { pkceCodeVerifier: front.verifier, expectedState: front.state }),
    ).rejects.toMatchObject({ error: "invalid_grant" });
  });
});

describe("sign-in freshness and hints (OIDC Core §3.1.2.1)", () => {
  it("prompt=login and an exceeded max_age send a signed-in user back to the sign-in page; a fresh session passes", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const config = await configFor("web");
    await signInWithCode("web", browser);

    const forced = await authorize(browser, config, { prompt: "login" });
    expect(forced.callback).toBeUndefined();
    expect(new URL(forced.visited.at(-1)!).searchParams.get("reason")).toBe("fresh_sign_in");

    // Make the sign-in an hour old, in the tenant's session and in the provider's copy of it.
    await server.database.db.execute(sql`update sessions set auth_time = now() - interval '1 hour' where user_id = ${user.id}`);
    await server.database.db
      .update(oidcModels)
      .set({ payload: sql`jsonb_set(${oidcModels.payload}, '{loginTs}', to_jsonb(extract(epoch from now())::int - 3600))` })
      .where(and(eq(oidcModels.tenantId, tenantId), eq(oidcModels.model, "Session"), eq(oidcModels.accountId, user.id)));
    const stale = await authorize(browser, config, { max_age: "60" });
    expect(stale.callback).toBeUndefined();
    expect(new URL(stale.visited.at(-1)!).searchParams.get("reason")).toBe("max_age");
    const relaxed = await authorize(browser, config, { max_age: "7200" });
    expect(relaxed.callback?.searchParams.get("code")).toEqual(expect.any(String));
  });

  it("login_hint reaches the sign-in page; an id_token_hint for another user asks for a sign-in", async () => {
    const [alice, bob] = [await newUser(), await newUser()];
    const config = await configFor("web");
    const bobTokens = (await signInWithCode("web", (await signedInBrowser(bob)).browser)).tokens;
    const { browser } = await signedInBrowser(alice);
    const hinted = await authorize(browser, config, { id_token_hint: bobTokens.id_token! });
    expect(hinted.callback).toBeUndefined();
    expect(new URL(hinted.visited.at(-1)!).searchParams.get("reason")).toBe("other_user");

    const anonymous = new TestBrowser(server.url);
    const front = await authorize(anonymous, config, { login_hint: alice.email });
    const uid = new URL(front.visited.at(-1)!).searchParams.get("interaction")!;
    const { pendingInteraction } = await import("../../src/services/oidc/interactions");
    expect(await pendingInteraction(server.database.db, tenantId, uid)).toMatchObject({
      loginHint: alice.email,
      application: { name: "Interop web", firstParty: true },
    });
  });
});

describe("consent for third-party applications", () => {
  it("asks once, remembers the answer per user and scopes, and asks again after the user revokes it", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const config = await configFor("partner");
    const first = await authorize(browser, config);
    expect(first.callback).toBeUndefined();
    const consentPage = new URL(first.visited.at(-1)!);
    expect(consentPage.pathname).toBe(`/t/${slug}/consent`);
    const uid = consentPage.searchParams.get("interaction")!;

    // The hosted consent page posts the answer to the interaction step.
    const { left } = await browser.navigate(`/t/${slug}/interaction/${uid}/consent`, { form: { decision: "allow" } });
    expect(left?.searchParams.get("code")).toEqual(expect.any(String));
    const tokens = await oidc.authorizationCodeGrant(config, left!, { pkceCodeVerifier: first.verifier, expectedState: first.state });

    // Remembered: a new browser session of the same user goes straight through.
    const again = await authorize((await signedInBrowser(user)).browser, config);
    expect(again.callback?.searchParams.get("code")).toEqual(expect.any(String));
    // More scopes than were allowed: asked again.
    const more = await authorize((await signedInBrowser(user)).browser, config, { scope: "openid profile email offline_access", prompt: "consent" });
    expect(new URL(more.visited.at(-1)!).pathname).toBe(`/t/${slug}/consent`);

    const { listConsents, revokeConsent } = await import("../../src/services/oidc/consents");
    const [consent] = await listConsents(server.database.db, tenantId, user.id);
    expect(consent).toMatchObject({ applicationName: "Interop partner", scopes: ["email", "openid", "profile"] });
    await server.database.db.transaction((tx) =>
      revokeConsent(tx, systemContext, { tenantId, userId: user.id, applicationId: consent!.applicationId }),
    );
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    const afterRevoke = await authorize((await signedInBrowser(user)).browser, config);
    expect(new URL(afterRevoke.visited.at(-1)!).pathname).toBe(`/t/${slug}/consent`);
  });

  it("declining sends access_denied to the application", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const config = await configFor("partner");
    const first = await authorize(browser, config);
    const uid = new URL(first.visited.at(-1)!).searchParams.get("interaction")!;
    const { left } = await browser.navigate(`/t/${slug}/interaction/${uid}/consent`, { form: { decision: "deny" } });
    expect(left?.searchParams.get("error")).toBe("access_denied");
  });

  it("an answer posted from another site is refused", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const first = await authorize(browser, await configFor("partner"));
    const uid = new URL(first.visited.at(-1)!).searchParams.get("interaction")!;
    const forged = await browser.request(`/t/${slug}/interaction/${uid}/consent`, {
      form: { decision: "allow" },
      headers: { origin: "https://evil.example" },
    });
    expect(forged.status).toBe(403);
  });
});

describe("client authentication methods", () => {
  it("client_secret_post and private_key_jwt authenticate; a key the application did not register does not", async () => {
    const { db } = server.database;
    const { generateKeyPair, exportJWK } = await import("jose");
    const post = await db.transaction((tx) =>
      createApplication(tx, systemContext, {
        tenantId,
        name: "Posting machine",
        type: "machine",
        grantTypes: ["client_credentials"],
        tokenEndpointAuthMethod: "client_secret_post",
      }),
    );
    const viaPost = await oidc.discovery(
      new URL(server.issuer(slug)),
      post.application.clientId,
      undefined,
      oidc.ClientSecretPost(post.clientSecret!),
      { execute: [oidc.allowInsecureRequests] },
    );
    expect((await oidc.clientCredentialsGrant(viaPost)).access_token).toEqual(expect.any(String));

    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const other = await generateKeyPair("ES256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256", use: "sig" };
    const signed = await db.transaction((tx) =>
      createApplication(tx, systemContext, {
        tenantId,
        name: "Key machine",
        type: "machine",
        grantTypes: ["client_credentials"],
        tokenEndpointAuthMethod: "private_key_jwt",
        jwks: { keys: [jwk] },
      }),
    );
    expect(signed.clientSecret).toBeUndefined();
    const withKey = (key: CryptoKey) =>
      oidc.discovery(new URL(server.issuer(slug)), signed.application.clientId, undefined, oidc.PrivateKeyJwt({ key, kid: "k1" }), {
        execute: [oidc.allowInsecureRequests],
      });
    expect((await oidc.clientCredentialsGrant(await withKey(privateKey))).access_token).toEqual(expect.any(String));
    await expect(oidc.clientCredentialsGrant(await withKey(other.privateKey))).rejects.toMatchObject({ status: 401 });
  });
});

describe("step-up (acr_values)", () => {
  it("an application asking for a second factor sends a single-factor session to the MFA page, not back with a code", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const front = await authorize(browser, await configFor("web"), { acr_values: "urn:plinto:acr:2fa" });
    expect(front.callback).toBeUndefined();
    const stepUp = new URL(front.visited.at(-1)!);
    expect(stepUp.pathname).toBe(`/t/${slug}/mfa`);
    expect(stepUp.searchParams.get("reason")).toBe("step_up");
  });
});

describe("access tokens for Plinto's API (RFC 8707, RFC 9068)", () => {
  it("asked for the API resource, an access token is a signed at+jwt for that audience, verifiable with the JWKS", async () => {
    const { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } = await import("jose");
    const config = await configFor("machine");
    const resource = `${server.url}/v1`;
    const tokens = await oidc.clientCredentialsGrant(config, { resource });
    expect(decodeProtectedHeader(tokens.access_token).typ).toBe("at+jwt");
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
    const { payload } = await jwtVerify(tokens.access_token, jwks, { issuer: server.issuer(slug), audience: resource, typ: "at+jwt" });
    expect(payload.client_id).toBe(apps.machine.clientId);

    // Another resource is refused; without one the token stays opaque.
    await expect(oidc.clientCredentialsGrant(config, { resource: "https://elsewhere.example/api" })).rejects.toMatchObject({
      error: "invalid_target",
    });
    expect((await oidc.clientCredentialsGrant(config)).access_token.split(".")).toHaveLength(1);
  });
});

describe("introspection is per application", () => {
  it("an application cannot introspect another application's token", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(user);
    const { tokens } = await signInWithCode("web", browser);
    const machine = await configFor("machine");
    expect((await oidc.tokenIntrospection(machine, tokens.access_token)).active).toBe(false);
    expect((await oidc.tokenIntrospection(await configFor("web"), tokens.access_token)).active).toBe(true);
  });
});
