import { pgTable, text, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { at, id, sameTenant, tenantId, timestamps } from "./columns";
import { organizations } from "./organizations";

/** A SCIM 2.0 endpoint an enterprise directory provisions users and groups into. */
export const directories = pgTable(
  "directories",
  {
    tenantId: tenantId(),
    id: id("directory"),
    organizationId: text("organization_id"),
    name: text("name").notNull(),
    /** Hash of the bearer token the directory presents; the token itself is shown once. */
    tokenHash: text("token_hash").notNull(),
    status: text("status").$type<"active" | "inactive">().notNull().default("active"),
    lastSyncAt: at("last_sync_at"),
    ...timestamps,
  },
  (t) => [
    unique("directories_tenant_id_unique").on(t.tenantId, t.id),
    sameTenant("directories_organization_fk", [t.tenantId, t.organizationId], [organizations.tenantId, organizations.id]),
    uniqueIndex("directories_token_hash_unique").on(t.tokenHash),
  ],
);
