import { jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { newId } from "../id";
import { at } from "./columns";

export type TenantKind = "platform" | "customer";
export type TenantStatus = "active" | "suspended";

/** Per-tenant policies and branding; every field optional so older rows stay valid as it grows. */
export interface TenantSettings {
  branding?: { displayName?: string; logoUrl?: string; primaryColor?: string };
  passwordPolicy?: { minLength?: number; allowPasswordOnly?: boolean };
  /**
   * Second factors: `required` makes users enrol (within `gracePeriodDays` of `requiredSince`, an
   * ISO time stamped when the mode was switched on, or of their own creation); `allowEmailCode`
   * lets an emailed code stand in for the second factor after a password.
   */
  mfaPolicy?: { mode?: "off" | "optional" | "required"; gracePeriodDays?: number; requiredSince?: string; allowEmailCode?: boolean };
  sessionLifetimes?: { idleSeconds?: number; absoluteSeconds?: number };
  /** Whether a user is mailed when an administrator signs in as them (default: yes). */
  impersonation?: { notifyUser?: boolean };
  /**
   * The end users' own account: which onboarding steps they cannot skip (default: only
   * verify_email), whether they may create organizations (default: yes), and how many days an
   * account deletion they asked for waits before it happens (default: 14).
   */
  account?: {
    onboardingRequiredSteps?: Array<"verify_email" | "complete_profile" | "second_factor" | "organization">;
    usersCanCreateOrganizations?: boolean;
    deletionGracePeriodDays?: number;
  };
}

/** One customer environment (e.g. `acme-prod`): its own users, keys, applications and policies. */
export const tenants = pgTable(
  "tenants",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => newId("tenant")),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    kind: text("kind").$type<TenantKind>().notNull().default("customer"),
    status: text("status").$type<TenantStatus>().notNull().default("active"),
    settings: jsonb("settings").$type<TenantSettings>().notNull().default({}),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at")
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("tenants_slug_unique").on(t.slug)],
);
