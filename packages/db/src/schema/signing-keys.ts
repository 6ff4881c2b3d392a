import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, id, tenantId, timestamps } from "./columns";

export type SigningKeyStatus = "next" | "active" | "retired";
export type SigningAlgorithm = "RS256" | "ES256" | "EdDSA";

/**
 * A tenant's token signing key. `next` is published in the JWKS before it signs anything; `retired`
 * stays published until every token it signed has expired.
 */
export const signingKeys = pgTable(
  "signing_keys",
  {
    tenantId: tenantId(),
    id: id("signingKey"),
    kid: text("kid").notNull(),
    alg: text("alg").$type<SigningAlgorithm>().notNull(),
    publicJwk: jsonb("public_jwk").$type<Record<string, unknown>>().notNull(),
    /** The private key, encrypted with the master secret (PLINTO_SECRET). */
    privateKeyEncrypted: text("private_key_encrypted").notNull(),
    status: text("status").$type<SigningKeyStatus>().notNull(),
    activatedAt: at("activated_at"),
    retiredAt: at("retired_at"),
    /** When a retired key may leave the JWKS: its retirement plus the longest token lifetime. */
    expiresAt: at("expires_at"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("signing_keys_tenant_kid_unique").on(t.tenantId, t.kid),
    index("signing_keys_tenant_status_idx").on(t.tenantId, t.status),
    // At most one key signs and one waits, per tenant: the database backs up the service's lock.
    uniqueIndex("signing_keys_tenant_active_unique").on(t.tenantId).where(sql`${t.status} = 'active'`),
    uniqueIndex("signing_keys_tenant_next_unique").on(t.tenantId).where(sql`${t.status} = 'next'`),
  ],
);
