import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MANAGEMENT_SCOPES, type ManagementScope } from "@plinto/contracts";
import { tenants } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { mintAdminToken } from "../../../test/admin-token";
import { getTestInstance } from "../../../test/instance";
import type { Runtime } from "../../lib/runtime";
import { createApiKey, revokeApiKey } from "../api-keys/api-keys";
import { createApplication } from "../applications/applications";
import { systemContext } from "../context";
import { setTenantAdmin } from "../tenants/admins";
import { createTenant } from "../tenants/tenants";
import { blockUser } from "../users/lifecycle";
import { createUser } from "../users/users";
import { authorizeManagement } from "./authorize";
import { outcomeOf } from "../../../test/service-errors";

let runtime: Runtime;
let database: TestDatabase;
let platform: Awaited<ReturnType<typeof createTenant>>;
let acme: Awaited<ReturnType<typeof createTenant>>;
let firstPartyClient: string;
let thirdPartyClient: string;

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  const db = database.db;
  platform = await db.transaction((tx) => createTenant(tx, systemContext, { slug: "plinto", name: "Plinto", kind: "platform" }));
  acme = await db.transaction((tx) => createTenant(tx, systemContext, { slug: "acme", name: "Acme" }));
  // A second customer tenant, named in headers only.
  await db.transaction((tx) => createTenant(tx, systemContext, { slug: "globex", name: "Globex" }));
  const site = { redirectUris: ["https://admin.example/callback"], grantTypes: ["authorization_code"] };
  firstPartyClient = (
    await db.transaction((tx) => createApplication(tx, systemContext, { tenantId: platform.id, name: "Admin", type: "web", ...site }))
  ).application.clientId;
  thirdPartyClient = (
    await db.transaction((tx) =>
      createApplication(tx, systemContext, { tenantId: platform.id, name: "Someone's tool", type: "web", firstParty: false, ...site }),
    )
  ).application.clientId;
});
afterAll(async () => {
  await database?.dispose();
});

const headers = (credential: string, tenant?: string) =>
  new Headers({ authorization: `Bearer ${credential}`, ...(tenant ? { "plinto-tenant": tenant } : {}) });

const authorize = (h: Headers, scope: ManagementScope) =>
  authorizeManagement(database.db, { publicUrl: runtime.config.publicUrl, headers: h, scope });

async function platformUser(email: string) {
  return database.db.transaction((tx) => createUser(tx, systemContext, { tenantId: platform.id, email, emailVerified: true }));
}

const token = (userId: string, extra: Partial<Parameters<typeof mintAdminToken>[1]> = {}) =>
  mintAdminToken(database.db, {
    publicUrl: runtime.config.publicUrl,
    secret: runtime.config.secret,
    platform,
    userId,
    clientId: firstPartyClient,
    ...extra,
  });

describe("management API keys", () => {
  it("act in their own tenant with their own scopes", async () => {
    const { secret } = await database.db.transaction((tx) =>
      createApiKey(tx, systemContext, { tenantId: acme.id, name: "ci", scopes: ["users:read"] }),
    );
    // The Plinto-Tenant header means nothing to a key: it stays in its tenant.
    const caller = await authorize(headers(secret, "globex"), "users:read");
    expect(caller).toMatchObject({ tenantId: acme.id, scopes: ["users:read"], actor: { type: "api_key" } });
    expect(await outcomeOf(authorize(headers(secret), "users:write"))).toBe("forbidden");
  });

  it("are refused when missing, malformed, unknown or revoked", async () => {
    const { apiKey, secret } = await database.db.transaction((tx) =>
      createApiKey(tx, systemContext, { tenantId: acme.id, name: "soon gone", scopes: ["users:read"] }),
    );
    expect(await outcomeOf(authorize(new Headers(), "users:read"))).toBe("unauthorized");
    expect(await outcomeOf(authorize(headers("plinto_sk_short"), "users:read"))).toBe("unauthorized");
    expect(await outcomeOf(authorize(headers(`${secret.slice(0, -1)}x`), "users:read"))).toBe("unauthorized");
    await database.db.transaction((tx) => revokeApiKey(tx, systemContext, { tenantId: acme.id, apiKeyId: apiKey.id }));
    expect(await outcomeOf(authorize(headers(secret), "users:read"))).toBe("unauthorized");
  });

  it("can hold tenants:* only in the platform tenant", async () => {
    const attempt = database.db.transaction((tx) =>
      createApiKey(tx, systemContext, { tenantId: acme.id, name: "too much", scopes: ["tenants:write"] }),
    );
    expect(await outcomeOf(attempt)).toBe("validation_failed");
    const { secret } = await database.db.transaction((tx) =>
      createApiKey(tx, systemContext, { tenantId: platform.id, name: "operator", scopes: ["tenants:read"] }),
    );
    expect((await authorize(headers(secret), "tenants:read")).tenantId).toBe(platform.id);
  });
});

describe("a suspended tenant", () => {
  it("cannot be managed with its own keys or by its admins, until an operator lifts the suspension", async () => {
    const hooli = await database.db.transaction((tx) => createTenant(tx, systemContext, { slug: "hooli", name: "Hooli" }));
    const { secret } = await database.db.transaction((tx) => createApiKey(tx, systemContext, { tenantId: hooli.id, name: "k", scopes: ["users:read"] }));
    const admin = await platformUser("hooli-admin@plinto.example");
    await database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: hooli, userId: admin.id, role: "owner" }));
    const bearer = await token(admin.id);
    await database.db.update(tenants).set({ status: "suspended" }).where(eq(tenants.id, hooli.id));
    expect(await outcomeOf(authorize(headers(secret), "users:read"))).toBe("forbidden");
    expect(await outcomeOf(authorize(headers(bearer, "hooli"), "users:read"))).toBe("forbidden");
    await database.db.update(tenants).set({ status: "active" }).where(eq(tenants.id, hooli.id));
    expect((await authorize(headers(secret), "users:read")).tenantId).toBe(hooli.id);
    expect((await authorize(headers(bearer, "hooli"), "users:read")).tenantId).toBe(hooli.id);
  });
});

describe("admin access tokens", () => {
  it("act in the tenant the header names, with the admin role's permissions read at every request", async () => {
    const admin = await platformUser("viewer@plinto.example");
    await database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: acme, userId: admin.id, role: "viewer" }));
    const bearer = await token(admin.id);

    const caller = await authorize(headers(bearer, "acme"), "users:read");
    expect(caller).toMatchObject({ tenantId: acme.id, actor: { type: "admin", id: admin.id } });
    expect(caller.scopes.every((s) => s.endsWith(":read"))).toBe(true);
    expect(await outcomeOf(authorize(headers(bearer, "acme"), "users:write"))).toBe("forbidden");

    // Promoted: the same token can write from the next request on.
    await database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: acme, userId: admin.id, role: "admin" }));
    expect((await authorize(headers(bearer, "acme"), "users:write")).tenantId).toBe(acme.id);

    // Another tenant, one that does not exist, and the platform tenant itself: not theirs.
    expect(await outcomeOf(authorize(headers(bearer, "globex"), "users:read"))).toBe("forbidden");
    expect(await outcomeOf(authorize(headers(bearer, "no-such-tenant"), "users:read"))).toBe("forbidden");
    expect(await outcomeOf(authorize(headers(bearer), "users:read"))).toBe("forbidden");
    // tenants:* count only in the platform tenant, even for an admin of a customer tenant.
    expect(await outcomeOf(authorize(headers(bearer, "acme"), "tenants:read"))).toBe("forbidden");
  });

  it("give platform operators tenants:* in the platform tenant", async () => {
    const operator = await platformUser("operator@plinto.example");
    await database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: platform, userId: operator.id, role: "owner" }));
    const caller = await authorize(headers(await token(operator.id)), "tenants:write");
    expect(caller.tenantId).toBe(platform.id);
    expect([...caller.scopes].sort()).toEqual([...MANAGEMENT_SCOPES].sort());
  });

  it("stop working when the admin is blocked", async () => {
    const admin = await platformUser("blocked-admin@plinto.example");
    await database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: acme, userId: admin.id, role: "owner" }));
    const bearer = await token(admin.id);
    expect((await authorize(headers(bearer, "acme"), "users:read")).tenantId).toBe(acme.id);
    await database.db.transaction((tx) => blockUser(tx, systemContext, { tenantId: platform.id, userId: admin.id }));
    expect(await outcomeOf(authorize(headers(bearer, "acme"), "users:read"))).toBe("unauthorized");
  });

  it("are refused unless they are the platform tenant's access tokens for the API, from a first-party site", async () => {
    const admin = await platformUser("careful@plinto.example");
    await database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: acme, userId: admin.id, role: "owner" }));
    const good = await token(admin.id);
    expect((await authorize(headers(good, "acme"), "users:read")).tenantId).toBe(acme.id);

    const [header, payload] = good.split(".");
    const bad = {
      unsigned: `${Buffer.from(JSON.stringify({ alg: "none", typ: "at+jwt" })).toString("base64url")}.${payload}.`,
      tampered: `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), sub: "usr_someone_else" })).toString("base64url")}.${good.split(".")[2]}`,
      otherIssuer: await token(admin.id, { claims: { iss: `${runtime.config.publicUrl}/t/acme` } }),
      otherAudience: await token(admin.id, { claims: { aud: "https://api.example.com" } }),
      idTokenType: await token(admin.id, { header: { typ: "JWT" } }),
      expired: await token(admin.id, { expiresInSeconds: -120 }),
      thirdParty: await token(admin.id, { clientId: thirdPartyClient }),
      unknownClient: await token(admin.id, { clientId: "nobody" }),
      machine: await token(firstPartyClient, {}),
    };
    for (const [what, credential] of Object.entries(bad)) {
      expect(await outcomeOf(authorize(headers(credential, "acme"), "users:read")), what).toBe("unauthorized");
    }
  });

  it("signed by a customer tenant's key are refused", async () => {
    const admin = await platformUser("forger@plinto.example");
    await database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: acme, userId: admin.id, role: "owner" }));
    // Acme's own key, with the platform tenant's issuer: the signature does not match the platform JWKS.
    const forged = await mintAdminToken(database.db, {
      publicUrl: runtime.config.publicUrl,
      secret: runtime.config.secret,
      platform: { id: acme.id, slug: acme.slug },
      userId: admin.id,
      clientId: firstPartyClient,
      claims: { iss: `${runtime.config.publicUrl}/t/plinto` },
    });
    expect(await outcomeOf(authorize(headers(forged, "acme"), "users:read"))).toBe("unauthorized");
  });
});
