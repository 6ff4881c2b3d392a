/**
 * How Plinto's own sites (admin, account portal) sign in, against the real provider of the platform
 * tenant: the authorization request @plinto/auth makes (offline_access with consent, the API as
 * `resource`, the profile asked for in the ID token through `claims`), then the site's refresh of
 * its API token (@plinto/auth's refreshApiToken) over HTTP. The access token it holds is what the
 * management API accepts from an admin.
 */
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshApiToken, withApiToken } from "@plinto/auth/api-token";
import { createApplication } from "../../src/services/applications/applications";
import { systemContext } from "../../src/services/context";
import { authorizeManagement } from "../../src/services/management/authorize";
import { setTenantAdmin } from "../../src/services/tenants/admins";
import { createTenant } from "../../src/services/tenants/tenants";
import { blockUser } from "../../src/services/users/lifecycle";
import { createUser } from "../../src/services/users/users";
import { startOidcServer } from "../oidc-server";
import { CALLBACK, discover, signedInBrowser, signInWithCode } from "../relying-party";

let server: Awaited<ReturnType<typeof startOidcServer>>;
let platform: { id: string; slug: string; name: string };
let site: { clientId: string; clientSecret: string };

beforeAll(async () => {
  server = await startOidcServer();
  const { db } = server.database;
  platform = await db.transaction((tx) => createTenant(tx, systemContext, { slug: "plinto", name: "Plinto", kind: "platform" }));
  const created = await db.transaction((tx) =>
    createApplication(tx, systemContext, { tenantId: platform.id, name: "Plinto Admin", type: "web", redirectUris: [CALLBACK] }),
  );
  site = { clientId: created.application.clientId, clientSecret: created.clientSecret! };
});
afterAll(async () => {
  await server?.close();
});

/** The parameters @plinto/auth's provider sends (options.ts), for this server. */
const siteParams = () => ({
  scope: "openid profile email offline_access",
  prompt: "consent",
  resource: `${server.url}/v1`,
  claims: JSON.stringify({ id_token: { email: null, email_verified: null, name: null, picture: null } }),
});

const env = () => ({
  issuer: server.issuer("plinto"),
  clientId: site.clientId,
  clientSecret: site.clientSecret,
  secret: "s".repeat(43),
  siteUrl: "https://admin.example.com",
  apiUrl: server.url,
});

async function adminSignedIn(email: string) {
  const { db } = server.database;
  const user = await db.transaction((tx) => createUser(tx, systemContext, { tenantId: platform.id, email, name: "Ada Admin", emailVerified: true }));
  await db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: platform, userId: user.id, role: "owner" }));
  const { browser } = await signedInBrowser(server, platform, user);
  const tokens = await signInWithCode(browser, await discover(server, "plinto", site), siteParams());
  return { user, tokens };
}

const manage = (token: string) =>
  authorizeManagement(server.database.db, { publicUrl: server.url, headers: new Headers({ authorization: `Bearer ${token}` }), scope: "users:read" });

describe("a Plinto site's sign-in", () => {
  it("gets the profile in the ID token, an access token for the API, and a refresh token", async () => {
    const { user, tokens } = await adminSignedIn("ada@plinto.example");
    expect(tokens.claims()).toMatchObject({ sub: user.id, email: "ada@plinto.example", email_verified: true, name: "Ada Admin" });
    expect(decodeJwt(tokens.access_token)).toMatchObject({ aud: `${server.url}/v1`, sub: user.id, client_id: site.clientId });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(await manage(tokens.access_token)).toMatchObject({ tenantId: platform.id, actor: { type: "admin", id: user.id } });
  });

  it("refreshes its API token with a rotated refresh token, and is told to sign in again once the grant ends", async () => {
    const { user, tokens } = await adminSignedIn("grace@plinto.example");
    const session = withApiToken({}, { apiAccessToken: tokens.access_token, apiRefreshToken: tokens.refresh_token!, apiAccessTokenExpiresAt: 0 });

    const first = await refreshApiToken(env(), session);
    expect(first.apiTokenError).toBeUndefined();
    expect(first.apiRefreshToken).not.toBe(tokens.refresh_token);
    expect(first.apiAccessTokenExpiresAt).toBeGreaterThan(Date.now() / 1000);
    expect(decodeJwt(first.apiAccessToken!)).toMatchObject({ aud: `${server.url}/v1`, sub: user.id });
    expect((await manage(first.apiAccessToken!)).actor).toEqual({ type: "admin", id: user.id });

    const second = await refreshApiToken(env(), withApiToken(session, first));
    expect(second.apiAccessToken).toEqual(expect.any(String));

    // Blocked: every grant ends, so the next refresh fails and the site asks for a new sign-in.
    await server.database.db.transaction((tx) => blockUser(tx, systemContext, { tenantId: platform.id, userId: user.id }));
    expect(await refreshApiToken(env(), withApiToken(session, second))).toEqual({ apiTokenError: "refresh_failed" });
  });
});
