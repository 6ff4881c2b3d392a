import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, id, tenantId, timestamps } from "./columns";

/** A machine credential for the management API: hashed, scoped, expiring, with its last use recorded. */
export const apiKeys = pgTable(
  "api_keys",
  {
    tenantId: tenantId(),
    id: id("apiKey"),
    name: text("name").notNull(),
    /** The first characters of the key, kept so people can tell their keys apart. */
    displayPrefix: text("display_prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scopes: text("scopes").array().notNull().default([]),
    createdByUserId: text("created_by_user_id"),
    expiresAt: at("expires_at"),
    lastUsedAt: at("last_used_at"),
    revokedAt: at("revoked_at"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("api_keys_key_hash_unique").on(t.keyHash),
    index("api_keys_tenant_idx").on(t.tenantId),
  ],
);
