/**
 * The account portal calls the end-user API (`/v1/tenants/{tenant}/auth/*`) with the access token
 * it got when the user signed in through the tenant's provider, not with the IdP session cookie.
 * The token's `sid` ties it to the tenant session: it works while that session lives, for the
 * tenant that issued it, and only when a Plinto site (a first-party application) holds it.
 */
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApplication } from "../../src/services/applications/applications";
import { systemContext } from "../../src/services/context";
import { revokeSession } from "../../src/services/sessions/sessions";
import { createTenant } from "../../src/services/tenants/tenants";
import { createUser } from "../../src/services/users/users";
import { mintAdminToken } from "../admin-token";
import { startOidcServer } from "../oidc-server";
import { CALLBACK, discover, signedInBrowser, signInWithCode } from "../relying-party";
import { problemOf } from "../responses";
import { callOperation } from "../routes";

let server: Awaited<ReturnType<typeof startOidcServer>>;
const tenants: Record<string, { id: string; slug: string }> = {};

beforeAll(async () => {
  server = await startOidcServer();
  const { db } = server.database;
  for (const slug of ["acme", "globex"]) tenants[slug] = await db.transaction((tx) => createTenant(tx, systemContext, { slug, name: slug }));
});
afterAll(async () => {
  await server?.close();
});

async function application(tenant: { id: string }, firstParty: boolean) {
  const created = await server.database.db.transaction((tx) =>
    createApplication(tx, systemContext, { tenantId: tenant.id, name: "Portal", type: "web", redirectUris: [CALLBACK], firstParty }),
  );
  return { clientId: created.application.clientId, clientSecret: created.clientSecret! };
}

/** A user of `tenant` signed in through its provider by an application, as @plinto/auth asks. */
async function signedIn(tenant: { id: string; slug: string }, email: string) {
  const { db } = server.database;
  const app = await application(tenant, true);
  const user = await db.transaction((tx) => createUser(tx, systemContext, { tenantId: tenant.id, email, emailVerified: true }));
  const { browser, session, sessionToken } = await signedInBrowser(server, tenant, user);
  const tokens = await signInWithCode(browser, await discover(server, tenant.slug, app), {
    scope: "openid email offline_access",
    prompt: "consent",
    resource: `${server.url}/v1`,
  });
  return { user, session, sessionToken, accessToken: tokens.access_token };
}

const mySessions = (tenant: string, token: string) =>
  callOperation({ method: "get", path: "/v1/tenants/{tenant}/auth/sessions" }, { params: { tenant }, headers: { authorization: `Bearer ${token}` } });

describe("the end-user API with an access token from a Plinto site", () => {
  it("acts on the session the token came from, until that session ends", async () => {
    const { user, session, accessToken } = await signedIn(tenants.acme!, "ana@acme.example");
    expect(decodeJwt(accessToken)).toMatchObject({ sub: user.id, sid: session.id, aud: `${server.url}/v1` });

    const listed = await mySessions("acme", accessToken);
    expect(listed.status).toBe(200);
    expect((await listed.json()) as unknown).toMatchObject({ sessions: [{ id: session.id, current: true }] });

    await server.database.db.transaction((tx) =>
      revokeSession(tx, systemContext, { tenantId: tenants.acme!.id, userId: user.id, sessionId: session.id, reason: "test" }),
    );
    expect((await mySessions("acme", accessToken)).status).toBe(401);
  });

  it("sets up an authenticator app for a recent sign-in", async () => {
    const { accessToken } = await signedIn(tenants.acme!, "bo@acme.example");
    const started = await callOperation(
      { method: "post", path: "/v1/tenants/{tenant}/auth/factors/totp" },
      { params: { tenant: "acme" }, headers: { authorization: `Bearer ${accessToken}` }, body: {} },
    );
    expect(started.status).toBe(201);
    expect(await started.json()).toMatchObject({ otpauthUri: expect.stringMatching(/^otpauth:\/\/totp\//) });
  });

  it("refuses another tenant's token, and a third-party application's", async () => {
    const globex = await signedIn(tenants.globex!, "cy@globex.example");
    expect((await problemOf(await mySessions("acme", globex.accessToken), 401, "unauthorized")).detail).toMatch(/not valid for this account/);

    // The same token shape, with the session and user of a live sign-in: only the holder differs.
    const { user, session } = await signedIn(tenants.acme!, "di@acme.example");
    const tokenFor = async (firstParty: boolean) =>
      mintAdminToken(server.database.db, {
        publicUrl: server.url,
        secret: server.runtime.config.secret,
        platform: tenants.acme!,
        userId: user.id,
        clientId: (await application(tenants.acme!, firstParty)).clientId,
        claims: { sid: session.id },
      });
    expect((await mySessions("acme", await tokenFor(true))).status).toBe(200);
    expect((await problemOf(await mySessions("acme", await tokenFor(false)), 401, "unauthorized")).detail).toMatch(
      /not issued to a person through a Plinto site/,
    );
  });

  it("refuses a token that is not one, rather than reading it as no credential", async () => {
    const { accessToken, sessionToken } = await signedIn(tenants.acme!, "ed@acme.example");
    const [header, payload] = accessToken.split(".");
    const withCookie = (authorization: string) =>
      callOperation(
        { method: "get", path: "/v1/tenants/{tenant}/auth/sessions" },
        { params: { tenant: "acme" }, headers: { authorization, cookie: `plinto_session=${sessionToken}` } },
      );
    expect((await withCookie(`Bearer ${sessionToken}`)).status).toBe(200);
    // A forged signature next to a good session cookie: refused, not ignored in favour of the cookie.
    expect((await withCookie(`Bearer ${header}.${payload}.AAAA`)).status).toBe(401);
  });
});
