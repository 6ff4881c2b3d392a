import { index, pgTable, text, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { at, id, sameTenant, tenantId, timestamps } from "./columns";
import { users } from "./users";

/** A sign-in at the identity provider on one device. Only a hash of the cookie value is stored. */
export const sessions = pgTable(
  "sessions",
  {
    tenantId: tenantId(),
    id: id("session"),
    userId: text("user_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    /** Authentication methods used (RFC 8176 values: pwd, otp, hwk, …) and the resulting level. */
    amr: text("amr").array().notNull().default([]),
    acr: text("acr"),
    authTime: at("auth_time").notNull().defaultNow(),
    lastActiveAt: at("last_active_at").notNull().defaultNow(),
    expiresAt: at("expires_at").notNull(),
    revokedAt: at("revoked_at"),
    /** The organization the user acts in on this session; checked against membership at every use. */
    activeOrganizationId: text("active_organization_id"),
    /** Set when an administrator is signed in as the user (see impersonations); pages show a banner. */
    impersonationId: text("impersonation_id"),
    ...timestamps,
  },
  (t) => [
    unique("sessions_tenant_id_unique").on(t.tenantId, t.id),
    sameTenant("sessions_user_fk", [t.tenantId, t.userId], [users.tenantId, users.id]),
    uniqueIndex("sessions_token_hash_unique").on(t.tokenHash),
    index("sessions_tenant_user_idx").on(t.tenantId, t.userId),
  ],
);
