import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { at, id, tenantId, timestamps } from "./columns";

export type UserStatus = "active" | "blocked" | "deleted";

/** A person in one tenant's user pool. Email is unique per tenant, case-insensitively. */
export const users = pgTable(
  "users",
  {
    tenantId: tenantId(),
    id: id("user"),
    email: text("email").notNull(),
    emailVerifiedAt: at("email_verified_at"),
    name: text("name"),
    givenName: text("given_name"),
    familyName: text("family_name"),
    pictureUrl: text("picture_url"),
    locale: text("locale"),
    status: text("status").$type<UserStatus>().notNull().default("active"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    lastSignInAt: at("last_sign_in_at"),
    ...timestamps,
  },
  (t) => [
    unique("users_tenant_id_unique").on(t.tenantId, t.id),
    uniqueIndex("users_tenant_email_unique").on(t.tenantId, sql`lower(${t.email})`),
    index("users_tenant_created_idx").on(t.tenantId, t.createdAt),
  ],
);
