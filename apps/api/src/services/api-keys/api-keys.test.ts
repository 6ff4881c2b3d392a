import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import type { RequestContext } from "../context";
import { createTenant } from "../tenants/tenants";
import { authenticateApiKey, createApiKeyAs, getApiKey, listApiKeys, revokeApiKey } from "./api-keys";
import { outcomeOf } from "../../../test/service-errors";

let database: TestDatabase;
let tenantId: string;
let otherTenantId: string;
const admin: RequestContext = { actor: { type: "admin", id: "usr_01jbz6y0fq7m2x9d8c4v6b5n3k" } };

beforeAll(async () => {
  ({ database } = await getTestInstance());
  tenantId = (await createTenant(database.db, admin, { slug: "keys", name: "Keys" })).id;
  otherTenantId = (await createTenant(database.db, admin, { slug: "keys-other", name: "Other" })).id;
});
afterAll(async () => {
  await database?.dispose();
});

const create = (input: Partial<Parameters<typeof createApiKeyAs>[2]>, ctx = admin) =>
  database.db.transaction((tx) =>
    createApiKeyAs(tx, ctx, { tenantId, callerScopes: ["api_keys:write", "users:read"], name: "ci", scopes: ["users:read"], ...input }),
  );

describe("API keys through the management API", () => {
  it("cannot be given scopes the caller does not hold", async () => {
    expect(await outcomeOf(create({ scopes: ["users:read", "users:write"] }))).toBe("forbidden");
    expect(await outcomeOf(create({ callerScopes: ["api_keys:write"], scopes: ["api_keys:read"] }))).toBe("forbidden");
    expect(await outcomeOf(create({ scopes: ["users:read"] }))).toBe("ok");
  });

  it("expire when asked, in days or at a time in the future, and not in the past", async () => {
    const now = new Date("2026-11-27T09:30:00.000Z");
    const { apiKey } = await create({ expiresInDays: 30, now });
    expect(apiKey.expiresAt?.toISOString()).toBe("2026-12-27T09:30:00.000Z");
    const at = new Date(Date.now() + 3_600_000);
    expect((await create({ expiresAt: at })).apiKey.expiresAt?.getTime()).toBe(at.getTime());
    expect(await outcomeOf(create({ expiresAt: new Date(Date.now() - 1000) }))).toBe("validation_failed");
  });

  it("record which admin made them, list newest first, and stay in their tenant", async () => {
    const { apiKey, secret } = await create({ name: "listed" });
    expect(apiKey.createdByUserId).toBe(admin.actor.id);
    const keys = await listApiKeys(database.db, tenantId);
    expect(keys[0]!.id).toBe(apiKey.id);
    expect(JSON.stringify(keys)).not.toContain(secret);
    expect(await outcomeOf(getApiKey(database.db, otherTenantId, apiKey.id))).toBe("not_found");
    expect(await outcomeOf(database.db.transaction((tx) => revokeApiKey(tx, admin, { tenantId: otherTenantId, apiKeyId: apiKey.id })))).toBe("not_found");
    expect(await authenticateApiKey(database.db, secret)).toBeDefined();
    await database.db.transaction((tx) => revokeApiKey(tx, admin, { tenantId, apiKeyId: apiKey.id }));
    expect(await authenticateApiKey(database.db, secret)).toBeUndefined();
    expect((await getApiKey(database.db, tenantId, apiKey.id)).revokedAt).toBeInstanceOf(Date);
    const events = await database.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.targetId, apiKey.id)));
    expect(events.map((e) => e.action).sort()).toEqual(["api_key.created", "api_key.revoked"]);
    expect(JSON.stringify(events)).not.toContain(secret);
  });
});
