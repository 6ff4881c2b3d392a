import { and, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import {
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importPKCS8,
  type CryptoKey,
  type JWK,
} from "jose";
import type { Db, Executor } from "@plinto/db";
import { signingKeys, type SigningAlgorithm, type SigningKeyStatus } from "@plinto/db/schema";
import { decryptSecret, encryptSecret, SecretDecryptionError, type SecretContext } from "../../lib/crypto";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { findTenantBySlug, TENANT_SLUG } from "../tenants/tenants";

export const SIGNING_ALGORITHMS = ["RS256", "ES256", "EdDSA"] as const satisfies readonly SigningAlgorithm[];
export const DEFAULT_SIGNING_ALGORITHM: SigningAlgorithm = "RS256";

/**
 * How long a JWKS response may be cached. A `next` key must be published at least this long
 * before it signs anything for clients that cache the JWKS to have it already; rotation on a
 * schedule longer than this guarantees that (an emergency rotation relies on clients refetching
 * the JWKS when they meet an unknown kid, as jose's `createRemoteJWKSet` does).
 */
export const JWKS_MAX_AGE_SECONDS = 300;

/** A signing key as the rest of Plinto may see it: never the private part. */
export interface SigningKeySummary {
  id: string;
  kid: string;
  alg: SigningAlgorithm;
  status: SigningKeyStatus;
  activatedAt: Date | null;
  retiredAt: Date | null;
  expiresAt: Date | null;
}

/** One entry of a tenant's JWKS. */
export type PublishedKey = JWK & { kid: string; alg: SigningAlgorithm; use: "sig" };

/** The key that signs the tenant's tokens now. */
export interface ActiveSigningKey {
  kid: string;
  alg: SigningAlgorithm;
  /** Not extractable: it can sign, and cannot be exported again. */
  privateKey: CryptoKey;
}

type SigningKeyRow = typeof signingKeys.$inferSelect;

const summary = (row: SigningKeyRow): SigningKeySummary => ({
  id: row.id,
  kid: row.kid,
  alg: row.alg,
  status: row.status,
  activatedAt: row.activatedAt,
  retiredAt: row.retiredAt,
  expiresAt: row.expiresAt,
});

/** The private key is sealed to its tenant and kid, so it cannot be moved to another row or tenant. */
const sealedTo = (tenantId: string, kid: string): SecretContext => ({ purpose: "signing-key", boundTo: [tenantId, kid] });

/**
 * Only the public members of a key, by type. What is published is built from this list rather
 * than by deleting private members, so nothing unexpected can slip into the JWKS.
 */
function publicMembers(jwk: Record<string, unknown>): JWK {
  const pick = (...names: string[]) => Object.fromEntries(names.map((n) => [n, jwk[n]])) as JWK;
  switch (jwk.kty) {
    case "RSA":
      return pick("kty", "n", "e");
    case "EC":
      return pick("kty", "crv", "x", "y");
    case "OKP":
      return pick("kty", "crv", "x");
    default:
      throw new Error(`a signing key has an unexpected key type ${String(jwk.kty)}`);
  }
}

function checkAlgorithm(alg: string): SigningAlgorithm {
  if (!(SIGNING_ALGORITHMS as readonly string[]).includes(alg)) {
    throw new ServiceError("validation_failed", `Signing keys use ${SIGNING_ALGORITHMS.join(", ")}`, [
      { path: "alg", message: `Choose one of ${SIGNING_ALGORITHMS.join(", ")}` },
    ]);
  }
  return alg as SigningAlgorithm;
}

/** Orders every change to one tenant's keys, so two callers cannot both create an active key. */
async function lockTenantKeys(tx: Executor, tenantId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`plinto:signing-keys:${tenantId}`}))`);
}

async function createSigningKey(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; secret: string; alg: SigningAlgorithm; status: "active" | "next"; now: Date },
) {
  const { publicKey, privateKey } = await generateKeyPair(input.alg, {
    extractable: true,
    ...(input.alg === "RS256" ? { modulusLength: 2048 } : {}),
    ...(input.alg === "EdDSA" ? { crv: "Ed25519" } : {}),
  });
  const publicJwk = publicMembers({ ...(await exportJWK(publicKey)) });
  // RFC 7638 thumbprint: the kid names the key itself, so it is the same wherever the key is seen.
  const kid = await calculateJwkThumbprint(publicJwk, "sha256");
  const privateKeyEncrypted = encryptSecret(await exportPKCS8(privateKey), input.secret, sealedTo(input.tenantId, kid));
  const [row] = await tx
    .insert(signingKeys)
    .values({
      tenantId: input.tenantId,
      kid,
      alg: input.alg,
      publicJwk: publicJwk as Record<string, unknown>,
      privateKeyEncrypted,
      status: input.status,
      activatedAt: input.status === "active" ? input.now : null,
    })
    .returning();
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "signing_key.created",
    targetType: "signing_key",
    targetId: row!.id,
    data: { kid, alg: input.alg, status: input.status },
  });
  return row!;
}

/** The tenant's current active and next keys, with the lock already held. */
async function ensureLocked(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; secret: string; alg: SigningAlgorithm; now: Date },
) {
  const current = await tx
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.tenantId, input.tenantId), inArray(signingKeys.status, ["active", "next"])));
  let active = current.find((k) => k.status === "active");
  let next = current.find((k) => k.status === "next");

  if (!active && next) {
    // A published next key is the right one to sign with: clients already have it.
    active = await activate(tx, ctx, input.tenantId, next, input.now);
    next = undefined;
  }
  active ??= await createSigningKey(tx, ctx, { ...input, status: "active" });
  next ??= await createSigningKey(tx, ctx, { ...input, status: "next" });
  return { active, next };
}

async function activate(tx: Executor, ctx: RequestContext, tenantId: string, key: SigningKeyRow, now: Date) {
  const [row] = await tx
    .update(signingKeys)
    .set({ status: "active", activatedAt: now })
    .where(and(eq(signingKeys.tenantId, tenantId), eq(signingKeys.id, key.id), eq(signingKeys.status, "next")))
    .returning();
  await recordAuditEvent(tx, ctx, {
    tenantId,
    action: "signing_key.activated",
    targetType: "signing_key",
    targetId: row!.id,
    data: { kid: row!.kid, alg: row!.alg },
  });
  return row!;
}

/**
 * Makes sure the tenant has exactly one `active` key (signing now) and one `next` key (published,
 * signing after the next rotation), creating whichever is missing with `alg` (RS256 by default).
 * Call it inside a transaction: the per-tenant lock lasts until that transaction ends.
 */
export async function ensureSigningKeys(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; secret: string; alg?: SigningAlgorithm },
): Promise<{ active: SigningKeySummary; next: SigningKeySummary }> {
  const alg = checkAlgorithm(input.alg ?? DEFAULT_SIGNING_ALGORITHM);
  await lockTenantKeys(tx, input.tenantId);
  const { active, next } = await ensureLocked(tx, ctx, { tenantId: input.tenantId, secret: input.secret, alg, now: new Date() });
  return { active: summary(active), next: summary(next) };
}

/**
 * Rotation: the `next` key (already published) becomes `active`; the `active` key is retired but
 * stays published until `now + maxTokenLifetimeSeconds`, when every token it signed has expired;
 * a fresh `next` key is published, with `alg` when given (so a tenant changes algorithm over two
 * rotations without ever signing with an unpublished key), else the algorithm of the key now active.
 * Call it inside a transaction.
 */
export async function rotateSigningKeys(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; secret: string; maxTokenLifetimeSeconds: number; now?: Date; alg?: SigningAlgorithm },
): Promise<{ retired: SigningKeySummary; active: SigningKeySummary; next: SigningKeySummary }> {
  const lifetime = input.maxTokenLifetimeSeconds;
  if (!Number.isFinite(lifetime) || lifetime < 0) {
    throw new ServiceError("validation_failed", "The longest token lifetime is a number of seconds, zero or more", [
      { path: "maxTokenLifetimeSeconds", message: "Give the longest token lifetime in seconds" },
    ]);
  }
  const requestedAlg = input.alg === undefined ? undefined : checkAlgorithm(input.alg);
  const now = input.now ?? new Date();
  const { tenantId, secret } = input;

  await lockTenantKeys(tx, tenantId);
  const current = await ensureLocked(tx, ctx, { tenantId, secret, alg: requestedAlg ?? DEFAULT_SIGNING_ALGORITHM, now });

  const expiresAt = new Date(now.getTime() + lifetime * 1000);
  const [retired] = await tx
    .update(signingKeys)
    .set({ status: "retired", retiredAt: now, expiresAt })
    .where(
      and(eq(signingKeys.tenantId, tenantId), eq(signingKeys.id, current.active.id), eq(signingKeys.status, "active")),
    )
    .returning();
  await recordAuditEvent(tx, ctx, {
    tenantId,
    action: "signing_key.retired",
    targetType: "signing_key",
    targetId: retired!.id,
    data: { kid: retired!.kid, alg: retired!.alg, expiresAt: expiresAt.toISOString() },
  });
  const active = await activate(tx, ctx, tenantId, current.next, now);
  const next = await createSigningKey(tx, ctx, { tenantId, secret, alg: requestedAlg ?? active.alg, status: "next", now });
  return { retired: summary(retired!), active: summary(active), next: summary(next) };
}

/** The keys a verifier may meet: active, next, and retired ones whose tokens may still be valid. */
const publishedAt = (tenantId: string, now: Date) =>
  and(
    eq(signingKeys.tenantId, tenantId),
    or(inArray(signingKeys.status, ["active", "next"]), and(eq(signingKeys.status, "retired"), gt(signingKeys.expiresAt, now))),
  );

/** Active first, then by kid: the same set always gives the same order and fingerprint. */
const activeFirst = (a: { status: string; kid: string }, b: { status: string; kid: string }) =>
  Number(b.status === "active") - Number(a.status === "active") || a.kid.localeCompare(b.kid);

async function publishedRows(db: Executor, tenantId: string, now: Date) {
  const rows = await db
    .select({
      kid: signingKeys.kid,
      alg: signingKeys.alg,
      publicJwk: signingKeys.publicJwk,
      status: signingKeys.status,
      retiredAt: signingKeys.retiredAt,
    })
    .from(signingKeys)
    .where(publishedAt(tenantId, now));
  const order: Record<SigningKeyStatus, number> = { active: 0, next: 1, retired: 2 };
  return rows.sort(
    (a, b) => order[a.status] - order[b.status] || (b.retiredAt?.getTime() ?? 0) - (a.retiredAt?.getTime() ?? 0),
  );
}

function toPublishedKey(row: { kid: string; alg: SigningAlgorithm; publicJwk: Record<string, unknown> }): PublishedKey {
  return { ...publicMembers(row.publicJwk), kid: row.kid, alg: row.alg, use: "sig" };
}

/** The tenant's JWKS entries at `now`: public members only, each with kid, alg and `use: "sig"`. */
export async function publishedKeys(db: Executor, tenantId: string, now: Date = new Date()): Promise<PublishedKey[]> {
  return (await publishedRows(db, tenantId, now)).map(toPublishedKey);
}

/**
 * The tenant's JWKS document (`/t/{tenant}/.well-known/jwks.json`). A tenant that has no keys yet
 * gets them on first ask, so every tenant can be verified against from the moment it exists.
 */
export async function tenantJwks(
  db: Db,
  ctx: RequestContext,
  input: { tenantSlug: string; secret: string; now?: Date },
): Promise<{ keys: PublishedKey[] }> {
  const tenant = TENANT_SLUG.test(input.tenantSlug) ? await findTenantBySlug(db, input.tenantSlug) : undefined;
  if (!tenant) throw new ServiceError("not_found", "There is no tenant with this name");
  const now = input.now ?? new Date();
  let rows = await publishedRows(db, tenant.id, now);
  if (!rows.some((k) => k.status === "active") || !rows.some((k) => k.status === "next")) {
    await db.transaction((tx) => ensureSigningKeys(tx, ctx, { tenantId: tenant.id, secret: input.secret }));
    rows = await publishedRows(db, tenant.id, now);
  }
  return { keys: rows.map(toPublishedKey) };
}

/**
 * The key to sign the tenant's tokens with, decrypted; undefined when the tenant has none yet
 * (call `ensureSigningKeys` first). Throws SecretDecryptionError when the stored key does not open,
 * which means PLINTO_SECRET is not the one the key was sealed with.
 */
export async function activeSigningKey(db: Executor, tenantId: string, secret: string): Promise<ActiveSigningKey | undefined> {
  const [row] = await db
    .select({ kid: signingKeys.kid, alg: signingKeys.alg, privateKeyEncrypted: signingKeys.privateKeyEncrypted })
    .from(signingKeys)
    .where(and(eq(signingKeys.tenantId, tenantId), eq(signingKeys.status, "active")))
    .limit(1);
  if (!row) return undefined;
  return { kid: row.kid, alg: row.alg, privateKey: await importPKCS8(openPrivateKey(tenantId, row, secret), row.alg) };
}

function openPrivateKey(tenantId: string, row: { kid: string; privateKeyEncrypted: string }, secret: string): string {
  try {
    return decryptSecret(row.privateKeyEncrypted, secret, sealedTo(tenantId, row.kid));
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    throw new SecretDecryptionError(
      `signing key ${row.kid} of tenant ${tenantId} does not open with this master secret (was PLINTO_SECRET changed?)`,
    );
  }
}

/**
 * The tenant's published keys with their private parts, for the OpenID Provider's keystore, the
 * active key first: the provider signs with the first key of the wanted algorithm, and verifies
 * an `id_token_hint` signed before a rotation with the others. (Not `key_ops`: WebCrypto refuses
 * a private key marked for verifying, and the provider keeps the marks on the public half.)
 * `fingerprint` changes whenever the set or a key's role does.
 */
export async function providerKeystore(db: Executor, tenantId: string, secret: string, now: Date = new Date()) {
  const rows = await db
    .select({ kid: signingKeys.kid, alg: signingKeys.alg, status: signingKeys.status, privateKeyEncrypted: signingKeys.privateKeyEncrypted })
    .from(signingKeys)
    .where(publishedAt(tenantId, now));
  rows.sort(activeFirst);
  const keys = await Promise.all(
    rows.map(async (row) => {
      const key = await importPKCS8(openPrivateKey(tenantId, row, secret), row.alg, { extractable: true });
      return { ...(await exportJWK(key)), kid: row.kid, alg: row.alg, use: "sig" } as JWK;
    }),
  );
  const active = rows.find((r) => r.status === "active");
  return { keys, activeAlg: active?.alg, fingerprint: rows.map((r) => `${r.kid}:${r.status}`).join(",") };
}

/** Just the fingerprint of `providerKeystore`, without opening any key: checked on every request. */
export async function keystoreFingerprint(db: Executor, tenantId: string, now: Date = new Date()) {
  const rows = await db
    .select({ kid: signingKeys.kid, status: signingKeys.status })
    .from(signingKeys)
    .where(publishedAt(tenantId, now));
  rows.sort(activeFirst);
  return rows.map((r) => `${r.kid}:${r.status}`).join(",");
}

/**
 * Deletes the tenant's retired keys whose tokens have all expired (they already left the JWKS at
 * `expiresAt`). Returns the kids removed. Call it inside a transaction.
 */
export async function pruneRetiredKeys(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; now?: Date },
): Promise<string[]> {
  const now = input.now ?? new Date();
  await lockTenantKeys(tx, input.tenantId);
  const removed = await tx
    .delete(signingKeys)
    .where(
      and(
        eq(signingKeys.tenantId, input.tenantId),
        eq(signingKeys.status, "retired"),
        or(lte(signingKeys.expiresAt, now), isNull(signingKeys.expiresAt)),
      ),
    )
    .returning({ id: signingKeys.id, kid: signingKeys.kid, alg: signingKeys.alg });
  for (const key of removed) {
    await recordAuditEvent(tx, ctx, {
      tenantId: input.tenantId,
      action: "signing_key.deleted",
      targetType: "signing_key",
      targetId: key.id,
      data: { kid: key.kid, alg: key.alg },
    });
  }
  return removed.map((k) => k.kid);
}
