/**
 * Organization claims over real HTTP with openid-client: the `organizations` scope puts the user's
 * organizations in the ID token and userinfo, and the active organization (`org_*`) in the ID
 * token and the API's at+jwt access tokens. Claims are computed at every issue from the tenant
 * session behind the grant, so a switch, a role change or a removal shows at the next refresh.
 */
import { and, eq } from "drizzle-orm";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionOrganizationListResponseSchema, switchOrganizationResponseSchema } from "@plinto/contracts";
import { auditEvents, memberships, organizations, roles, sessions } from "@plinto/db/schema";
import { GET as listMyOrganizations } from "../../src/app/v1/tenants/[tenant]/auth/organizations/route";
import { PUT as putActiveOrganization } from "../../src/app/v1/tenants/[tenant]/auth/organizations/active/route";
import { CLIENT_IP_HEADER } from "../../src/lib/request";
import { createApplication } from "../../src/services/applications/applications";
import { systemContext } from "../../src/services/context";
import { ensureBuiltInRoles, permissionsOfRole } from "../../src/services/organizations/roles";
import { createTenant } from "../../src/services/tenants/tenants";
import { createUser } from "../../src/services/users/users";
import { startOidcServer } from "../oidc-server";
import { CALLBACK, discover, signedInBrowser, signInWithCode } from "../relying-party";

let server: Awaited<ReturnType<typeof startOidcServer>>;
const home = { id: "", slug: "org-claims" };
const other = { id: "", slug: "org-claims-other" };
let app: { clientId: string; clientSecret?: string };
let resource: string;

beforeAll(async () => {
  server = await startOidcServer();
  const { db } = server.database;
  for (const tenant of [home, other]) {
    const created = await createTenant(db, systemContext, { slug: tenant.slug, name: tenant.slug });
    tenant.id = created.id;
    // createTenant seeds them already; calling again keeps the test honest if that ever changes.
    await ensureBuiltInRoles(db, created);
  }
  const { application, clientSecret } = await db.transaction((tx) =>
    createApplication(tx, systemContext, {
      tenantId: home.id,
      name: "Org claims web",
      type: "web",
      firstParty: true,
      redirectUris: [CALLBACK],
      grantTypes: ["authorization_code", "refresh_token"],
      allowedScopes: ["openid", "profile", "email", "offline_access", "organizations"],
    }),
  );
  app = { clientId: application.clientId, ...(clientSecret ? { clientSecret } : {}) };
  resource = `${server.url}/v1`;
});
afterAll(async () => {
  await server?.close();
});

let people = 0;
async function newUser(tenant = home) {
  people += 1;
  return server.database.db.transaction((tx) =>
    createUser(tx, systemContext, { tenantId: tenant.id, email: `member${people}@org-claims.example`, name: `Member ${people}`, emailVerified: true }),
  );
}

async function newOrganization(name: string, tenant = home) {
  const slug = `${name.toLowerCase()}-${people}-${Math.random().toString(36).slice(2, 8)}`;
  const [row] = await server.database.db.insert(organizations).values({ tenantId: tenant.id, name, slug }).returning();
  return row!;
}

async function roleId(key: string, tenant = home) {
  const [row] = await server.database.db
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.tenantId, tenant.id), eq(roles.key, key)));
  return row!.id;
}

async function addMember(organization: { id: string }, user: { id: string }, role: string, tenant = home) {
  await server.database.db.insert(memberships).values({ tenantId: tenant.id, organizationId: organization.id, userId: user.id, roleId: await roleId(role, tenant) });
}

const caller = (sessionToken: string) => ({ authorization: `Bearer ${sessionToken}`, [CLIENT_IP_HEADER]: "198.51.100.7" });
const routeUrl = (path: string) => `${server.url}/v1/tenants/${home.slug}/auth/${path}`;

function getOrganizations(sessionToken: string | undefined) {
  const headers: Record<string, string> = sessionToken ? caller(sessionToken) : {};
  return listMyOrganizations(new Request(routeUrl("organizations"), { headers }), { params: Promise.resolve({ tenant: home.slug }) });
}

function putActive(sessionToken: string, body: unknown) {
  const request = new Request(routeUrl("organizations/active"), {
    method: "PUT",
    headers: { ...caller(sessionToken), "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return putActiveOrganization(request, { params: Promise.resolve({ tenant: home.slug }) });
}

/** The API's access token, verified as the API would: signature, issuer, audience, `at+jwt`. */
async function apiClaims(accessToken: string) {
  const jwks = createRemoteJWKSet(new URL(`${server.issuer(home.slug)}/.well-known/jwks.json`));
  const { payload } = await jwtVerify(accessToken, jwks, { issuer: server.issuer(home.slug), audience: resource, typ: "at+jwt" });
  return payload;
}

/** A user in Acme (admin) and Globex (member), signed in with the organizations scope. */
async function memberOfTwo(scope = "openid organizations offline_access") {
  const user = await newUser();
  const acme = await newOrganization("Acme");
  const globex = await newOrganization("Globex");
  await addMember(acme, user, "admin");
  await addMember(globex, user, "member");
  const signedIn = await signedInBrowser(server, home, user);
  const config = await discover(server, home.slug, app);
  const tokens = await signInWithCode(signedIn.browser, config, { scope, resource, prompt: "consent" });
  return { user, acme, globex, config, tokens, ...signedIn };
}

describe("the organizations scope", () => {
  it("puts both organizations in the ID token and userinfo, and the chosen one's org_* in the ID and access tokens", async () => {
    const { acme, globex, config, tokens, sessionToken, session } = await memberOfTwo();
    const adminPermissions = await permissionsOfRole(server.database.db, home.id, await roleId("admin"));

    // Two organizations and no choice yet: none is active.
    const first = tokens.claims()!;
    expect(first.sid).toBe(session.id);
    expect(first.organizations).toEqual(
      expect.arrayContaining([
        { id: acme.id, slug: acme.slug, name: "Acme", role: "admin" },
        { id: globex.id, slug: globex.slug, name: "Globex", role: "member" },
      ]),
    );
    expect((first.organizations as unknown[]).length).toBe(2);
    expect(first.org_id).toBeUndefined();
    expect((await apiClaims(tokens.access_token)).org_id).toBeUndefined();

    // The user picks Acme on their session; the next refresh carries it.
    const switched = await putActive(sessionToken, { organizationId: acme.id });
    expect(switched.status).toBe(200);
    expect(switchOrganizationResponseSchema.parse(await switched.json()).active).toEqual({
      id: acme.id, slug: acme.slug, name: "Acme", role: "admin", permissions: adminPermissions,
    });
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    const access = await apiClaims(refreshed.access_token);
    expect(access).toMatchObject({ org_id: acme.id, org_slug: acme.slug, org_role: "admin", org_permissions: adminPermissions });
    expect(access.organizations).toBeUndefined();
    expect(refreshed.claims()).toMatchObject({ org_id: acme.id, org_slug: acme.slug, org_role: "admin", org_permissions: adminPermissions });

    // Then Globex: computed again at issue time, not copied from the first token.
    expect((await putActive(sessionToken, { organizationId: globex.id })).status).toBe(200);
    const again = await oidc.refreshTokenGrant(config, refreshed.refresh_token!);
    expect(await apiClaims(again.access_token)).toMatchObject({ org_id: globex.id, org_slug: globex.slug, org_role: "member", org_permissions: ["members:read"] });

    // The switch is in the tenant's audit log, once per switch.
    const audited = await server.database.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, home.id), eq(auditEvents.action, "session.organization_switched"), eq(auditEvents.targetId, session.id)));
    expect(audited.map((e) => (e.data as { organizationId: string }).organizationId)).toEqual([acme.id, globex.id]);
  });

  it("gives userinfo the organizations and the active one", async () => {
    const user = await newUser();
    const acme = await newOrganization("Acme");
    await addMember(acme, user, "owner");
    const { browser } = await signedInBrowser(server, home, user);
    const config = await discover(server, home.slug, app);
    // No resource: the access token is opaque and serves userinfo.
    const tokens = await signInWithCode(browser, config, { scope: "openid organizations" });
    const info = await oidc.fetchUserInfo(config, tokens.access_token, user.id);
    expect(info.organizations).toEqual([{ id: acme.id, slug: acme.slug, name: "Acme", role: "owner" }]);
    expect(info.org_id).toBe(acme.id);
    // The ID token carries them too, although profile claims go to userinfo in this flow.
    expect(tokens.claims()).toMatchObject({ org_id: acme.id, org_role: "owner", organizations: [{ id: acme.id, slug: acme.slug, name: "Acme", role: "owner" }] });
  });

  it("follows a role change and a removal at the next refresh", async () => {
    const { user, acme, globex, config, tokens, sessionToken } = await memberOfTwo();
    expect((await putActive(sessionToken, { organizationId: acme.id })).status).toBe(200);
    const { db } = server.database;

    await db
      .update(memberships)
      .set({ roleId: await roleId("owner") })
      .where(and(eq(memberships.tenantId, home.id), eq(memberships.organizationId, acme.id), eq(memberships.userId, user.id)));
    const promoted = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    const ownerPermissions = await permissionsOfRole(db, home.id, await roleId("owner"));
    expect(ownerPermissions).toContain("organization:delete");
    expect(await apiClaims(promoted.access_token)).toMatchObject({ org_id: acme.id, org_role: "owner", org_permissions: ownerPermissions });

    await db.delete(memberships).where(and(eq(memberships.tenantId, home.id), eq(memberships.organizationId, acme.id), eq(memberships.userId, user.id)));
    const removed = await oidc.refreshTokenGrant(config, promoted.refresh_token!);
    const access = await apiClaims(removed.access_token);
    // Still a member of Globex only: that is now the only, so the active, organization.
    expect(access).toMatchObject({ org_id: globex.id, org_role: "member" });
    expect(removed.claims()!.organizations).toEqual([{ id: globex.id, slug: globex.slug, name: "Globex", role: "member" }]);

    // The session still names Acme, but the route too answers with membership, not the memory.
    const listed = sessionOrganizationListResponseSchema.parse(await (await getOrganizations(sessionToken)).json());
    expect(listed.organizations.map((o) => o.id)).not.toContain(acme.id);
    expect(listed.active?.id).toBe(globex.id);
  });

  it("after leaving the only organization, the next refresh has no org_id at all", async () => {
    const user = await newUser();
    const acme = await newOrganization("Acme");
    await addMember(acme, user, "member");
    const { browser } = await signedInBrowser(server, home, user);
    const config = await discover(server, home.slug, app);
    const tokens = await signInWithCode(browser, config, { scope: "openid organizations offline_access", resource, prompt: "consent" });
    // One organization and no choice: it is the active one.
    expect(await apiClaims(tokens.access_token)).toMatchObject({ org_id: acme.id, org_role: "member" });

    await server.database.db.delete(memberships).where(and(eq(memberships.tenantId, home.id), eq(memberships.userId, user.id)));
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    const access = await apiClaims(refreshed.access_token);
    for (const claim of ["org_id", "org_slug", "org_role", "org_permissions"]) expect(access[claim]).toBeUndefined();
    expect(refreshed.claims()!.organizations).toEqual([]);
  });

  it("gives a user in no organization organizations: [] and no org_id", async () => {
    const user = await newUser();
    const { browser } = await signedInBrowser(server, home, user);
    const config = await discover(server, home.slug, app);
    const tokens = await signInWithCode(browser, config, { scope: "openid organizations", resource });
    const claims = tokens.claims()!;
    expect(claims.organizations).toEqual([]);
    expect(claims.org_id).toBeUndefined();
    expect((await apiClaims(tokens.access_token)).org_id).toBeUndefined();
  });

  it("releases no organization claim without the scope", async () => {
    const user = await newUser();
    const acme = await newOrganization("Acme");
    await addMember(acme, user, "owner");
    const { browser } = await signedInBrowser(server, home, user);
    const config = await discover(server, home.slug, app);
    const tokens = await signInWithCode(browser, config, { scope: "openid profile email offline_access", resource, prompt: "consent" });
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    for (const set of [tokens, refreshed]) {
      const claims = set.claims()!;
      const access = await apiClaims(set.access_token);
      for (const claim of ["organizations", "org_id", "org_slug", "org_role", "org_permissions"]) {
        expect(claims[claim], claim).toBeUndefined();
        expect(access[claim], claim).toBeUndefined();
      }
    }
    // Even a claims request naming them gets nothing without the scope.
    const asked = await signInWithCode(browser, config, {
      scope: "openid",
      resource,
      claims: JSON.stringify({ id_token: { org_id: null, organizations: null } }),
    });
    expect(asked.claims()!.org_id).toBeUndefined();
    expect(asked.claims()!.organizations).toBeUndefined();
  });

  it("an authorization request's organization parameter picks the active organization, by id or slug, for members only", async () => {
    const user = await newUser();
    const acme = await newOrganization("Acme");
    const globex = await newOrganization("Globex");
    const stranger = await newOrganization("Initech");
    await addMember(acme, user, "admin");
    await addMember(globex, user, "member");
    const { browser, session } = await signedInBrowser(server, home, user);
    const config = await discover(server, home.slug, app);
    const scope = "openid organizations";

    const bySlug = await signInWithCode(browser, config, { scope, resource, organization: globex.slug });
    expect(bySlug.claims()!.org_id).toBe(globex.id);
    expect((await apiClaims(bySlug.access_token)).org_id).toBe(globex.id);

    const byId = await signInWithCode(browser, config, { scope, resource, organization: acme.id });
    expect(byId.claims()!.org_id).toBe(acme.id);

    // Not a member: ignored, the sign-in goes on in the organization the session already had.
    const ignored = await signInWithCode(browser, config, { scope, resource, organization: stranger.id });
    expect(ignored.claims()!.org_id).toBe(acme.id);
    const [row] = await server.database.db.select({ active: sessions.activeOrganizationId }).from(sessions).where(eq(sessions.id, session.id));
    expect(row!.active).toBe(acme.id);
  });
});

describe("the end-user organization routes", () => {
  it("need a live session", async () => {
    const response = await getOrganizations(undefined);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="plinto"');
  });

  it("list the caller's organizations, marking the active one", async () => {
    const user = await newUser();
    const acme = await newOrganization("Acme");
    const globex = await newOrganization("Globex");
    await newOrganization("Initech");
    await addMember(acme, user, "admin");
    await addMember(globex, user, "member");
    const { sessionToken } = await signedInBrowser(server, home, user);

    const before = sessionOrganizationListResponseSchema.parse(await (await getOrganizations(sessionToken)).json());
    expect(before.organizations).toEqual([
      { id: acme.id, slug: acme.slug, name: "Acme", role: "admin", active: false },
      { id: globex.id, slug: globex.slug, name: "Globex", role: "member", active: false },
    ]);
    expect(before.active).toBeNull();

    expect((await putActive(sessionToken, { organizationId: globex.id })).status).toBe(200);
    const after = sessionOrganizationListResponseSchema.parse(await (await getOrganizations(sessionToken)).json());
    expect(after.organizations.find((o) => o.active)?.id).toBe(globex.id);
    expect(after.active).toEqual({ id: globex.id, slug: globex.slug, name: "Globex", role: "member", permissions: ["members:read"] });

    // null clears the choice: with two organizations, none is active.
    const cleared = await putActive(sessionToken, { organizationId: null });
    expect(switchOrganizationResponseSchema.parse(await cleared.json()).active).toBeNull();
  });

  it("refuse an organization the caller is not in, here or in another tenant, as not_found", async () => {
    const user = await newUser();
    const mine = await newOrganization("Acme");
    await addMember(mine, user, "member");
    const notMine = await newOrganization("Globex");
    const elsewhere = await newOrganization("Umbrella", other);
    await addMember(elsewhere, await newUser(other), "owner", other);
    const { sessionToken, session } = await signedInBrowser(server, home, user);

    for (const organization of [notMine, elsewhere]) {
      const response = await putActive(sessionToken, { organizationId: organization.id });
      expect(response.status).toBe(404);
      expect((await response.json()) as Record<string, unknown>).toMatchObject({ code: "not_found" });
    }
    const invalid = await putActive(sessionToken, { organizationId: "acme" });
    expect(invalid.status).toBe(400);
    const [row] = await server.database.db.select({ active: sessions.activeOrganizationId }).from(sessions).where(eq(sessions.id, session.id));
    expect(row!.active).toBeNull();
  });
});

// The ID token's organizations come only from the membership rows: decode one to be sure the
// claim is not an echo of the request.
it("never puts an organization the user is not in into a token", async () => {
  const user = await newUser();
  const stranger = await newOrganization("Initech");
  const { browser } = await signedInBrowser(server, home, user);
  const config = await discover(server, home.slug, app);
  const tokens = await signInWithCode(browser, config, { scope: "openid organizations", resource, organization: stranger.slug });
  const idToken = decodeJwt(tokens.id_token!);
  expect(idToken.organizations).toEqual([]);
  expect(idToken.org_id).toBeUndefined();
});
