import { sql } from "drizzle-orm";
import { customType, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
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

/** What a notification is about, for the email preferences: security notices cannot be switched off. */
export type NotificationCategory = "security" | "organization_activity" | "product_updates";
export type NotificationMailStatus = "none" | "pending" | "sent" | "skipped";

/** Per category, whether the user wants mail about it; a missing entry means the category's default. */
export type EmailPreferences = Partial<Record<Exclude<NotificationCategory, "security">, boolean>>;

/**
 * Something the account portal shows a user about their account: a sign-in from a new device, a
 * changed password or factor, an invitation, a new role. `data` holds the title and body as
 * written then (they do not change later). One that is also mailed is `pending` until the mail
 * leaves, after the transaction that made it commits.
 */
export const notifications = pgTable(
  "notifications",
  {
    tenantId: tenantId(),
    id: id("notification"),
    userId: text("user_id").notNull(),
    kind: text("kind").notNull(),
    category: text("category").$type<NotificationCategory>().notNull(),
    data: jsonb("data").$type<{ title: string; body: string } & Record<string, unknown>>().notNull(),
    readAt: at("read_at"),
    mailStatus: text("mail_status").$type<NotificationMailStatus>().notNull().default("none"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    sameTenant("notifications_user_fk", [t.tenantId, t.userId], [users.tenantId, users.id]),
    index("notifications_tenant_user_created_idx").on(t.tenantId, t.userId, t.createdAt),
    index("notifications_mail_pending_idx").on(t.createdAt).where(sql`${t.mailStatus} = 'pending'`),
  ],
);
