import { z } from "zod";
import { opaqueTokenSchema, userIdSchema } from "./auth";
import { nextCursorSchema, pageQuerySchema } from "./management";
import { authPath, bodyErrors, managed, withLimits, type Operation } from "./operation";

/**
 * Permissions every tenant has from the start, used by the built-in organization roles. A tenant
 * adds its own permissions and custom roles beside them.
 */
export const BUILT_IN_PERMISSIONS = {
  "organization:update": "Rename the organization and change its settings",
  "organization:delete": "Delete the organization",
  "members:read": "See the organization's members",
  "members:invite": "Invite people to the organization",
  "members:manage": "Change members' roles and remove members",
  "domains:manage": "Add and verify the organization's email domains",
} as const;
export type BuiltInPermission = keyof typeof BUILT_IN_PERMISSIONS;

/** The organization roles every tenant has; their permissions cannot be edited. */
export const BUILT_IN_ROLES = {
  owner: { name: "Owner", permissions: Object.keys(BUILT_IN_PERMISSIONS) as BuiltInPermission[] },
  admin: {
    name: "Admin",
    permissions: ["organization:update", "members:read", "members:invite", "members:manage", "domains:manage"] as BuiltInPermission[],
  },
  member: { name: "Member", permissions: ["members:read"] as BuiltInPermission[] },
} as const;
export type BuiltInRole = keyof typeof BUILT_IN_ROLES;


/**
 * Organizations inside a tenant, their members, invitations and email domains
 * (`/v1/organizations/…`), and the tenant's roles and permissions (`/v1/roles`, `/v1/permissions`),
 * with `organizations:read` / `organizations:write`. The invited person answers an invitation
 * through the end-user API (`/v1/tenants/{tenant}/auth/invitations/…`) with their session.
 */

const timestamp = z.iso.datetime({ offset: true });
const idOf = (prefix: string, kind: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-hjkmnp-tv-z]{26}$`), { error: `Expected a ${kind} id like ${prefix}_01…` });
export const organizationIdSchema = idOf("org", "organization");
export const membershipIdSchema = idOf("mem", "membership");
export const roleIdSchema = idOf("rol", "role");
export const permissionIdSchema = idOf("perm", "permission");
export const invitationIdSchema = idOf("inv", "invitation");
export const domainIdSchema = idOf("dom", "domain");

/** Organization slugs: lowercase letters, digits and inner hyphens, unique in the tenant. */
export const ORGANIZATION_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** Role and permission keys, e.g. `billing:manage`, `reports.read`. */
export const ROLE_KEY = /^[a-z][a-z0-9_:.-]{0,63}$/;
export const INVITATION_DEFAULT_DAYS = 7;
export const INVITATION_MAX_DAYS = 30;
/** Where a domain's proof is published: a TXT record `plinto-verification=<token>` at this name. */
export const DOMAIN_CHALLENGE_PREFIX = "_plinto-challenge.";
export const DOMAIN_VERIFICATION_PREFIX = "plinto-verification=";

const name = (what: string) =>
  z
    .string({ error: `Name the ${what}` })
    .trim()
    .min(1, { error: `Name the ${what} in 1–100 characters` })
    .max(100, { error: `Name the ${what} in 1–100 characters` });
const slug = z
  .string({ error: "A slug is text" })
  .regex(ORGANIZATION_SLUG, { error: "A slug is 1–64 lowercase letters, digits or inner hyphens" });
const metadata = z
  .record(z.string(), z.unknown(), { error: "metadata is a JSON object" })
  .refine((value) => JSON.stringify(value).length <= 16_384, { error: "metadata is at most 16 KB of JSON" })
  .describe("Your own data about the organization; stored as given");
const key = (what: string) =>
  z.string({ error: `A ${what} key is text` }).regex(ROLE_KEY, {
    error: `A ${what} key starts with a lowercase letter, then up to 63 lowercase letters, digits, _ : . or -`,
  });
const description = z.string({ error: "A description is text" }).trim().max(500, { error: "A description is at most 500 characters" });
const email = z.email({ error: "Enter an email address like name@example.com" }).max(320, { error: "An email address is at most 320 characters" });
const autoJoin = z.boolean({ error: "autoJoin is true or false" });

// ── Organizations ─────────────────────────────────────────────────────────────────────────────

export const organizationListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().min(1).max(200).optional().describe("Part of the name or slug, any case"),
});
export const createOrganizationRequestSchema = z.object({ name: name("organization"), slug, metadata: metadata.optional() }).strict();
export type CreateOrganizationRequest = z.infer<typeof createOrganizationRequestSchema>;
/** Only the fields sent change. */
/**
 * An organization's second-factor policy: `required` makes its members set one up (within
 * `gracePeriodDays` of the later of joining and the policy becoming required), even where the
 * tenant's policy is looser; `optional` leaves the tenant's policy as it is.
 */
export const organizationMfaPolicySchema = z
  .object({
    mode: z.enum(["optional", "required"], { error: "mode is optional or required" }),
    gracePeriodDays: z.int({ error: "gracePeriodDays is a whole number of days, 0–90" }).min(0).max(90).optional(),
  })
  .strict();

export const updateOrganizationRequestSchema = z
  .object({ name: name("organization").optional(), slug: slug.optional(), metadata: metadata.optional(), mfaPolicy: organizationMfaPolicySchema.optional() })
  .strict();
export type UpdateOrganizationRequest = z.infer<typeof updateOrganizationRequestSchema>;

export const organizationSchema = z.object({
  id: organizationIdSchema,
  name: z.string(),
  slug: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  mfaPolicy: z.object({
    mode: z.enum(["optional", "required"]),
    gracePeriodDays: z.int(),
    requiredSince: timestamp.nullable().describe("When the policy became required"),
  }),
  managedTenantId: z
    .string()
    .nullable()
    .describe("Platform tenant only: the tenant this organization administers. Set by tenant administration, never here"),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Organization = z.infer<typeof organizationSchema>;
export const organizationResponseSchema = z.object({ organization: organizationSchema });
export const organizationListResponseSchema = z.object({ organizations: z.array(organizationSchema), nextCursor: nextCursorSchema });

// ── Members ───────────────────────────────────────────────────────────────────────────────────

export const addMemberRequestSchema = z.object({ userId: userIdSchema, role: key("role") }).strict();
export const updateMemberRequestSchema = z.object({ role: key("role") }).strict();
export const memberSchema = z.object({
  id: membershipIdSchema,
  userId: userIdSchema,
  email: z.string(),
  name: z.string().nullable(),
  role: z.string().describe("The role's key"),
  joinedAt: timestamp,
  updatedAt: timestamp,
});
export type Member = z.infer<typeof memberSchema>;
export const memberResponseSchema = z.object({ member: memberSchema });
export const memberListResponseSchema = z.object({ members: z.array(memberSchema), nextCursor: nextCursorSchema });

// ── Roles and permissions ─────────────────────────────────────────────────────────────────────

export const createRoleRequestSchema = z
  .object({
    key: key("role"),
    name: name("role"),
    description: description.optional(),
    permissions: z.array(key("permission"), { error: "permissions is a list of permission keys" }).max(100).default([]),
  })
  .strict();
export type CreateRoleRequest = z.infer<typeof createRoleRequestSchema>;
/** Only the fields sent change; `permissions` replaces the whole set; `description: null` clears it. */
export const updateRoleRequestSchema = z
  .object({
    name: name("role").optional(),
    description: description.nullable().optional(),
    permissions: z.array(key("permission"), { error: "permissions is a list of permission keys" }).max(100).optional(),
  })
  .strict();
export type UpdateRoleRequest = z.infer<typeof updateRoleRequestSchema>;
export const roleSchema = z.object({
  id: roleIdSchema,
  key: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  builtIn: z.boolean().describe("Built-in roles (owner, admin, member) cannot be changed or deleted"),
  permissions: z.array(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Role = z.infer<typeof roleSchema>;
export const roleResponseSchema = z.object({ role: roleSchema });
export const roleListResponseSchema = z.object({ roles: z.array(roleSchema) });

export const createPermissionRequestSchema = z.object({ key: key("permission"), description: description.optional() }).strict();
export const permissionSchema = z.object({
  id: permissionIdSchema,
  key: z.string(),
  description: z.string().nullable(),
  builtIn: z.boolean(),
  createdAt: timestamp,
});
export type Permission = z.infer<typeof permissionSchema>;
export const permissionResponseSchema = z.object({ permission: permissionSchema });
export const permissionListResponseSchema = z.object({ permissions: z.array(permissionSchema) });

// ── Invitations ───────────────────────────────────────────────────────────────────────────────

export const INVITATION_STATUSES = ["pending", "accepted", "declined", "revoked", "expired"] as const;
export const createInvitationRequestSchema = z
  .object({
    email,
    role: key("role"),
    expiresInDays: z
      .int({ error: `expiresInDays is a whole number from 1 to ${INVITATION_MAX_DAYS}` })
      .min(1, { error: `expiresInDays is a whole number from 1 to ${INVITATION_MAX_DAYS}` })
      .max(INVITATION_MAX_DAYS, { error: `expiresInDays is a whole number from 1 to ${INVITATION_MAX_DAYS}` })
      .default(INVITATION_DEFAULT_DAYS),
  })
  .strict();
export type CreateInvitationRequest = z.infer<typeof createInvitationRequestSchema>;
export const invitationSchema = z.object({
  id: invitationIdSchema,
  organizationId: organizationIdSchema,
  email: z.string(),
  role: z.string().describe("The role's key"),
  status: z.enum(INVITATION_STATUSES).describe("expired: still pending in the store but past expiresAt"),
  invitedByUserId: z.string().nullable(),
  expiresAt: timestamp,
  respondedAt: timestamp.nullable(),
  createdAt: timestamp,
});
export type Invitation = z.infer<typeof invitationSchema>;
export const invitationResponseSchema = z.object({ invitation: invitationSchema });
export const invitationListResponseSchema = z.object({ invitations: z.array(invitationSchema) });

/** The invited person's answer, with the token from the mailed link. */
export const invitationTokenRequestSchema = z.object({ token: opaqueTokenSchema }).strict();
/**
 * The invited person's answer: with the token from the mailed link, or, signed in with the invited
 * address confirmed, with the invitation's id from their list of pending invitations.
 */
export const invitationAnswerRequestSchema = z.union([invitationTokenRequestSchema, z.object({ invitationId: invitationIdSchema }).strict()]);
export type InvitationAnswerRequest = z.infer<typeof invitationAnswerRequestSchema>;
/** An invitation waiting for the signed-in user's answer, as they see it. */
export const pendingInvitationSchema = z.object({
  id: invitationIdSchema,
  organization: z.object({ id: organizationIdSchema, name: z.string() }),
  role: z.string(),
  expiresAt: timestamp,
  createdAt: timestamp,
});
export type PendingInvitation = z.infer<typeof pendingInvitationSchema>;
export const pendingInvitationListResponseSchema = z.object({ invitations: z.array(pendingInvitationSchema) });
export const invitationAcceptedResponseSchema = z.object({
  status: z.literal("accepted"),
  organizationId: organizationIdSchema,
  role: z.string(),
});
export const invitationDeclinedResponseSchema = z.object({ status: z.literal("declined") });

// ── Domains ───────────────────────────────────────────────────────────────────────────────────

export const createDomainRequestSchema = z
  .object({
    domain: z.string({ error: "A domain is text like acme.com" }).trim().min(3).max(253, { error: "A domain is at most 253 characters" }),
    autoJoin: autoJoin.optional(),
  })
  .strict();
export const updateDomainRequestSchema = z.object({ autoJoin }).strict();
export const domainSchema = z.object({
  id: domainIdSchema,
  organizationId: organizationIdSchema,
  domain: z.string(),
  verified: z.boolean(),
  verifiedAt: timestamp.nullable(),
  autoJoin: z.boolean().describe("Once verified: people who confirm an address at this domain join as members"),
  verification: z
    .object({ type: z.literal("TXT"), name: z.string(), value: z.string() })
    .describe("Publish this TXT record, then POST …/verify"),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Domain = z.infer<typeof domainSchema>;
export const domainResponseSchema = z.object({ domain: domainSchema });
export const domainListResponseSchema = z.object({ domains: z.array(domainSchema) });

// ── Examples and operations ───────────────────────────────────────────────────────────────────

const at = "2026-11-27T09:30:00.000Z";
const organization = {
  id: "org_01jbz6y0fq7m2x9d8c4v6b5n3k",
  name: "Acme",
  slug: "acme",
  metadata: { plan: "team" },
  mfaPolicy: { mode: "optional" as const, gracePeriodDays: 0, requiredSince: null },
  managedTenantId: null,
  createdAt: at,
  updatedAt: at,
};
const member = {
  id: "mem_01jbz6y0fq7m2x9d8c4v6b5n3k",
  userId: "usr_01jbz6y0fq7m2x9d8c4v6b5n3k",
  email: "ada@acme.example",
  name: "Ada Lovelace",
  role: "admin",
  joinedAt: at,
  updatedAt: at,
};
const role = {
  id: "rol_01jbz6y0fq7m2x9d8c4v6b5n3k",
  key: "billing_admin",
  name: "Billing admin",
  description: "Manages invoices",
  builtIn: false,
  permissions: ["billing:manage", "members:read"],
  createdAt: at,
  updatedAt: at,
};
const permission = { id: "perm_01jbz6y0fq7m2x9d8c4v6b5n3k", key: "billing:manage", description: "Manage invoices and payment", builtIn: false, createdAt: at };
const invitation = {
  id: "inv_01jbz6y0fq7m2x9d8c4v6b5n3k",
  organizationId: organization.id,
  email: "grace@acme.example",
  role: "member",
  status: "pending" as const,
  invitedByUserId: null,
  expiresAt: "2026-12-04T09:30:00.000Z",
  respondedAt: null,
  createdAt: at,
};
const domain = {
  id: "dom_01jbz6y0fq7m2x9d8c4v6b5n3k",
  organizationId: organization.id,
  domain: "acme.example",
  verified: false,
  verifiedAt: null,
  autoJoin: true,
  verification: { type: "TXT" as const, name: "_plinto-challenge.acme.example", value: "plinto-verification=k3Jx9QeS0bN2vV7yTfA1wQ" },
  createdAt: at,
  updatedAt: at,
};

const org = (rest = "") => `/v1/organizations${rest}`;
const read = { security: "management", scope: "organizations:read" } as const;
const write = { security: "management", scope: "organizations:write" } as const;

export const organizationOperations: Operation[] = [
  {
    method: "get", path: org(), operationId: "listOrganizations", tag: "Organizations", ...read,
    summary: "List and search the tenant's organizations, newest first, a page at a time",
    query: organizationListQuerySchema,
    success: { status: 200, description: "A page of organizations", schema: organizationListResponseSchema },
    errors: [...managed, "validation_failed"],
    examples: { response: { organizations: [organization], nextCursor: null } },
  },
  {
    method: "post", path: org(), operationId: "createOrganization", tag: "Organizations", ...write,
    summary: "Create an organization; its slug is unique in the tenant",
    body: createOrganizationRequestSchema,
    success: { status: 201, description: "Created", schema: organizationResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: { request: { name: "Acme", slug: "acme", metadata: { plan: "team" } }, response: { organization } },
  },
  {
    method: "get", path: org("/{organization}"), operationId: "getOrganization", tag: "Organizations", ...read,
    summary: "One of the tenant's organizations",
    success: { status: 200, description: "The organization", schema: organizationResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { organization } },
  },
  {
    method: "patch", path: org("/{organization}"), operationId: "updateOrganization", tag: "Organizations", ...write,
    summary: "Rename an organization, change its slug or metadata; only the fields sent change",
    body: updateOrganizationRequestSchema,
    success: { status: 200, description: "The organization after the change", schema: organizationResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: {
      request: { name: "Acme Corp", mfaPolicy: { mode: "required", gracePeriodDays: 7 } },
      response: { organization: { ...organization, name: "Acme Corp", mfaPolicy: { mode: "required", gracePeriodDays: 7, requiredSince: at } } },
    },
  },
  {
    method: "delete", path: org("/{organization}"), operationId: "deleteOrganization", tag: "Organizations", ...write,
    summary: "Delete an organization with its memberships, invitations and domains",
    success: { status: 204, description: "Deleted" },
    errors: [...managed, "not_found", "conflict"],
  },
  {
    method: "get", path: org("/{organization}/members"), operationId: "listMembers", tag: "Organizations", ...read,
    summary: "An organization's members with their role, in the order they joined, a page at a time",
    query: pageQuerySchema,
    success: { status: 200, description: "A page of members", schema: memberListResponseSchema },
    errors: [...managed, "validation_failed", "not_found"],
    examples: { response: { members: [member], nextCursor: null } },
  },
  {
    method: "post", path: org("/{organization}/members"), operationId: "addMember", tag: "Organizations", ...write,
    summary: "Add one of the tenant's users to the organization with a role",
    body: addMemberRequestSchema,
    success: { status: 201, description: "Added", schema: memberResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: { request: { userId: member.userId, role: "admin" }, response: { member } },
  },
  {
    method: "patch", path: org("/{organization}/members/{user}"), operationId: "updateMember", tag: "Organizations", ...write,
    summary: "Change a member's role; the last owner cannot be demoted",
    body: updateMemberRequestSchema,
    success: { status: 200, description: "The member after the change", schema: memberResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: { request: { role: "member" }, response: { member: { ...member, role: "member" } } },
  },
  {
    method: "delete", path: org("/{organization}/members/{user}"), operationId: "removeMember", tag: "Organizations", ...write,
    summary: "Remove a member; the last owner cannot be removed",
    success: { status: 204, description: "Removed" },
    errors: [...managed, "not_found", "conflict"],
  },
  {
    method: "get", path: org("/{organization}/invitations"), operationId: "listInvitations", tag: "Organizations", ...read,
    summary: "An organization's invitations, newest first, with their status (expired ones included)",
    success: { status: 200, description: "Invitations", schema: invitationListResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { invitations: [invitation] } },
  },
  {
    method: "post", path: org("/{organization}/invitations"), operationId: "createInvitation", tag: "Organizations", ...write,
    summary: "Invite someone by email with a role; they get a link that works until it expires (7 days unless set, 30 at most)",
    body: createInvitationRequestSchema,
    success: { status: 201, description: "Invited; the mail is sent", schema: invitationResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: { request: { email: "grace@acme.example", role: "member", expiresInDays: 7 }, response: { invitation } },
  },
  {
    method: "delete", path: org("/{organization}/invitations/{invitation}"), operationId: "revokeInvitation", tag: "Organizations", ...write,
    summary: "Revoke a pending invitation: its link stops working",
    success: { status: 204, description: "Revoked" },
    errors: [...managed, "not_found", "conflict"],
  },
  {
    method: "post", path: org("/{organization}/invitations/{invitation}/resend"), operationId: "resendInvitation", tag: "Organizations", ...write,
    summary: "Mail a pending invitation again with a new link and a new expiry; the old link stops working",
    success: { status: 200, description: "Sent again", schema: invitationResponseSchema },
    errors: [...managed, "not_found", "conflict"],
    examples: { response: { invitation } },
  },
  {
    method: "get", path: org("/{organization}/domains"), operationId: "listDomains", tag: "Organizations", ...read,
    summary: "An organization's email domains and how to verify them",
    success: { status: 200, description: "Domains", schema: domainListResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { domains: [domain] } },
  },
  {
    method: "post", path: org("/{organization}/domains"), operationId: "addDomain", tag: "Organizations", ...write,
    summary: "Claim an email domain; publish the TXT record it answers with, then verify",
    body: createDomainRequestSchema,
    success: { status: 201, description: "Added, not yet verified", schema: domainResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: { request: { domain: "acme.example", autoJoin: true }, response: { domain } },
  },
  {
    method: "patch", path: org("/{organization}/domains/{domain}"), operationId: "updateDomain", tag: "Organizations", ...write,
    summary: "Turn auto-join on or off for a domain",
    body: updateDomainRequestSchema,
    success: { status: 200, description: "The domain after the change", schema: domainResponseSchema },
    errors: [...managed, ...bodyErrors],
    examples: { request: { autoJoin: false }, response: { domain: { ...domain, autoJoin: false } } },
  },
  {
    method: "delete", path: org("/{organization}/domains/{domain}"), operationId: "removeDomain", tag: "Organizations", ...write,
    summary: "Remove a domain; nobody joins through it any more",
    success: { status: 204, description: "Removed" },
    errors: [...managed, "not_found"],
  },
  {
    method: "post", path: org("/{organization}/domains/{domain}/verify"), operationId: "verifyDomain", tag: "Organizations", ...write,
    summary: "Look up the domain's TXT record now and mark it verified when it holds the expected value",
    success: { status: 200, description: "Verified", schema: domainResponseSchema },
    errors: [...managed, "not_found", "domain_verification_failed"],
    examples: { response: { domain: { ...domain, verified: true, verifiedAt: at } } },
  },
  {
    method: "get", path: "/v1/roles", operationId: "listRoles", tag: "Roles", ...read,
    summary: "The tenant's roles with their permissions: built-in first, then custom ones by key",
    success: { status: 200, description: "Roles", schema: roleListResponseSchema },
    errors: managed,
    examples: { response: { roles: [role] } },
  },
  {
    method: "post", path: "/v1/roles", operationId: "createRole", tag: "Roles", ...write,
    summary: "Create a custom role from the tenant's permissions",
    body: createRoleRequestSchema,
    success: { status: 201, description: "Created", schema: roleResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: { request: { key: "billing_admin", name: "Billing admin", description: "Manages invoices", permissions: ["billing:manage", "members:read"] }, response: { role } },
  },
  {
    method: "get", path: "/v1/roles/{role}", operationId: "getRole", tag: "Roles", ...read,
    summary: "One role, by id or key",
    success: { status: 200, description: "The role", schema: roleResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { role } },
  },
  {
    method: "patch", path: "/v1/roles/{role}", operationId: "updateRole", tag: "Roles", ...write,
    summary: "Change a custom role; built-in roles cannot be changed",
    body: updateRoleRequestSchema,
    success: { status: 200, description: "The role after the change", schema: roleResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: { request: { permissions: ["billing:manage"] }, response: { role: { ...role, permissions: ["billing:manage"] } } },
  },
  {
    method: "delete", path: "/v1/roles/{role}", operationId: "deleteRole", tag: "Roles", ...write,
    summary: "Delete a custom role no membership or invitation uses",
    success: { status: 204, description: "Deleted" },
    errors: [...managed, "not_found", "conflict"],
  },
  {
    method: "get", path: "/v1/permissions", operationId: "listPermissions", tag: "Roles", ...read,
    summary: "The tenant's permissions, by key",
    success: { status: 200, description: "Permissions", schema: permissionListResponseSchema },
    errors: managed,
    examples: { response: { permissions: [permission] } },
  },
  {
    method: "post", path: "/v1/permissions", operationId: "createPermission", tag: "Roles", ...write,
    summary: "Create a custom permission to put in custom roles",
    body: createPermissionRequestSchema,
    success: { status: 201, description: "Created", schema: permissionResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: { request: { key: "billing:manage", description: "Manage invoices and payment" }, response: { permission } },
  },
  {
    method: "delete", path: "/v1/permissions/{permission}", operationId: "deletePermission", tag: "Roles", ...write,
    summary: "Delete a custom permission (by id or key); roles holding it lose it",
    success: { status: 204, description: "Deleted" },
    errors: [...managed, "not_found", "conflict"],
  },
  {
    method: "get", path: authPath("invitations"), operationId: "listMyInvitations", tag: "Organizations", security: "session",
    summary: "Pending, unexpired invitations to the caller's confirmed address (none while it is unconfirmed)",
    success: { status: 200, description: "Newest first", schema: pendingInvitationListResponseSchema },
    errors: ["unauthorized", "not_found"],
    examples: {
      response: {
        invitations: [
          {
            id: "inv_01jd8z7a2b3c4d5e6f7g8h9j0k",
            organization: { id: "org_01jd8z7a2b3c4d5e6f7g8h9j0m", name: "Globex" },
            role: "member",
            expiresAt: "2026-12-04T09:00:00.000Z",
            createdAt: "2026-11-27T09:00:00.000Z",
          },
        ],
      },
    },
  },
  {
    method: "post", path: authPath("invitations/accept"), operationId: "acceptInvitation", tag: "Organizations", security: "session",
    summary: "Accept an invitation with the token from its link, or by id from the caller's pending invitations; the signed-in user's confirmed address must be the invited one",
    body: invitationAnswerRequestSchema,
    success: { status: 200, description: "A member now", schema: invitationAcceptedResponseSchema },
    errors: withLimits("unauthorized", "forbidden", "email_not_verified", "invalid_verification"),
  },
  {
    method: "post", path: authPath("invitations/decline"), operationId: "declineInvitation", tag: "Organizations", security: "session",
    summary: "Decline an invitation with the token from its link, or by id from the caller's pending invitations",
    body: invitationAnswerRequestSchema,
    success: { status: 200, description: "Declined", schema: invitationDeclinedResponseSchema },
    errors: withLimits("unauthorized", "forbidden", "email_not_verified", "invalid_verification"),
  },
];
