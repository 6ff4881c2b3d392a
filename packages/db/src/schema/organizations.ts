import { boolean, index, jsonb, pgTable, primaryKey, text, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { at, id, sameTenant, tenantId, timestamps } from "./columns";
import { tenants } from "./tenants";
import { users } from "./users";

/**
 * An organization's own policies, stricter than its tenant's where they differ. `mfaPolicy.mode`
 * `required` makes every member set up a second factor (within `gracePeriodDays` of the later of
 * `requiredSince` and their joining).
 */
export interface OrganizationSettings {
  mfaPolicy?: { mode?: "optional" | "required"; gracePeriodDays?: number; requiredSince?: string };
}

/** A customer's customer: a company or team inside a tenant (B2B). */
export const organizations = pgTable(
  "organizations",
  {
    tenantId: tenantId(),
    id: id("organization"),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    settings: jsonb("settings").$type<OrganizationSettings>().notNull().default({}),
    /**
     * Only in the platform tenant: the customer tenant this organization administers. Its members
     * are that tenant's admins, with their admin role (owner, admin, developer, support, viewer).
     */
    managedTenantId: text("managed_tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    ...timestamps,
  },
  (t) => [
    unique("organizations_tenant_id_unique").on(t.tenantId, t.id),
    uniqueIndex("organizations_tenant_slug_unique").on(t.tenantId, t.slug),
    uniqueIndex("organizations_managed_tenant_unique").on(t.managedTenantId),
  ],
);

/** A named set of permissions. Built-in roles (owner, admin, member) are seeded per tenant. */
export const roles = pgTable(
  "roles",
  {
    tenantId: tenantId(),
    id: id("role"),
    key: text("key").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    builtIn: boolean("built_in").notNull().default(false),
    ...timestamps,
  },
  (t) => [
    unique("roles_tenant_id_unique").on(t.tenantId, t.id),
    uniqueIndex("roles_tenant_key_unique").on(t.tenantId, t.key),
  ],
);

export const permissions = pgTable(
  "permissions",
  {
    tenantId: tenantId(),
    id: id("permission"),
    key: text("key").notNull(),
    description: text("description"),
    builtIn: boolean("built_in").notNull().default(false),
    ...timestamps,
  },
  (t) => [
    unique("permissions_tenant_id_unique").on(t.tenantId, t.id),
    uniqueIndex("permissions_tenant_key_unique").on(t.tenantId, t.key),
  ],
);

export const rolePermissions = pgTable(
  "role_permissions",
  {
    tenantId: tenantId(),
    roleId: text("role_id").notNull(),
    permissionId: text("permission_id").notNull(),
  },
  (t) => [
    primaryKey({ name: "role_permissions_pk", columns: [t.tenantId, t.roleId, t.permissionId] }),
    sameTenant("role_permissions_role_fk", [t.tenantId, t.roleId], [roles.tenantId, roles.id]),
    sameTenant("role_permissions_permission_fk", [t.tenantId, t.permissionId], [permissions.tenantId, permissions.id]),
  ],
);

/** A user's place in an organization, with one role. */
export const memberships = pgTable(
  "memberships",
  {
    tenantId: tenantId(),
    id: id("membership"),
    organizationId: text("organization_id").notNull(),
    userId: text("user_id").notNull(),
    roleId: text("role_id").notNull(),
    ...timestamps,
  },
  (t) => [
    sameTenant("memberships_organization_fk", [t.tenantId, t.organizationId], [organizations.tenantId, organizations.id]),
    sameTenant("memberships_user_fk", [t.tenantId, t.userId], [users.tenantId, users.id]),
    sameTenant("memberships_role_fk", [t.tenantId, t.roleId], [roles.tenantId, roles.id], "restrict"),
    uniqueIndex("memberships_tenant_org_user_unique").on(t.tenantId, t.organizationId, t.userId),
    index("memberships_tenant_user_idx").on(t.tenantId, t.userId),
  ],
);

export type InvitationStatus = "pending" | "accepted" | "declined" | "revoked" | "expired";

/** An emailed offer to join an organization; the link carries a token stored here only as a hash. */
export const invitations = pgTable(
  "invitations",
  {
    tenantId: tenantId(),
    id: id("invitation"),
    organizationId: text("organization_id").notNull(),
    email: text("email").notNull(),
    roleId: text("role_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedByUserId: text("invited_by_user_id"),
    status: text("status").$type<InvitationStatus>().notNull().default("pending"),
    expiresAt: at("expires_at").notNull(),
    respondedAt: at("responded_at"),
    ...timestamps,
  },
  (t) => [
    sameTenant("invitations_organization_fk", [t.tenantId, t.organizationId], [organizations.tenantId, organizations.id]),
    sameTenant("invitations_role_fk", [t.tenantId, t.roleId], [roles.tenantId, roles.id], "restrict"),
    uniqueIndex("invitations_token_hash_unique").on(t.tokenHash),
    index("invitations_tenant_org_idx").on(t.tenantId, t.organizationId),
  ],
);

/** An email domain an organization owns, proven by a DNS TXT record; may auto-join verified users. */
export const domains = pgTable(
  "domains",
  {
    tenantId: tenantId(),
    id: id("domain"),
    organizationId: text("organization_id").notNull(),
    domain: text("domain").notNull(),
    verificationToken: text("verification_token").notNull(),
    verifiedAt: at("verified_at"),
    autoJoin: boolean("auto_join").notNull().default(false),
    ...timestamps,
  },
  (t) => [
    sameTenant("domains_organization_fk", [t.tenantId, t.organizationId], [organizations.tenantId, organizations.id]),
    uniqueIndex("domains_tenant_domain_unique").on(t.tenantId, t.domain),
  ],
);
