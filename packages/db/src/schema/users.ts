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
    /** Which optional mail the user wants, per notification category (see account.ts); security notices always go. */
    /** Onboarding steps the user chose to skip, each with when (ISO 8601); done steps are computed, not stored. */
    onboarding: jsonb("onboarding").$type<{ skipped?: Partial<Record<"verify_email" | "complete_profile" | "second_factor" | "organization", string>> }>().notNull().default({}),
    emailPreferences: jsonb("email_preferences").$type<Partial<Record<"organization_activity" | "product_updates", boolean>>>().notNull().default({}),
    lastSignInAt: at("last_sign_in_at"),
    /** When the deletion the user asked for happens (housekeeping deletes the account then); null when none is scheduled. */
    deletionScheduledFor: at("deletion_scheduled_for"),
    ...timestamps,
  },
  (t) => [
    unique("users_tenant_id_unique").on(t.tenantId, t.id),
    uniqueIndex("users_tenant_email_unique").on(t.tenantId, sql`lower(${t.email})`),
    index("users_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("users_deletion_due_idx").on(t.deletionScheduledFor).where(sql`${t.deletionScheduledFor} is not null`),
  ],
);
