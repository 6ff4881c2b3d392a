import { and, eq } from "drizzle-orm";
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  importPKCS8,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
} from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@plinto/db/testing";
import { auditEvents, signingKeys, type SigningAlgorithm } from "@plinto/db/schema";
import { getTestInstance } from "../../../test/instance";
import { decryptSecret, SecretDecryptionError } from "../../lib/crypto";
import { verifyAuditChain } from "../audit/audit";
import { systemContext } from "../context";
import { createTenant } from "../tenants/tenants";
import {
  activeSigningKey,
  ensureSigningKeys,
  pruneRetiredKeys,
  publishedKeys,
  rotateSigningKeys,
  tenantJwks,
} from "./keys";

let database: TestDatabase;
let secret: string;
beforeAll(async () => {
  const instance = await getTestInstance();
  database = instance.database;
  secret = instance.runtime.config.secret;
});
afterAll(async () => {
  await database?.dispose();
});

const HOUR = 3600;
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

let tenantCount = 0;
async function newTenant() {
  tenantCount += 1;
  return createTenant(database.db, systemContext, { slug: `keys-${tenantCount}`, name: `Keys ${tenantCount}` });
}

const ensure = (tenantId: string, alg?: SigningAlgorithm) =>
  database.db.transaction((tx) => ensureSigningKeys(tx, systemContext, { tenantId, secret, ...(alg ? { alg } : {}) }));

const rotate = (tenantId: string, now: Date, alg?: SigningAlgorithm) =>
  database.db.transaction((tx) =>
    rotateSigningKeys(tx, systemContext, { tenantId, secret, maxTokenLifetimeSeconds: HOUR, now, ...(alg ? { alg } : {}) }),
  );

async function jwks(tenantId: string, now?: Date): Promise<JSONWebKeySet> {
  return { keys: await publishedKeys(database.db, tenantId, now) };
}

/** A token from the tenant's active key, valid for an hour, as token issuance will make one. */
async function signToken(tenantId: string, subject = "usr_test") {
  const key = await activeSigningKey(database.db, tenantId, secret);
  if (!key) throw new Error("the tenant has no active key");
  const token = await new SignJWT({ sub: subject })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(key.privateKey);
  return { token, kid: key.kid };
}

const verify = (token: string, set: JSONWebKeySet) => jwtVerify(token, createLocalJWKSet(set));

const rowsOf = (tenantId: string) => database.db.select().from(signingKeys).where(eq(signingKeys.tenantId, tenantId));

/** The private JWK members of every key the tenant holds, read the way only signing may. */
async function privateMaterial(tenantId: string): Promise<string[]> {
  const found: string[] = [];
  for (const row of await rowsOf(tenantId)) {
    found.push(row.privateKeyEncrypted);
    const pkcs8 = decryptSecret(row.privateKeyEncrypted, secret, { purpose: "signing-key", boundTo: [tenantId, row.kid] });
    found.push(pkcs8);
    const jwk = await exportJWK(await importPKCS8(pkcs8, row.alg, { extractable: true }));
    for (const member of PRIVATE_MEMBERS) {
      const value = (jwk as Record<string, unknown>)[member];
      if (typeof value === "string") found.push(value);
    }
  }
  return found;
}

describe("ensureSigningKeys", () => {
  it("gives a tenant one active and one next RS256 key, and creates nothing more when called again", async () => {
    const tenant = await newTenant();
    const first = await ensure(tenant.id);
    expect(first.active.alg).toBe("RS256");
    expect(first.active.status).toBe("active");
    expect(first.active.activatedAt).toBeInstanceOf(Date);
    expect(first.next.status).toBe("next");
    expect(first.next.kid).not.toBe(first.active.kid);

    const second = await ensure(tenant.id);
    expect(second).toEqual(first);
    expect(await rowsOf(tenant.id)).toHaveLength(2);

    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.tenantId, tenant.id))
      .orderBy(auditEvents.seq);
    expect(events.filter((e) => e.action === "signing_key.created").map((e) => e.data)).toEqual([
      { kid: first.active.kid, alg: "RS256", status: "active" },
      { kid: first.next.kid, alg: "RS256", status: "next" },
    ]);
    expect(await verifyAuditChain(database.db, tenant.id)).toEqual({ ok: true });
  });

  it("stores the private key sealed, never as PEM, and sealed to its own tenant and kid", async () => {
    const tenant = await newTenant();
    const { active } = await ensure(tenant.id);
    const [row] = await database.db
      .select()
      .from(signingKeys)
      .where(and(eq(signingKeys.tenantId, tenant.id), eq(signingKeys.kid, active.kid)));
    expect(row!.privateKeyEncrypted).toMatch(/^v1\./);
    expect(row!.privateKeyEncrypted).not.toContain("PRIVATE KEY");
    expect(row!.privateKeyEncrypted).not.toContain("MII");
    expect(Object.keys(row!.publicJwk).sort()).toEqual(["e", "kty", "n"]);
    const pem = decryptSecret(row!.privateKeyEncrypted, secret, { purpose: "signing-key", boundTo: [tenant.id, active.kid] });
    expect(pem).toContain("-----BEGIN PRIVATE KEY-----");
  });

  it("leaves exactly one active and one next key when called concurrently", async () => {
    const tenant = await newTenant();
    const results = await Promise.all(Array.from({ length: 6 }, () => ensure(tenant.id)));
    const rows = await rowsOf(tenant.id);
    expect(rows.map((r) => r.status).sort()).toEqual(["active", "next"]);
    for (const result of results) {
      expect(result.active.kid).toBe(rows.find((r) => r.status === "active")!.kid);
      expect(result.next.kid).toBe(rows.find((r) => r.status === "next")!.kid);
    }
  });

  it("activates a lone next key rather than signing with one nobody has seen", async () => {
    const tenant = await newTenant();
    const { active, next } = await ensure(tenant.id);
    await database.db.delete(signingKeys).where(and(eq(signingKeys.tenantId, tenant.id), eq(signingKeys.kid, active.kid)));
    const repaired = await ensure(tenant.id);
    expect(repaired.active.kid).toBe(next.kid);
    expect(repaired.next.kid).not.toBe(next.kid);
  });

  it("refuses an algorithm it does not offer", async () => {
    const tenant = await newTenant();
    await expect(ensure(tenant.id, "HS256" as SigningAlgorithm)).rejects.toMatchObject({ code: "validation_failed" });
    expect(await rowsOf(tenant.id)).toHaveLength(0);
  });
});

describe("signing and the published JWKS", () => {
  it.each([
    ["RS256", { kty: "RSA" }],
    ["ES256", { kty: "EC", crv: "P-256" }],
    ["EdDSA", { kty: "OKP", crv: "Ed25519" }],
  ] as const)("signs with %s and verifies against the JWKS", async (alg, shape) => {
    const tenant = await newTenant();
    const { active, next } = await ensure(tenant.id, alg);
    const set = await jwks(tenant.id);
    expect(set.keys.map((k) => k.kid)).toEqual([active.kid, next.kid]);
    for (const key of set.keys) {
      expect(key).toMatchObject({ ...shape, alg, use: "sig" });
      // The kid is the RFC 7638 thumbprint of the key it names.
      expect(key.kid).toBe(await calculateJwkThumbprint(key, "sha256"));
    }
    if (alg === "RS256") expect(Buffer.from(set.keys[0]!.n!, "base64url")).toHaveLength(256);

    const { token, kid } = await signToken(tenant.id);
    expect(kid).toBe(active.kid);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg, kid: active.kid });
    const { payload } = await verify(token, set);
    expect(payload.sub).toBe("usr_test");
  });

  it("never publishes a private member, and no audit event holds key material", async () => {
    const tenant = await newTenant();
    await ensure(tenant.id);
    await rotate(tenant.id, new Date());
    const set = await jwks(tenant.id);
    expect(set.keys).toHaveLength(3);
    for (const key of set.keys) {
      for (const member of PRIVATE_MEMBERS) expect(key).not.toHaveProperty(member);
    }
    const published = JSON.stringify(set);
    const events = JSON.stringify(
      await database.db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id)),
    );
    const secrets = await privateMaterial(tenant.id);
    expect(secrets.length).toBeGreaterThanOrEqual(3 * 8);
    for (const material of secrets) {
      expect(published).not.toContain(material);
      expect(events).not.toContain(material);
    }
    expect(events).not.toContain("PRIVATE KEY");
  });

  it("keeps tenants apart: one tenant's keys are never in another's JWKS, nor open in its row", async () => {
    const a = await newTenant();
    const b = await newTenant();
    await ensure(a.id);
    await ensure(b.id);
    await rotate(a.id, new Date());
    const aKids = (await rowsOf(a.id)).map((r) => r.kid);
    const bSet = await jwks(b.id);
    expect(bSet.keys).toHaveLength(2);
    for (const key of bSet.keys) expect(aKids).not.toContain(key.kid);

    // A token from tenant A does not verify against tenant B's keys.
    const { token } = await signToken(a.id);
    await expect(verify(token, bSet)).rejects.toMatchObject({ code: "ERR_JWKS_NO_MATCHING_KEY" });

    // A's sealed private key copied into B's active row does not open there.
    const aActive = (await rowsOf(a.id)).find((r) => r.status === "active")!;
    await database.db
      .update(signingKeys)
      .set({ privateKeyEncrypted: aActive.privateKeyEncrypted })
      .where(and(eq(signingKeys.tenantId, b.id), eq(signingKeys.status, "active")));
    await expect(activeSigningKey(database.db, b.id, secret)).rejects.toBeInstanceOf(SecretDecryptionError);
  });

  it("will not sign under a different master secret", async () => {
    const tenant = await newTenant();
    await ensure(tenant.id);
    await expect(activeSigningKey(database.db, tenant.id, `${secret}-changed`)).rejects.toThrow(
      /does not open with this master secret/,
    );
    expect(await activeSigningKey(database.db, (await newTenant()).id, secret)).toBeUndefined();
  });
});

describe("rotateSigningKeys", () => {
  it("signs with the key published before rotation, and keeps the old key until its tokens expire", async () => {
    const tenant = await newTenant();
    const before = await ensure(tenant.id);
    const jwksBeforeRotation = await jwks(tenant.id);
    const old = await signToken(tenant.id);
    expect(old.kid).toBe(before.active.kid);

    const rotatedAt = new Date();
    const rotation = await rotate(tenant.id, rotatedAt);
    expect(rotation.retired.kid).toBe(before.active.kid);
    expect(rotation.retired.expiresAt!.getTime()).toBe(rotatedAt.getTime() + HOUR * 1000);
    expect(rotation.active.kid).toBe(before.next.kid);
    expect(rotation.next.kid).not.toBe(before.active.kid);
    expect(rotation.next.kid).not.toBe(before.next.kid);

    // The new token is signed by the former next key, which verifiers already had before rotation.
    const fresh = await signToken(tenant.id);
    expect(fresh.kid).toBe(before.next.kid);
    await verify(fresh.token, jwksBeforeRotation);

    // The old token still verifies: its key is retired but published.
    const afterRotation = await jwks(tenant.id);
    expect(afterRotation.keys.map((k) => k.kid)).toEqual([before.next.kid, rotation.next.kid, before.active.kid]);
    await verify(old.token, afterRotation);

    // Published up to the moment every token it signed has expired, and not after.
    const justBefore = new Date(rotatedAt.getTime() + HOUR * 1000 - 1);
    const atExpiry = new Date(rotatedAt.getTime() + HOUR * 1000);
    expect((await jwks(tenant.id, justBefore)).keys.map((k) => k.kid)).toContain(before.active.kid);
    expect((await jwks(tenant.id, atExpiry)).keys.map((k) => k.kid)).not.toContain(before.active.kid);

    const prune = (now: Date) => database.db.transaction((tx) => pruneRetiredKeys(tx, systemContext, { tenantId: tenant.id, now }));
    expect(await prune(justBefore)).toEqual([]);
    expect(await prune(atExpiry)).toEqual([before.active.kid]);
    expect((await rowsOf(tenant.id)).map((r) => r.kid)).not.toContain(before.active.kid);
    const afterPrune = await jwks(tenant.id);
    expect(afterPrune.keys.map((k) => k.kid)).toEqual([before.next.kid, rotation.next.kid]);
    await expect(verify(old.token, afterPrune)).rejects.toMatchObject({ code: "ERR_JWKS_NO_MATCHING_KEY" });

    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.tenantId, tenant.id))
      .orderBy(auditEvents.seq);
    expect(events.map((e) => [e.action, e.data.kid])).toEqual([
      ["tenant.created", undefined],
      ["signing_key.created", before.active.kid],
      ["signing_key.created", before.next.kid],
      ["signing_key.retired", before.active.kid],
      ["signing_key.activated", before.next.kid],
      ["signing_key.created", rotation.next.kid],
      ["signing_key.deleted", before.active.kid],
    ]);
    expect(await verifyAuditChain(database.db, tenant.id)).toEqual({ ok: true });
  });

  it("prunes only the tenant it is asked about", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const past = new Date(Date.now() - 2 * HOUR * 1000);
    await ensure(a.id);
    await ensure(b.id);
    const retiredA = (await rotate(a.id, past)).retired.kid;
    const retiredB = (await rotate(b.id, past)).retired.kid;
    expect(await database.db.transaction((tx) => pruneRetiredKeys(tx, systemContext, { tenantId: a.id }))).toEqual([retiredA]);
    expect((await rowsOf(b.id)).map((r) => r.kid)).toContain(retiredB);
  });

  it("keeps the tenant's algorithm, or moves to a new one only through a published next key", async () => {
    const tenant = await newTenant();
    await ensure(tenant.id, "ES256");
    const kept = await rotate(tenant.id, new Date());
    expect([kept.retired.alg, kept.active.alg, kept.next.alg]).toEqual(["ES256", "ES256", "ES256"]);

    const switching = await rotate(tenant.id, new Date(), "EdDSA");
    expect([switching.active.alg, switching.next.alg]).toEqual(["ES256", "EdDSA"]);
    const switched = await rotate(tenant.id, new Date());
    expect([switched.active.alg, switched.next.alg]).toEqual(["EdDSA", "EdDSA"]);
    const { token } = await signToken(tenant.id);
    await verify(token, await jwks(tenant.id));
  });

  it("leaves one active and one next key when rotations race", async () => {
    const tenant = await newTenant();
    await ensure(tenant.id);
    await Promise.all(Array.from({ length: 4 }, () => rotate(tenant.id, new Date())));
    const statuses = (await rowsOf(tenant.id)).map((r) => r.status).sort();
    expect(statuses).toEqual(["active", "next", "retired", "retired", "retired", "retired"]);
  });

  it("refuses a negative or missing token lifetime", async () => {
    const tenant = await newTenant();
    for (const maxTokenLifetimeSeconds of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(
        database.db.transaction((tx) =>
          rotateSigningKeys(tx, systemContext, { tenantId: tenant.id, secret, maxTokenLifetimeSeconds }),
        ),
      ).rejects.toMatchObject({ code: "validation_failed" });
    }
    expect(await rowsOf(tenant.id)).toHaveLength(0);
  });
});

describe("tenantJwks", () => {
  it("creates a tenant's keys on first ask and answers with the same ones after", async () => {
    const tenant = await newTenant();
    const first = await tenantJwks(database.db, systemContext, { tenantSlug: tenant.slug, secret });
    expect(first.keys).toHaveLength(2);
    expect(await tenantJwks(database.db, systemContext, { tenantSlug: tenant.slug, secret })).toEqual(first);
    expect(await rowsOf(tenant.id)).toHaveLength(2);
  });

  it("answers not_found for a tenant that does not exist or could not", async () => {
    for (const tenantSlug of ["no-such-tenant", "Not A Slug", "../plinto"]) {
      await expect(tenantJwks(database.db, systemContext, { tenantSlug, secret })).rejects.toMatchObject({
        code: "not_found",
      });
    }
  });
});
