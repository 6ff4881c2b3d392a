import { z } from "zod";
import { userIdSchema } from "./auth";
import { apiKeyCreatedResponseSchema, createApiKeyRequestSchema } from "./api-keys";
import { ADMIN_ROLE_KEYS, nextCursorSchema, pageQuerySchema, type AdminRole } from "./management";
import { bodyErrors, managed, type Operation } from "./operation";

/**
 * A tenant's settings (`/v1/settings`, `settings:read` / `settings:write`), and, for platform
 * operators, the tenants themselves and who administers them (`/v1/tenants`, `tenants:read` /
 * `tenants:write`, which only platform-tenant credentials hold), plus `GET /v1/me/tenants` for an
 * admin's tenant switcher.
 */

const timestamp = z.iso.datetime({ offset: true });

// ── Settings ──────────────────────────────────────────────────────────────────────────────────

export const PASSWORD_MIN_LENGTH_BOUNDS = { min: 8, max: 128 } as const;
export const MFA_GRACE_PERIOD_MAX_DAYS = 90;
/** A session lasts at least 5 minutes and at most a year; it idles out after 5 minutes to 90 days. */
export const SESSION_LIFETIME_BOUNDS = {
  idleSeconds: { min: 300, max: 90 * 86_400 },
  absoluteSeconds: { min: 300, max: 365 * 86_400 },
} as const;

const between = (what: string, min: number, max: number) => {
  const error = `${what} is a whole number from ${min} to ${max}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
};
const bool = (what: string) => z.boolean({ error: `${what} is true or false` });

/** Each field: a value to set, `null` to clear it (back to the default), absent to leave it. */
const field = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

const brandingPatch = z
  .object({
    displayName: field(z.string({ error: "displayName is text" }).trim().min(1).max(100, { error: "displayName is at most 100 characters" })),
    logoUrl: field(z.url({ protocol: /^https$/, error: "logoUrl is an https URL" }).max(2048)),
    primaryColor: field(z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: "primaryColor is a colour like #1a2b3c" })),
  })
  .strict();
const passwordPolicyPatch = z
  .object({
    minLength: field(between("minLength", PASSWORD_MIN_LENGTH_BOUNDS.min, PASSWORD_MIN_LENGTH_BOUNDS.max)),
    allowPasswordOnly: field(bool("allowPasswordOnly")),
  })
  .strict();
const mfaPolicyPatch = z
  .object({
    mode: field(z.enum(["off", "optional", "required"], { error: "mode is off, optional or required" })),
    gracePeriodDays: field(between("gracePeriodDays", 0, MFA_GRACE_PERIOD_MAX_DAYS)),
    allowEmailCode: field(bool("allowEmailCode")),
  })
  .strict();
const sessionLifetimesPatch = z
  .object({
    idleSeconds: field(between("idleSeconds", SESSION_LIFETIME_BOUNDS.idleSeconds.min, SESSION_LIFETIME_BOUNDS.idleSeconds.max)),
    absoluteSeconds: field(
      between("absoluteSeconds", SESSION_LIFETIME_BOUNDS.absoluteSeconds.min, SESSION_LIFETIME_BOUNDS.absoluteSeconds.max),
    ),
  })
  .strict();

/**
 * `PATCH /v1/settings`: deep merge. Only the fields sent change; `null` clears a field or a whole
 * group. `mfaPolicy.requiredSince` is Plinto's to stamp (when mode becomes required), not yours.
 */
const impersonationPatch = z.object({ notifyUser: field(bool("notifyUser")) }).strict();

/** The onboarding steps the account portal walks a new user through. */
export const ONBOARDING_STEPS = ["verify_email", "complete_profile", "second_factor", "organization"] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];
/** An account deletion waits 0 to 90 days (default 14), so the user can change their mind. */
export const DELETION_GRACE_BOUNDS = { min: 0, max: 90, default: 14 } as const;

const accountPatch = z
  .object({
    onboardingRequiredSteps: field(
      z
        .array(z.enum(ONBOARDING_STEPS, { error: `A step is one of ${ONBOARDING_STEPS.join(", ")}` }), { error: "onboardingRequiredSteps is a list of steps" })
        .max(ONBOARDING_STEPS.length)
        .refine((steps) => new Set(steps).size === steps.length, { error: "Name each step once" }),
    ),
    usersCanCreateOrganizations: field(bool("usersCanCreateOrganizations")),
    deletionGracePeriodDays: field(between("deletionGracePeriodDays", DELETION_GRACE_BOUNDS.min, DELETION_GRACE_BOUNDS.max)),
  })
  .strict();

export const updateTenantSettingsRequestSchema = z
  .object({
    branding: field(brandingPatch),
    passwordPolicy: field(passwordPolicyPatch),
    mfaPolicy: field(mfaPolicyPatch),
    sessionLifetimes: field(sessionLifetimesPatch),
    /** Whether a user is mailed when an administrator signs in as them (default: yes). */
    impersonation: field(impersonationPatch),
    /** The end users' own account: required onboarding steps, creating organizations, deletion's grace period. */
    account: field(accountPatch),
  })
  .strict();
export type UpdateTenantSettingsRequest = z.infer<typeof updateTenantSettingsRequestSchema>;

/** The settings a tenant has set; anything absent takes Plinto's default. */
export const tenantSettingsSchema = z.object({
  branding: z.object({ displayName: z.string().optional(), logoUrl: z.string().optional(), primaryColor: z.string().optional() }).optional(),
  passwordPolicy: z.object({ minLength: z.number().optional(), allowPasswordOnly: z.boolean().optional() }).optional(),
  mfaPolicy: z
    .object({
      mode: z.enum(["off", "optional", "required"]).optional(),
      gracePeriodDays: z.number().optional(),
      allowEmailCode: z.boolean().optional(),
      requiredSince: z.string().optional().describe("When mode last became required (ISO 8601); grace periods count from it"),
    })
    .optional(),
  sessionLifetimes: z.object({ idleSeconds: z.number().optional(), absoluteSeconds: z.number().optional() }).optional(),
  impersonation: z.object({ notifyUser: z.boolean().optional() }).optional(),
  account: z
    .object({
      onboardingRequiredSteps: z.array(z.enum(ONBOARDING_STEPS)).optional().describe("Steps a user cannot skip (default: verify_email)"),
      usersCanCreateOrganizations: z.boolean().optional().describe("Whether end users may create organizations (default: true)"),
      deletionGracePeriodDays: z.number().optional().describe("Days an account deletion waits (default: 14)"),
    })
    .optional(),
});
export const tenantSettingsResponseSchema = z.object({ settings: tenantSettingsSchema });

// ── Tenants ───────────────────────────────────────────────────────────────────────────────────

export const TENANT_STATUSES = ["active", "suspended"] as const;
export const tenantSlugSchema = z
  .string({ error: "A slug is text" })
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, { error: "A slug is 1–48 lowercase letters, digits or inner hyphens" });
const tenantName = z.string({ error: "Name the tenant" }).trim().min(1, { error: "Name the tenant in 1–100 characters" }).max(100, {
  error: "Name the tenant in 1–100 characters",
});

export const tenantSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(["platform", "customer"]),
  status: z.enum(TENANT_STATUSES),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Tenant = z.infer<typeof tenantSchema>;

export const createTenantRequestSchema = z
  .object({
    slug: tenantSlugSchema,
    name: tenantName,
    initialApiKey: createApiKeyRequestSchema
      .optional()
      .describe("A management key of the new tenant, made with it and shown once: how automation provisions a tenant and then configures it"),
  })
  .strict();
export const updateTenantRequestSchema = z
  .object({ name: tenantName.optional(), status: z.enum(TENANT_STATUSES, { error: "status is active or suspended" }).optional() })
  .strict();
export const tenantListQuerySchema = pageQuerySchema;
export const tenantResponseSchema = z.object({ tenant: tenantSchema });
/** `POST /v1/tenants`: the tenant, and its first key when one was asked for. */
export const tenantCreatedResponseSchema = z.object({ tenant: tenantSchema, apiKey: apiKeyCreatedResponseSchema.optional() });
export const tenantListResponseSchema = z.object({ tenants: z.array(tenantSchema), nextCursor: nextCursorSchema });

// ── Tenant admins ─────────────────────────────────────────────────────────────────────────────

export const adminRoleSchema = z.enum(ADMIN_ROLE_KEYS as [AdminRole, ...AdminRole[]], { error: `role is one of ${ADMIN_ROLE_KEYS.join(", ")}` });
export const tenantAdminSchema = z.object({
  userId: userIdSchema,
  email: z.string(),
  name: z.string().nullable(),
  role: adminRoleSchema,
  since: timestamp,
});
export const tenantAdminListResponseSchema = z.object({ admins: z.array(tenantAdminSchema) });
export const setTenantAdminRequestSchema = z.object({ role: adminRoleSchema }).strict();
export const tenantAdminResponseSchema = z.object({ admin: tenantAdminSchema });

/** `GET /v1/me/tenants`: the tenants the signed-in admin administers, with their role in each. */
export const myTenantsResponseSchema = z.object({
  tenants: z.array(z.object({ slug: z.string(), name: z.string(), kind: z.enum(["platform", "customer"]), status: z.enum(TENANT_STATUSES), role: adminRoleSchema })),
});

// ── Examples and operations ───────────────────────────────────────────────────────────────────

const at = "2026-11-27T09:30:00.000Z";
const settings = {
  branding: { displayName: "Acme", logoUrl: "https://acme.example/logo.svg", primaryColor: "#0f62fe" },
  passwordPolicy: { minLength: 12 },
  mfaPolicy: { mode: "required" as const, gracePeriodDays: 14, requiredSince: at },
  sessionLifetimes: { idleSeconds: 86_400, absoluteSeconds: 2_592_000 },
};
const tenant = {
  id: "ten_01jbz6y0fq7m2x9d8c4v6b5n3k",
  slug: "acme-prod",
  name: "Acme (production)",
  kind: "customer" as const,
  status: "active" as const,
  createdAt: at,
  updatedAt: at,
};
const admin = { userId: "usr_01jbz6y0fq7m2x9d8c4v6b5n3k", email: "ada@plinto.example", name: "Ada Lovelace", role: "owner" as const, since: at };

const tenantPath = (rest = "") => `/v1/tenants/{tenant}${rest}`;

export const tenantOperations: Operation[] = [
  {
    method: "get", path: "/v1/settings", operationId: "getTenantSettings", tag: "Settings", security: "management", scope: "settings:read",
    summary: "The tenant's branding, password, MFA and session policies",
    success: { status: 200, description: "The settings set; absent fields take the defaults", schema: tenantSettingsResponseSchema },
    errors: managed,
    examples: { response: { settings } },
  },
  {
    method: "patch", path: "/v1/settings", operationId: "updateTenantSettings", tag: "Settings", security: "management", scope: "settings:write",
    summary: "Change settings: only the fields sent change, null clears one. Making MFA required stamps requiredSince",
    body: updateTenantSettingsRequestSchema,
    success: { status: 200, description: "The settings after the change", schema: tenantSettingsResponseSchema },
    errors: [...managed, ...bodyErrors],
    examples: { request: { mfaPolicy: { mode: "required", gracePeriodDays: 14 }, branding: { logoUrl: null } }, response: { settings } },
  },
  {
    method: "get", path: "/v1/tenants", operationId: "listTenants", tag: "Tenants", security: "management", scope: "tenants:read",
    summary: "Every tenant, newest first, a page at a time (platform operators)",
    query: tenantListQuerySchema,
    success: { status: 200, description: "A page of tenants", schema: tenantListResponseSchema },
    errors: [...managed, "validation_failed"],
    examples: { response: { tenants: [tenant], nextCursor: null } },
  },
  {
    method: "post", path: "/v1/tenants", operationId: "createTenant", tag: "Tenants", security: "management", scope: "tenants:write",
    summary: "Create a tenant; an admin who creates one becomes its owner. With initialApiKey, the answer carries a key of the new tenant, shown once",
    body: createTenantRequestSchema,
    success: { status: 201, description: "Created", schema: tenantCreatedResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: {
      request: { slug: "acme-prod", name: "Acme (production)", initialApiKey: { name: "Provisioning", scopes: ["settings:write", "applications:write"], expiresInDays: 1 } },
      response: {
        tenant,
        apiKey: {
          apiKey: {
            id: "key_01jbz6y0fq7m2x9d8c4v6b5n3k",
            name: "Provisioning",
            displayPrefix: "plinto_sk_Vt3q0m",
            scopes: ["settings:write", "applications:write"],
            expiresAt: "2026-11-28T09:30:00.000Z",
            lastUsedAt: null,
            revokedAt: null,
            createdAt: at,
          },
          secret: "plinto_sk_Vt3q0mJ8yQ2s1Xc9fK4nB7dL6hR5wZ0pE3aT8uY1iO2",
        },
      },
    },
  },
  {
    method: "get", path: tenantPath(), operationId: "getTenant", tag: "Tenants", security: "management", scope: "tenants:read",
    summary: "One tenant, by slug",
    success: { status: 200, description: "The tenant", schema: tenantResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { tenant } },
  },
  {
    method: "patch", path: tenantPath(), operationId: "updateTenant", tag: "Tenants", security: "management", scope: "tenants:write",
    summary: "Rename a tenant or suspend it (the platform tenant cannot be suspended)",
    body: updateTenantRequestSchema,
    success: { status: 200, description: "The tenant after the change", schema: tenantResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: { request: { status: "suspended" }, response: { tenant: { ...tenant, status: "suspended" } } },
  },
  {
    method: "get", path: tenantPath("/admins"), operationId: "listTenantAdmins", tag: "Tenants", security: "management", scope: "tenants:read",
    summary: "Who administers a tenant, with their roles",
    success: { status: 200, description: "Admins, by email", schema: tenantAdminListResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { admins: [admin] } },
  },
  {
    method: "put", path: tenantPath("/admins/{user}"), operationId: "setTenantAdmin", tag: "Tenants", security: "management", scope: "tenants:write",
    summary: "Make a platform user an admin of the tenant with a role, or change their role (a tenant keeps at least one owner)",
    body: setTenantAdminRequestSchema,
    success: { status: 200, description: "The admin", schema: tenantAdminResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: { request: { role: "developer" }, response: { admin: { ...admin, role: "developer" } } },
  },
  {
    method: "delete", path: tenantPath("/admins/{user}"), operationId: "removeTenantAdmin", tag: "Tenants", security: "management", scope: "tenants:write",
    summary: "Stop a user administering the tenant (not its last owner); it counts from their next request",
    success: { status: 204, description: "Removed" },
    errors: [...managed, "not_found", "conflict"],
  },
  {
    method: "get", path: "/v1/me/tenants", operationId: "listMyTenants", tag: "Tenants", security: "management",
    // No scope: any admin access token may ask which tenants its user administers.
    summary: "The tenants the signed-in admin administers, with their role in each (admin access tokens only; an API key gets 403)",
    success: { status: 200, description: "By name", schema: myTenantsResponseSchema },
    errors: managed,
    examples: { response: { tenants: [{ slug: "acme-prod", name: "Acme (production)", kind: "customer", status: "active", role: "owner" }] } },
  },
];
