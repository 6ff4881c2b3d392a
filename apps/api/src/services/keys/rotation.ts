import { and, desc, eq, max } from "drizzle-orm";
import type { Db, Executor } from "@plinto/db";
import { applications, signingKeys, type SigningAlgorithm } from "@plinto/db/schema";
import type { RequestContext } from "../context";
import { ensureSigningKeys, JWKS_MAX_AGE_SECONDS, rotateSigningKeys } from "./keys";

/** Tokens issued before the switch may be checked by a verifier whose clock runs a little behind. */
const CLOCK_SKEW_SECONDS = 300;
/** The ID and access token lifetime applications get unless they set one. */
const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/**
 * How long a retired key must stay published: the longest access token lifetime of any of the
 * tenant's applications (refresh tokens are opaque, not signed), plus clock skew and the JWKS cache.
 */
export async function longestTokenLifetimeSeconds(db: Executor, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ longest: max(applications.accessTokenTtlSeconds) })
    .from(applications)
    .where(eq(applications.tenantId, tenantId));
  const longest = Math.max(DEFAULT_TOKEN_LIFETIME_SECONDS, Number(row?.longest ?? 0));
  return longest + CLOCK_SKEW_SECONDS + JWKS_MAX_AGE_SECONDS;
}

/** An admin's rotation: next becomes active, active retires for as long as its tokens may live. */
export async function rotateTenantKeys(
  db: Db,
  ctx: RequestContext,
  input: { tenantId: string; secret: string; alg?: SigningAlgorithm },
) {
  const maxTokenLifetimeSeconds = await longestTokenLifetimeSeconds(db, input.tenantId);
  return db.transaction((tx) => rotateSigningKeys(tx, ctx, { ...input, maxTokenLifetimeSeconds }));
}

/**
 * The tenant's keys as an admin sees them, never the private part. A tenant that has none yet gets
 * them now (as its JWKS would), so an admin never sees an empty list for a tenant that signs.
 */
export async function listSigningKeys(db: Db, ctx: RequestContext, input: { tenantId: string; secret: string }) {
  await db.transaction((tx) => ensureSigningKeys(tx, ctx, input));
  const tenantId = input.tenantId;
  return db
    .select({
      id: signingKeys.id,
      kid: signingKeys.kid,
      alg: signingKeys.alg,
      status: signingKeys.status,
      activatedAt: signingKeys.activatedAt,
      retiredAt: signingKeys.retiredAt,
      expiresAt: signingKeys.expiresAt,
      createdAt: signingKeys.createdAt,
    })
    .from(signingKeys)
    .where(and(eq(signingKeys.tenantId, tenantId)))
    .orderBy(desc(signingKeys.createdAt));
}
