/**
 * Tokens from an impersonated session say who is really acting (RFC 8693 §4.1 `act`), over real
 * HTTP with openid-client: the ID token and the API's at+jwt access token carry
 * `act: { sub: <the administrator's user id>, iss: <the platform tenant's issuer> }`, a refresh
 * keeps it, introspection of an opaque access token shows it (userinfo does not), and an ordinary
 * session has none.
 */
import { createRemoteJWKSet, jwtVerify } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/lib/request";
import type { AuthDeps } from "../../src/services/auth/auth";
import { createApiKey } from "../../src/services/api-keys/api-keys";
import { createApplication } from "../../src/services/applications/applications";
import { systemContext, type RequestContext } from "../../src/services/context";
import { requestImpersonation, startImpersonation } from "../../src/services/impersonation/impersonation";
import { createTenant } from "../../src/services/tenants/tenants";
import { createUser } from "../../src/services/users/users";
import { TestBrowser } from "../browser";
import { startOidcServer } from "../oidc-server";
import { CALLBACK, discover, signedInBrowser, signInWithCode } from "../relying-party";

let server: Awaited<ReturnType<typeof startOidcServer>>;
const home = { id: "", slug: "act-claims" };
let platform: { id: string; slug: string };
let app: { clientId: string; clientSecret?: string };
let resource: string;
let people = 0;

beforeAll(async () => {
  server = await startOidcServer();
  const { db } = server.database;
  platform = await createTenant(db, systemContext, { slug: "plinto", name: "Plinto", kind: "platform" });
  home.id = (await createTenant(db, systemContext, { slug: home.slug, name: "Act claims" })).id;
  const { application, clientSecret } = await db.transaction((tx) =>
    createApplication(tx, systemContext, {
      tenantId: home.id,
      name: "Act claims web",
      type: "web",
      firstParty: true,
      redirectUris: [CALLBACK],
      grantTypes: ["authorization_code", "refresh_token"],
      allowedScopes: ["openid", "email", "offline_access"],
    }),
  );
  app = { clientId: application.clientId, ...(clientSecret ? { clientSecret } : {}) };
  resource = `${server.url}/v1`;
});
afterAll(async () => {
  await server?.close();
});

async function newUser(tenantId = home.id) {
  people += 1;
  return server.database.db.transaction((tx) => createUser(tx, systemContext, { tenantId, email: `person${people}@act.example`, emailVerified: true }));
}

/** A browser in an impersonated session of `user`, started by `actor` through the real ticket. */
async function impersonatedBrowser(user: { id: string }, actor: RequestContext) {
  const { db } = server.database;
  const deps: AuthDeps = { config: server.runtime.config, mailer: server.runtime.mailer, limiter: server.runtime.limiter };
  const asked = await db.transaction((tx) =>
    requestImpersonation(tx, actor, { tenantId: home.id, userId: user.id, reason: "Ticket 9: checkout fails", publicUrl: server.url }),
  );
  const ticket = new URL(asked.url).searchParams.get("ticket")!;
  const started = await startImpersonation(db, deps, systemContext, { tenantId: home.id, ticket });
  const browser = new TestBrowser(server.url);
  browser.setCookie(SESSION_COOKIE, started.token, `/t/${home.slug}`);
  return { browser, session: started.session };
}

async function apiClaims(accessToken: string) {
  const jwks = createRemoteJWKSet(new URL(`${server.issuer(home.slug)}/.well-known/jwks.json`));
  const { payload } = await jwtVerify(accessToken, jwks, { issuer: server.issuer(home.slug), audience: resource, typ: "at+jwt" });
  return payload;
}

describe("the act claim", () => {
  it("names the impersonating administrator in the ID token and the API access token, and again after a refresh", async () => {
    const admin = await newUser(platform.id);
    const user = await newUser();
    const { browser, session } = await impersonatedBrowser(user, { actor: { type: "admin", id: admin.id } });
    const config = await discover(server, home.slug, app);
    const tokens = await signInWithCode(browser, config, { scope: "openid email offline_access", resource, prompt: "consent" });
    const act = { sub: admin.id, iss: server.issuer(platform.slug) };

    const id = tokens.claims()!;
    expect(id.sub).toBe(user.id);
    expect(id.sid).toBe(session.id);
    expect(id.act).toEqual(act);
    const access = await apiClaims(tokens.access_token);
    expect(access.sub).toBe(user.id);
    expect(access.act).toEqual(act);

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!, { resource });
    expect(refreshed.claims()?.act).toEqual(act);
    expect((await apiClaims(refreshed.access_token)).act).toEqual(act);
  });

  it("names an API key by its id, and shows act when an opaque access token is introspected", async () => {
    const user = await newUser();
    const { apiKey } = await createApiKey(server.database.db, systemContext, { tenantId: home.id, name: "Support desk", scopes: ["users:impersonate"] });
    const { browser } = await impersonatedBrowser(user, { actor: { type: "api_key", id: apiKey.id } });
    const config = await discover(server, home.slug, app);
    const tokens = await signInWithCode(browser, config, { scope: "openid email" });
    expect(tokens.claims()?.act).toEqual({ sub: apiKey.id });
    expect(tokens.access_token.split(".")).toHaveLength(1);
    const introspected = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(introspected).toMatchObject({ active: true, sub: user.id, act: { sub: apiKey.id } });
    // Userinfo is about the user: no scope releases act there.
    const info = await oidc.fetchUserInfo(config, tokens.access_token, user.id);
    expect(info).toMatchObject({ sub: user.id, email: user.email });
    expect(info.act).toBeUndefined();
  });

  it("is absent from an ordinary session's tokens", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(server, home, user);
    const config = await discover(server, home.slug, app);
    const tokens = await signInWithCode(browser, config, { scope: "openid email offline_access", resource, prompt: "consent" });
    expect(tokens.claims()?.sub).toBe(user.id);
    expect(tokens.claims()?.act).toBeUndefined();
    expect((await apiClaims(tokens.access_token)).act).toBeUndefined();
  });
});
