import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { MANAGEMENT_SCOPES, type ManagementScope } from "@plinto/contracts";
import { apiKeys, tenants } from "@plinto/db/schema";
import { hashToken, randomToken } from "../../lib/crypto";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";

/** What a management API key may do: scopes from the management catalogue. */
export const API_KEY_SCOPES = MANAGEMENT_SCOPES;
export type ApiKeyScope = ManagementScope;

/** Keys look like `plinto_sk_<43 chars>`: recognisable in logs and by secret scanners. */
const KEY_PREFIX = "plinto_sk_";
const KEY_SHAPE = /^plinto_sk_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  tenantId: string;
  name: string;
  scopes: ApiKeyScope[];
  expiresAt?: Date;
  createdByUserId?: string;
}

/** Creates a key. The secret is returned this once; only its SHA-256 is stored. */
export async function createApiKey(tx: Executor, ctx: RequestContext, input: NewApiKey) {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) {
    throw new ServiceError("validation_failed", "Name the key in 1–100 characters", [{ path: "name", message: "Use 1–100 characters" }]);
  }
  const unknown = input.scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
  if (input.scopes.length === 0 || unknown.length > 0) {
    throw new ServiceError("validation_failed", `Scopes are one or more of ${API_KEY_SCOPES.join(", ")}`, [
      { path: "scopes", message: unknown.length ? `Unknown scope ${unknown[0]}` : "Give the key at least one scope" },
    ]);
  }
  const [tenant] = await tx.select({ kind: tenants.kind }).from(tenants).where(eq(tenants.id, input.tenantId)).limit(1);
  if (!tenant) throw new ServiceError("not_found", "No such tenant");
  if (tenant.kind !== "platform" && input.scopes.some((s) => s.startsWith("tenants:"))) {
    throw new ServiceError("validation_failed", "Only the platform tenant's keys can manage tenants", [
      { path: "scopes", message: "tenants:read and tenants:write are for the platform tenant" },
    ]);
  }
  const secret = `${KEY_PREFIX}${randomToken(32)}`;
  const [key] = await tx
    .insert(apiKeys)
    .values({
      tenantId: input.tenantId,
      name,
      displayPrefix: secret.slice(0, KEY_PREFIX.length + 6),
      keyHash: hashToken(secret),
      scopes: input.scopes,
      expiresAt: input.expiresAt ?? null,
      createdByUserId: input.createdByUserId ?? null,
    })
    .returning();
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "api_key.created",
    targetType: "api_key",
    targetId: key!.id,
    data: { name, scopes: input.scopes, displayPrefix: key!.displayPrefix },
  });
  return { apiKey: key!, secret };
}

export async function revokeApiKey(tx: Executor, ctx: RequestContext, input: { tenantId: string; apiKeyId: string }) {
  const revoked = await tx
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.tenantId, input.tenantId), eq(apiKeys.id, input.apiKeyId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (revoked.length === 0) throw new ServiceError("not_found", "No such API key");
  await recordAuditEvent(tx, ctx, { tenantId: input.tenantId, action: "api_key.revoked", targetType: "api_key", targetId: input.apiKeyId });
}

/** Last-used writes at most once a minute per key. */
const LAST_USED_INTERVAL_MS = 60_000;

/**
 * The tenant and scopes a presented key grants, or undefined for a malformed, unknown, revoked or
 * expired key. The lookup is by hash, so no secret is ever compared character by character.
 */
export async function authenticateApiKey(db: Executor, presented: string, now: Date = new Date()) {
  if (!KEY_SHAPE.test(presented)) return undefined;
  const [row] = await db
    .select({ key: apiKeys, tenantKind: tenants.kind, tenantStatus: tenants.status })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(
      and(
        eq(apiKeys.keyHash, hashToken(presented)),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  const key = row.key;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_INTERVAL_MS) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(and(eq(apiKeys.tenantId, key.tenantId), eq(apiKeys.id, key.id)));
  }
  return { apiKeyId: key.id, tenantId: key.tenantId, tenantKind: row.tenantKind, tenantStatus: row.tenantStatus, scopes: key.scopes };
}

export type ApiKey = typeof apiKeys.$inferSelect;

/** The tenant's keys, newest first, revoked and expired ones included (an audit trail people read). */
export async function listApiKeys(db: Executor, tenantId: string): Promise<ApiKey[]> {
  return db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function getApiKey(db: Executor, tenantId: string, apiKeyId: string): Promise<ApiKey> {
  const [key] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, apiKeyId)))
    .limit(1);
  if (!key) throw new ServiceError("not_found", "No such API key");
  return key;
}

/**
 * A key made through the management API. A caller can hand out only what it holds itself: an
 * API key with `api_keys:write` alone, or a developer, must not mint a key with `users:write`
 * (or `tenants:*`) and so raise its own privileges.
 */
export async function createApiKeyAs(
  tx: Executor,
  ctx: RequestContext,
  input: {
    tenantId: string;
    callerScopes: readonly ApiKeyScope[];
    name: string;
    scopes: ApiKeyScope[];
    expiresAt?: Date | undefined;
    expiresInDays?: number | undefined;
    now?: Date;
  },
) {
  const beyond = [...new Set(input.scopes)].filter((s) => !input.callerScopes.includes(s));
  if (beyond.length > 0) {
    throw new ServiceError("forbidden", `You cannot give a key scopes you do not hold: ${beyond.join(", ")}`);
  }
  const now = input.now ?? new Date();
  const expiresAt = input.expiresInDays !== undefined ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : input.expiresAt;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new ServiceError("validation_failed", "A key must expire in the future", [{ path: "expiresAt", message: "Pick a time in the future" }]);
  }
  return createApiKey(tx, ctx, {
    tenantId: input.tenantId,
    name: input.name,
    scopes: [...new Set(input.scopes)],
    ...(expiresAt ? { expiresAt } : {}),
    ...(ctx.actor.type === "admin" && ctx.actor.id ? { createdByUserId: ctx.actor.id } : {}),
  });
}
