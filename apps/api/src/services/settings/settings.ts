import { eq } from "drizzle-orm";
import type { UpdateTenantSettingsRequest } from "@plinto/contracts";
import type { Executor } from "@plinto/db";
import { tenants, type TenantSettings } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { sessionLifetimes } from "../sessions/sessions";

/**
 * A tenant's settings (branding, password, MFA and session policies), changed by deep merge:
 * the fields a change names are set, `null` clears a field or a whole group, the rest stays.
 */

const GROUPS = ["branding", "passwordPolicy", "mfaPolicy", "sessionLifetimes", "impersonation", "account"] as const;

export async function getTenantSettings(db: Executor, tenantId: string): Promise<TenantSettings> {
  const [tenant] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  if (!tenant) throw new ServiceError("not_found", "No such tenant");
  return tenant.settings;
}

/** The merge alone, for the service and its tests: returns the new settings and what changed. */
export function mergeSettings(current: TenantSettings, change: UpdateTenantSettingsRequest, now: Date) {
  const next: Record<string, Record<string, unknown>> = structuredClone(current) as Record<string, Record<string, unknown>>;
  const changed: string[] = [];
  for (const group of GROUPS) {
    const patch = change[group];
    if (patch === undefined) continue;
    const before = next[group] ?? {};
    if (patch === null) {
      if (group in next) changed.push(group);
      delete next[group];
      continue;
    }
    const after: Record<string, unknown> = { ...before };
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) delete after[field];
      else after[field] = value;
    }
    if (group === "mfaPolicy") {
      // Grace periods count from the moment MFA became required, so stamp it on the switch and
      // forget it when the policy stops being required.
      if (after.mode === "required" && before.mode !== "required") after.requiredSince = now.toISOString();
      if (after.mode !== "required") delete after.requiredSince;
    }
    for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) changed.push(`${group}.${field}`);
    }
    if (Object.keys(after).length === 0) delete next[group];
    else next[group] = after;
  }
  return { settings: next as TenantSettings, changed };
}

export async function updateTenantSettings(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; change: UpdateTenantSettingsRequest; now?: Date },
): Promise<TenantSettings> {
  // Locked, so two concurrent changes to different fields both survive.
  const [tenant] = await tx.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, input.tenantId)).for("update").limit(1);
  if (!tenant) throw new ServiceError("not_found", "No such tenant");
  const { settings, changed } = mergeSettings(tenant.settings, input.change, input.now ?? new Date());
  const lifetimes = sessionLifetimes(settings);
  if (lifetimes.idleSeconds > lifetimes.absoluteSeconds) {
    throw new ServiceError("validation_failed", "A session cannot idle out later than it ends", [
      {
        path: "sessionLifetimes.idleSeconds",
        message: `idleSeconds (${lifetimes.idleSeconds}) must not exceed absoluteSeconds (${lifetimes.absoluteSeconds}), defaults included`,
      },
    ]);
  }
  if (changed.length === 0) return tenant.settings;
  await tx.update(tenants).set({ settings }).where(eq(tenants.id, input.tenantId));
  // The names of what changed, never values: a logo URL is harmless, but the rule stays simple.
  await recordAuditEvent(tx, ctx, { tenantId: input.tenantId, action: "tenant.settings_updated", targetType: "tenant", targetId: input.tenantId, data: { changed } });
  return settings;
}
