import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, tenants } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { authenticateApiKey, createApiKeyAs } from "../api-keys/api-keys";
import { systemContext, type RequestContext } from "../context";
import { createUser } from "../users/users";
import { adminScopes, listTenantAdmins, removeTenantAdmin, setTenantAdmin, tenantsAdministeredBy } from "./admins";
import { createTenant, createTenantAs, findTenantBySlug, getTenantBySlug, listTenants, updateTenant } from "./tenants";
import { outcomeOf } from "../../../test/service-errors";

let database: TestDatabase;
let platform: Awaited<ReturnType<typeof createTenant>>;

let people = 0;
const platformUser = () => {
  people += 1;
  return database.db.transaction((tx) => createUser(tx, systemContext, { tenantId: platform.id, email: `operator${people}@plinto.example`, emailVerified: true }));
};

beforeAll(async () => {
  ({ database } = await getTestInstance());
  platform = await database.db.transaction((tx) => createTenant(tx, systemContext, { slug: "plinto", name: "Plinto", kind: "platform" }));
});
afterAll(async () => {
  await database?.dispose();
});

describe("tenants for platform operators", () => {
  it("an admin who creates a tenant becomes its owner; an API key's tenant has no owner yet", async () => {
    const operator = await platformUser();
    const ctx: RequestContext = { actor: { type: "admin", id: operator.id } };
    const { tenant } = await database.db.transaction((tx) => createTenantAs(tx, ctx, { slug: "made-by-admin", name: "Made by admin" }));
    expect(tenant.kind).toBe("customer");
    expect((await listTenantAdmins(database.db, tenant.id)).map((a) => [a.userId, a.role])).toEqual([[operator.id, "owner"]]);
    expect((await adminScopes(database.db, { userId: operator.id, tenantId: tenant.id })).length).toBeGreaterThan(0);
    expect(await tenantsAdministeredBy(database.db, { platformTenantId: platform.id, userId: operator.id })).toEqual([
      { slug: "made-by-admin", name: "Made by admin", kind: "customer", status: "active", role: "owner" },
    ]);
    const { tenant: byKey, apiKey: none } = await database.db.transaction((tx) =>
      createTenantAs(tx, { actor: { type: "api_key", id: "key_01jbz6y0fq7m2x9d8c4v6b5n3k" } }, { slug: "made-by-key", name: "Made by key" }),
    );
    expect(await listTenantAdmins(database.db, byKey.id)).toEqual([]);
    expect(none).toBeUndefined();
    expect(await outcomeOf(database.db.transaction((tx) => createTenantAs(tx, ctx, { slug: "made-by-admin", name: "Again" })))).toBe("conflict");
  });

  it("makes the new tenant's first key when asked: it works in that tenant only, and never with tenants:*", async () => {
    const ctx: RequestContext = { actor: { type: "api_key", id: "key_01jbz6y0fq7m2x9d8c4v6b5n3k" } };
    const { tenant, apiKey } = await database.db.transaction((tx) =>
      createTenantAs(tx, ctx, { slug: "provisioned", name: "Provisioned", initialApiKey: { name: "setup", scopes: ["settings:write", "users:write"], expiresInDays: 1 } }),
    );
    expect(apiKey!.secret).toMatch(/^plinto_sk_/);
    expect(await authenticateApiKey(database.db, apiKey!.secret)).toMatchObject({ tenantId: tenant.id, scopes: ["settings:write", "users:write"] });
    const refused = database.db.transaction((tx) =>
      createTenantAs(tx, ctx, { slug: "overreach", name: "Overreach", initialApiKey: { name: "too much", scopes: ["tenants:write"] } }),
    );
    expect(await outcomeOf(refused)).toBe("forbidden");
    expect(await findTenantBySlug(database.db, "overreach")).toBeUndefined();
  });

  it("a customer tenant's key cannot hold tenants:*, even from a caller that has them", async () => {
    const customer = await getTenantBySlug(database.db, "made-by-key");
    const attempt = database.db.transaction((tx) =>
      createApiKeyAs(tx, systemContext, { tenantId: customer.id, callerScopes: ["tenants:write"], name: "sneaky", scopes: ["tenants:write"] }),
    );
    expect(await outcomeOf(attempt)).toBe("validation_failed");
  });

  it("pages newest first and never repeats a tenant", async () => {
    const before = (await database.db.select({ id: tenants.id }).from(tenants)).length;
    for (let i = 0; i < 5; i += 1) await createTenant(database.db, systemContext, { slug: `paged-${i}`, name: `Paged ${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTenants(database.db, { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.tenants.map((t) => t.slug));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(before + 5);
    expect(new Set(seen).size).toBe(before + 5);
    expect(seen.slice(0, 5)).toEqual(["paged-4", "paged-3", "paged-2", "paged-1", "paged-0"]);
    expect(seen.at(-1)).toBe("plinto");
  });

  it("renames and suspends a customer tenant, audited; the platform tenant stays active", async () => {
    const ctx: RequestContext = { actor: { type: "api_key", id: "key_01jbz6y0fq7m2x9d8c4v6b5n3k" } };
    const suspended = await database.db.transaction((tx) => updateTenant(tx, ctx, { slug: "paged-0", status: "suspended", name: "Paged zero" }));
    expect(suspended).toMatchObject({ status: "suspended", name: "Paged zero" });
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, suspended.id), eq(auditEvents.action, "tenant.suspended")));
    expect(event?.data).toEqual({ fields: ["name", "status"] });
    expect(await outcomeOf(database.db.transaction((tx) => updateTenant(tx, ctx, { slug: "plinto", status: "suspended" })))).toBe("conflict");
    expect(await outcomeOf(database.db.transaction((tx) => updateTenant(tx, ctx, { slug: "no-such", name: "x" })))).toBe("not_found");
    expect((await getTenantBySlug(database.db, "plinto")).status).toBe("active");
  });

  it("keeps a tenant's last owner: not demoted, not removed, until another owner exists", async () => {
    const tenant = await getTenantBySlug(database.db, "paged-1");
    const [first, second] = [await platformUser(), await platformUser()];
    await database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant, userId: first.id, role: "owner" }));
    expect(await outcomeOf(database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant, userId: first.id, role: "admin" })))).toBe("conflict");
    expect(await outcomeOf(database.db.transaction((tx) => removeTenantAdmin(tx, systemContext, { tenant, userId: first.id })))).toBe("conflict");
    await database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant, userId: second.id, role: "owner" }));
    await database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant, userId: first.id, role: "viewer" }));
    expect(await outcomeOf(database.db.transaction((tx) => removeTenantAdmin(tx, systemContext, { tenant, userId: second.id })))).toBe("conflict");
    await database.db.transaction((tx) => removeTenantAdmin(tx, systemContext, { tenant, userId: first.id }));
    expect((await listTenantAdmins(database.db, tenant.id)).map((a) => a.role)).toEqual(["owner"]);
    expect(await adminScopes(database.db, { userId: first.id, tenantId: tenant.id })).toEqual([]);
    expect(await outcomeOf(database.db.transaction((tx) => removeTenantAdmin(tx, systemContext, { tenant, userId: first.id })))).toBe("not_found");
  });
});
