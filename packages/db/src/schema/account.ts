import { customType, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, id, sameTenant, tenantId } from "./columns";
import { users } from "./users";

/** PostgreSQL `bytea` as a Node Buffer (PGlite hands back a Uint8Array; both become a Buffer). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export type AvatarContentType = "image/png" | "image/jpeg" | "image/webp";

/**
 * A picture a user uploaded for their profile, kept in the database so it is backed up, moved and
 * deleted with the account on PGlite and PostgreSQL alike (at most 1 MB, one per user). Its id is
 * new at every upload, so its public URL can be cached forever; the type was sniffed from the
 * bytes, never taken from the client.
 */
export const userAvatars = pgTable(
  "user_avatars",
  {
    tenantId: tenantId(),
    id: id("avatar"),
    userId: text("user_id").notNull(),
    contentType: text("content_type").$type<AvatarContentType>().notNull(),
    byteSize: integer("byte_size").notNull(),
    bytes: bytea("bytes").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    sameTenant("user_avatars_user_fk", [t.tenantId, t.userId], [users.tenantId, users.id]),
    uniqueIndex("user_avatars_tenant_user_unique").on(t.tenantId, t.userId),
  ],
);
