import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateTenantSettingsRequestSchema } from "@plinto/contracts";
import { auditEvents } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { enrolmentRequirement, readMfaPolicy } from "../mfa/policy";
import { createTenant } from "../tenants/tenants";
import { getTenantSettings, mergeSettings, updateTenantSettings } from "./settings";

let database: TestDatabase;
let tenantId: string;
const admin: RequestContext = { actor: { type: "admin", id: "usr_01jbz6y0fq7m2x9d8c4v6b5n3k" } };

beforeAll(async () => {
  ({ database } = await getTestInstance());
  tenantId = (await createTenant(database.db, admin, { slug: "settings", name: "Settings" })).id;
});
afterAll(async () => {
  await database?.dispose();
});

const update = (change: unknown, now?: Date) =>
  database.db.transaction((tx) => updateTenantSettings(tx, admin, { tenantId, change: updateTenantSettingsRequestSchema.parse(change), ...(now ? { now } : {}) }));

describe("tenant settings", () => {
  it("merge deeply: only the fields sent change, null clears a field or a group", async () => {
    await update({ branding: { displayName: "Acme", logoUrl: "https://acme.example/logo.svg" }, passwordPolicy: { minLength: 12 } });
    await update({ branding: { primaryColor: "#0f62fe", logoUrl: null } });
    expect(await getTenantSettings(database.db, tenantId)).toEqual({
      branding: { displayName: "Acme", primaryColor: "#0f62fe" },
      passwordPolicy: { minLength: 12 },
    });
    await update({ passwordPolicy: null });
    expect(await getTenantSettings(database.db, tenantId)).toEqual({ branding: { displayName: "Acme", primaryColor: "#0f62fe" } });
    // Clearing the last field of a group leaves no empty group behind.
    expect(mergeSettings({ branding: { displayName: "x" } }, { branding: { displayName: null } }, new Date()).settings).toEqual({});
  });

  it("stamp requiredSince when MFA becomes required, keep it while it stays required, drop it after", async () => {
    const switched = new Date("2026-11-27T09:30:00.000Z");
    const settings = await update({ mfaPolicy: { mode: "required", gracePeriodDays: 14 } }, switched);
    expect(settings.mfaPolicy).toEqual({ mode: "required", gracePeriodDays: 14, requiredSince: switched.toISOString() });
    // The MFA policy reads it: an old account's grace period counts from the switch.
    const policy = readMfaPolicy(settings);
    expect(policy.requiredSince?.toISOString()).toBe(switched.toISOString());
    const longAgo = { createdAt: new Date("2020-01-01T00:00:00Z") };
    expect(enrolmentRequirement(policy, longAgo, new Date("2026-12-01T00:00:00Z"))).toMatchObject({ kind: "due" });
    const later = await update({ mfaPolicy: { gracePeriodDays: 7 } }, new Date("2026-12-01T00:00:00.000Z"));
    expect(later.mfaPolicy?.requiredSince).toBe(switched.toISOString());
    expect((await update({ mfaPolicy: { mode: "optional" } })).mfaPolicy).toEqual({ mode: "optional", gracePeriodDays: 7 });
  });

  it("refuse values out of bounds, unknown fields, and an idle time longer than the session", async () => {
    const refused = [
      { passwordPolicy: { minLength: 7 } },
      { passwordPolicy: { minLength: 129 } },
      { mfaPolicy: { gracePeriodDays: 91 } },
      { mfaPolicy: { requiredSince: "2020-01-01T00:00:00Z" } },
      { branding: { logoUrl: "http://acme.example/logo.svg" } },
      { branding: { primaryColor: "blue" } },
      { sessionLifetimes: { idleSeconds: 10 } },
      { theme: "dark" },
    ];
    for (const change of refused) expect(updateTenantSettingsRequestSchema.safeParse(change).success, JSON.stringify(change)).toBe(false);
    const error = await update({ sessionLifetimes: { idleSeconds: 7200, absoluteSeconds: 3600 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe("validation_failed");
    // The default idle time (7 days) counts too when only the absolute one is set.
    expect(((await update({ sessionLifetimes: { absoluteSeconds: 3600 } }).catch((e: unknown) => e)) as ServiceError).code).toBe("validation_failed");
    expect((await update({ sessionLifetimes: { idleSeconds: 1800, absoluteSeconds: 3600 } })).sessionLifetimes).toEqual({
      idleSeconds: 1800,
      absoluteSeconds: 3600,
    });
  });

  it("audit the names of what changed", async () => {
    await update({ branding: { logoUrl: "https://acme.example/new.svg" } });
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, "tenant.settings_updated")));
    expect(events.at(-1)).toMatchObject({ actorType: "admin", data: { changed: ["branding.logoUrl"] } });
    expect(JSON.stringify(events.at(-1)?.data)).not.toContain("new.svg");
    // No change, no event.
    await update({ branding: { logoUrl: "https://acme.example/new.svg" } });
    const after = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, "tenant.settings_updated")));
    expect(after).toHaveLength(events.length);
  });
});
