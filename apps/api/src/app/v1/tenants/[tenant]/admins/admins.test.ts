/**
 * Tenants, their admins and the admin access token end to end: a platform user signs in through
 * the platform tenant's real OIDC provider (code + PKCE over HTTP with openid-client, resource
 * `{API_URL}/v1`), and the at+jwt it gets calls the management routes with `Plinto-Tenant`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  myTenantsResponseSchema,
  problemDetailsSchema,
  tenantAdminListResponseSchema,
  tenantAdminResponseSchema,
  tenantListResponseSchema,
  tenantResponseSchema,
  userListResponseSchema,
} from "@plinto/contracts";
import { startOidcServer } from "../../../../../../test/oidc-server";
import { CALLBACK, discover, signedInBrowser, signInWithCode } from "../../../../../../test/relying-party";
import { createApiKey, type ApiKeyScope } from "../../../../../services/api-keys/api-keys";
import { createApplication } from "../../../../../services/applications/applications";
import { systemContext } from "../../../../../services/context";
import { removeTenantAdmin, setTenantAdmin } from "../../../../../services/tenants/admins";
import { createTenant } from "../../../../../services/tenants/tenants";
import { createUser } from "../../../../../services/users/users";
import { GET as myTenants } from "../../../me/tenants/route";
import { GET as listUsers, POST as createUserRoute } from "../../../users/route";
import { GET as listTenants, POST as createTenantRoute } from "../../route";
import { GET as getTenant, PATCH as patchTenant } from "../route";
import { DELETE as removeAdmin, PUT as putAdmin } from "./[user]/route";
import { GET as listAdmins } from "./route";

let server: Awaited<ReturnType<typeof startOidcServer>>;
let platform: Awaited<ReturnType<typeof createTenant>>;
let acme: Awaited<ReturnType<typeof createTenant>>;
let app: { clientId: string; clientSecret?: string };
const keys = {} as Record<"operator" | "operatorRead" | "customer", string>;

beforeAll(async () => {
  server = await startOidcServer();
  const { db } = server.database;
  platform = await db.transaction((tx) => createTenant(tx, systemContext, { slug: "plinto", name: "Plinto", kind: "platform" }));
  acme = await db.transaction((tx) => createTenant(tx, systemContext, { slug: "acme", name: "Acme" }));
  await db.transaction((tx) => createTenant(tx, systemContext, { slug: "globex", name: "Globex" }));
  const { application, clientSecret } = await db.transaction((tx) =>
    createApplication(tx, systemContext, {
      tenantId: platform.id,
      name: "Plinto admin",
      type: "web",
      firstParty: true,
      redirectUris: [CALLBACK],
      grantTypes: ["authorization_code", "refresh_token"],
    }),
  );
  app = { clientId: application.clientId, ...(clientSecret ? { clientSecret } : {}) };
  const key = async (tenantId: string, scopes: ApiKeyScope[]) => (await createApiKey(db, systemContext, { tenantId, name: scopes.join(" "), scopes })).secret;
  keys.operator = await key(platform.id, ["tenants:read", "tenants:write"]);
  keys.operatorRead = await key(platform.id, ["tenants:read"]);
  keys.customer = await key(acme.id, ["users:read", "users:write", "settings:read"]);
});
afterAll(async () => {
  await server?.close();
});

let people = 0;
async function platformUser() {
  people += 1;
  return server.database.db.transaction((tx) =>
    createUser(tx, systemContext, { tenantId: platform.id, email: `admin${people}@plinto.example`, name: `Admin ${people}`, emailVerified: true }),
  );
}

/** A real access token for the API, from a real sign-in at the platform tenant's provider. */
async function accessTokenOf(user: { id: string }) {
  const { browser } = await signedInBrowser(server, platform, user);
  const config = await discover(server, platform.slug, app);
  const tokens = await signInWithCode(browser, config, { scope: "openid", resource: `${server.url}/v1` });
  return tokens.access_token;
}

function request(path: string, method: string, bearer?: string, options: { tenant?: string; body?: unknown } = {}) {
  const headers = new Headers(bearer ? { authorization: `Bearer ${bearer}` } : {});
  if (options.tenant) headers.set("plinto-tenant", options.tenant);
  if (options.body !== undefined) headers.set("content-type", "application/json");
  return new Request(`${server.url}/v1${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
}
const tenantAt = (tenant: string) => ({ params: Promise.resolve({ tenant }) });
const adminAt = (tenant: string, user: string) => ({ params: Promise.resolve({ tenant, user }) });
async function codeOf(response: Response, status: number) {
  expect(response.status).toBe(status);
  return problemDetailsSchema.parse(await response.json()).code;
}

describe("an admin's access token", () => {
  it("acts with the role held now: a viewer reads, an admin writes, a removed admin is refused, another tenant is not theirs", async () => {
    const admin = await platformUser();
    await server.database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: acme, userId: admin.id, role: "viewer" }));
    const token = await accessTokenOf(admin);
    expect(token.split(".")).toHaveLength(3);

    const listed = await listUsers(request("/users", "GET", token, { tenant: "acme" }));
    expect(listed.status).toBe(200);
    userListResponseSchema.parse(await listed.json());
    const body = { email: "made-by-admin@acme.example" };
    expect(await codeOf(await createUserRoute(request("/users", "POST", token, { tenant: "acme", body })), 403)).toBe("forbidden");

    await server.database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: acme, userId: admin.id, role: "admin" }));
    expect((await createUserRoute(request("/users", "POST", token, { tenant: "acme", body }))).status).toBe(201);

    expect(await codeOf(await listUsers(request("/users", "GET", token, { tenant: "globex" })), 403)).toBe("forbidden");
    expect(await codeOf(await listUsers(request("/users", "GET", token, { tenant: "no-such-tenant" })), 403)).toBe("forbidden");

    const mine = myTenantsResponseSchema.parse(await (await myTenants(request("/me/tenants", "GET", token))).json());
    expect(mine.tenants).toEqual([{ slug: "acme", name: "Acme", kind: "customer", status: "active", role: "admin" }]);
    expect((await myTenants(request("/me/tenants", "GET", token, { tenant: "acme" }))).status).toBe(200);
    expect(await codeOf(await myTenants(request("/me/tenants", "GET", token, { tenant: "globex" })), 403)).toBe("forbidden");

    await server.database.db.transaction((tx) => removeTenantAdmin(tx, systemContext, { tenant: acme, userId: admin.id }));
    expect(await codeOf(await listUsers(request("/users", "GET", token, { tenant: "acme" })), 403)).toBe("forbidden");
    expect(myTenantsResponseSchema.parse(await (await myTenants(request("/me/tenants", "GET", token))).json()).tenants).toEqual([]);
  });

  it("GET /v1/me/tenants: 401 without a credential or with a forged token, 403 for an API key", async () => {
    expect(await codeOf(await myTenants(request("/me/tenants", "GET")), 401)).toBe("unauthorized");
    expect(await codeOf(await myTenants(request("/me/tenants", "GET", "eyJhbGciOiJub25lIn0.e30.")), 401)).toBe("unauthorized");
    expect(await codeOf(await myTenants(request("/me/tenants", "GET", keys.operator)), 403)).toBe("forbidden");
  });
});

describe("tenants, for platform operators", () => {
  it("only platform credentials with tenants:* reach them", async () => {
    expect(await codeOf(await listTenants(request("/tenants", "GET")), 401)).toBe("unauthorized");
    expect(await codeOf(await listTenants(request("/tenants", "GET", keys.customer)), 403)).toBe("forbidden");
    expect(await codeOf(await getTenant(request("/tenants/acme", "GET", keys.customer), tenantAt("acme")), 403)).toBe("forbidden");
    expect(await codeOf(await createTenantRoute(request("/tenants", "POST", keys.operatorRead, { body: { slug: "nope", name: "Nope" } })), 403)).toBe("forbidden");
    // A customer tenant's owner is no platform operator.
    const owner = await platformUser();
    await server.database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: acme, userId: owner.id, role: "owner" }));
    const token = await accessTokenOf(owner);
    expect(await codeOf(await listTenants(request("/tenants", "GET", token, { tenant: "acme" })), 403)).toBe("forbidden");
    expect(await codeOf(await listTenants(request("/tenants", "GET", token)), 403)).toBe("forbidden");
  });

  it("an operator creates a tenant and owns it, renames and suspends it, but not the platform tenant", async () => {
    const operator = await platformUser();
    await server.database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: platform, userId: operator.id, role: "owner" }));
    const token = await accessTokenOf(operator);
    const created = await createTenantRoute(request("/tenants", "POST", token, { body: { slug: "initech", name: "Initech" } }));
    expect(created.status).toBe(201);
    expect(tenantResponseSchema.parse(await created.json()).tenant).toMatchObject({ slug: "initech", kind: "customer", status: "active" });
    expect(await codeOf(await createTenantRoute(request("/tenants", "POST", keys.operator, { body: { slug: "initech", name: "Again" } })), 409)).toBe("conflict");
    expect(await codeOf(await createTenantRoute(request("/tenants", "POST", keys.operator, { body: { slug: "Bad Slug", name: "x" } })), 400)).toBe(
      "validation_failed",
    );

    const admins = tenantAdminListResponseSchema.parse(await (await listAdmins(request("/tenants/initech/admins", "GET", keys.operatorRead), tenantAt("initech"))).json());
    expect(admins.admins).toMatchObject([{ userId: operator.id, role: "owner" }]);
    // Their new tenant is theirs to manage at once.
    expect((await listUsers(request("/users", "GET", token, { tenant: "initech" }))).status).toBe(200);

    const patched = await patchTenant(request("/tenants/initech", "PATCH", token, { body: { name: "Initech Corp", status: "suspended" } }), tenantAt("initech"));
    expect(tenantResponseSchema.parse(await patched.json()).tenant).toMatchObject({ name: "Initech Corp", status: "suspended" });
    expect(await codeOf(await patchTenant(request("/tenants/plinto", "PATCH", keys.operator, { body: { status: "suspended" } }), tenantAt("plinto")), 409)).toBe(
      "conflict",
    );
    expect(await codeOf(await getTenant(request("/tenants/nowhere", "GET", keys.operator), tenantAt("nowhere")), 404)).toBe("not_found");

    const page = tenantListResponseSchema.parse(await (await listTenants(request("/tenants?limit=2", "GET", keys.operatorRead))).json());
    expect(page.tenants).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const next = tenantListResponseSchema.parse(await (await listTenants(request(`/tenants?limit=2&cursor=${page.nextCursor}`, "GET", keys.operatorRead))).json());
    expect(next.tenants.map((t) => t.slug)).not.toContain(page.tenants[0]!.slug);
    expect(await codeOf(await listTenants(request("/tenants?cursor=nonsense", "GET", keys.operatorRead)), 400)).toBe("validation_failed");
  });

  it("sets and removes a tenant's admins: owners only, never the last owner", async () => {
    const [owner, helper, platformAdmin] = [await platformUser(), await platformUser(), await platformUser()];
    const { db } = server.database;
    const tenant = await db.transaction((tx) => createTenant(tx, systemContext, { slug: "umbrella", name: "Umbrella" }));
    await db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: platform, userId: platformAdmin.id, role: "admin" }));

    const put = (bearer: string, userId: string, role: unknown) =>
      putAdmin(request(`/tenants/umbrella/admins/${userId}`, "PUT", bearer, { body: { role } }), adminAt("umbrella", userId));
    const remove = (bearer: string, userId: string) => removeAdmin(request(`/tenants/umbrella/admins/${userId}`, "DELETE", bearer), adminAt("umbrella", userId));

    const made = await put(keys.operator, owner.id, "owner");
    expect(tenantAdminResponseSchema.parse(await made.json()).admin).toMatchObject({ userId: owner.id, role: "owner", email: owner.email });
    expect(await codeOf(await put(keys.operator, helper.id, "superuser"), 400)).toBe("validation_failed");
    expect(await codeOf(await put(keys.operatorRead, helper.id, "support"), 403)).toBe("forbidden");
    // A platform admin (not owner) holds tenants:write but may not change who administers.
    expect(await codeOf(await put(await accessTokenOf(platformAdmin), helper.id, "support"), 403)).toBe("forbidden");
    expect(await codeOf(await put(keys.operator, "usr_01jbz6y0fq7m2x9d8c4v6b5n3k", "support"), 404)).toBe("not_found");
    expect((await put(keys.operator, helper.id, "support")).status).toBe(200);

    expect(await codeOf(await put(keys.operator, owner.id, "viewer"), 409)).toBe("conflict");
    expect(await codeOf(await remove(keys.operator, owner.id), 409)).toBe("conflict");
    expect((await remove(keys.operator, helper.id)).status).toBe(204);
    expect(await codeOf(await remove(keys.operator, helper.id), 404)).toBe("not_found");
    const admins = tenantAdminListResponseSchema.parse(await (await listAdmins(request("/tenants/umbrella/admins", "GET", keys.operator), tenantAt("umbrella"))).json());
    expect(admins.admins.map((a) => [a.userId, a.role])).toEqual([[owner.id, "owner"]]);
    expect(tenant.slug).toBe("umbrella");
  });
});
