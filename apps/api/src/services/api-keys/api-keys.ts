import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { apiKeys } from "@plinto/db/schema";
import { hashToken, randomToken } from "../../lib/crypto";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";

/**
 * What a management API key may do. Each key carries the scopes it was given; a route names the one
 * it needs. (The full catalogue grows with the management API.)
 */
export const API_KEY_SCOPES = [
  "signing_keys:read",
  "signing_keys:write",
  "applications:read",
  "applications:write",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

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
  const [key] = await db
    .select()
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.keyHash, hashToken(presented)),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
      ),
    )
    .limit(1);
  if (!key) return undefined;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_INTERVAL_MS) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(and(eq(apiKeys.tenantId, key.tenantId), eq(apiKeys.id, key.id)));
  }
  return { apiKeyId: key.id, tenantId: key.tenantId, scopes: key.scopes };
}

/**
 * The management caller behind an `Authorization: Bearer <api key>` header, allowed `scope`:
 * 401 without a valid key, 403 when the key lacks the scope.
 */
export async function authorizeApiKey(db: Executor, authorization: string | null, scope: ApiKeyScope) {
  const presented = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "")?.[1];
  const caller = presented ? await authenticateApiKey(db, presented) : undefined;
  if (!caller) throw new ServiceError("unauthorized", "Send a valid API key as a Bearer token");
  if (!caller.scopes.includes(scope)) throw new ServiceError("forbidden", `This API key lacks the ${scope} scope`);
  return caller;
}
