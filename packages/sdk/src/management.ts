import {
  billingResponseSchema,
  devOutboxResponseSchema,
  type devOutboxQuerySchema,
  type changePlanRequestSchema,
  invoiceListResponseSchema,
  planChangedResponseSchema,
  type addMemberRequestSchema,
  type analyticsSummaryQuerySchema,
  analyticsSummaryResponseSchema,
  type analyticsTimeseriesQuerySchema,
  analyticsTimeseriesResponseSchema,
  auditEventListResponseSchema,
  type auditEventExportQuerySchema,
  type auditEventListQuerySchema,
  auditEventResponseSchema,
  apiKeyCreatedResponseSchema,
  apiKeyListResponseSchema,
  apiKeyResponseSchema,
  type createApiKeyRequestSchema,
  type createDomainRequestSchema,
  type createInvitationRequestSchema,
  type createOrganizationRequestSchema,
  type createPermissionRequestSchema,
  type createRoleRequestSchema,
  type createTenantRequestSchema,
  type createUserRequestSchema,
  domainListResponseSchema,
  domainResponseSchema,
  invitationListResponseSchema,
  invitationResponseSchema,
  memberListResponseSchema,
  memberResponseSchema,
  myTenantsResponseSchema,
  type organizationListQuerySchema,
  organizationListResponseSchema,
  organizationResponseSchema,
  type pageQuerySchema,
  permissionListResponseSchema,
  permissionResponseSchema,
  roleListResponseSchema,
  roleResponseSchema,
  type impersonateUserRequestSchema,
  impersonationCreatedResponseSchema,
  sessionRevokedResponseSchema,
  type setTenantAdminRequestSchema,
  tenantAdminListResponseSchema,
  tenantAdminResponseSchema,
  tenantCreatedResponseSchema,
  tenantListResponseSchema,
  tenantResponseSchema,
  tenantSettingsResponseSchema,
  type updateDomainRequestSchema,
  type updateMemberRequestSchema,
  type updateOrganizationRequestSchema,
  type updateRoleRequestSchema,
  type updateTenantRequestSchema,
  type updateTenantSettingsRequestSchema,
  type updateUserRequestSchema,
  userFactorsResetResponseSchema,
  userPasswordResetSentResponseSchema,
  type userListQuerySchema,
  userListResponseSchema,
  userResponseSchema,
  userSessionListResponseSchema,
  userSessionsRevokedResponseSchema,
  userOrganizationListResponseSchema,
  userSignInSecurityResponseSchema,
} from "@plinto/contracts";
import type { z } from "zod";

/**
 * The management API beyond applications and signing keys, one namespace per resource, typed from
 * the wire contract's schemas (requests as the API accepts them, answers as it promises them).
 * Lists that page answer `{ <items>, nextCursor }`: pass `nextCursor` back as `cursor`, or walk
 * every page with `PlintoClient.paginate`.
 */

type In<S extends z.ZodType> = z.input<S>;
type Out<S extends z.ZodType> = z.output<S>;
/** A list's query as the caller writes it: numbers and booleans as such, every field optional. */
type QueryOf<S extends z.ZodType> = Partial<z.output<S>>;
export type Query = Record<string, string | number | boolean | undefined>;

/** How a namespace reaches the API: the client's one request path, with its auth and error mapping. */
export type Call = <S extends z.ZodType | undefined>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  schema: S,
  options?: { body?: unknown; query?: Query },
) => Promise<S extends z.ZodType ? Out<S> : void>;

/** How a namespace fetches a file (an export): the success body as text, errors as PlintoApiError. */
export type CallText = (path: string, query?: Query) => Promise<string>;

/**
 * One path segment from a caller's id or key. Encoded, and never `.` or `..`, which URL parsing
 * would resolve into another path (`/v1/users/..` is `/v1/`).
 */
export function segment(value: string, what: string): string {
  if (typeof value !== "string" || value === "" || value === "." || value === "..") {
    throw new TypeError(`${what} must be a non-empty id or key`);
  }
  return encodeURIComponent(value);
}

export type UserListQuery = QueryOf<typeof userListQuerySchema>;
export type PageQuery = QueryOf<typeof pageQuerySchema>;

export function usersApi(call: Call) {
  const user = (id: string, rest = "") => `/v1/users/${segment(id, "userId")}${rest}`;
  return {
    /** Newest first unless `sort` says otherwise; `q` searches email and name. */
    list: (query: UserListQuery = {}) => call("GET", "/v1/users", userListResponseSchema, { query }),
    /** A password, when given, must meet the tenant's password policy. */
    create: async (input: In<typeof createUserRequestSchema>) => (await call("POST", "/v1/users", userResponseSchema, { body: input })).user,
    get: async (userId: string) => (await call("GET", user(userId), userResponseSchema)).user,
    /** Only the fields sent change; `emailVerified: true` confirms the address by hand (audited). */
    update: async (userId: string, changes: In<typeof updateUserRequestSchema>) =>
      (await call("PATCH", user(userId), userResponseSchema, { body: changes })).user,
    /** Deletes the user with their credentials, sessions and memberships. */
    delete: (userId: string) => call("DELETE", user(userId), undefined),
    /** Blocked users cannot sign in; every session and token they hold ends at once. */
    block: async (userId: string) => (await call("POST", user(userId, "/block"), userResponseSchema)).user,
    unblock: async (userId: string) => (await call("POST", user(userId, "/unblock"), userResponseSchema)).user,
    sessions: {
      list: async (userId: string) => (await call("GET", user(userId, "/sessions"), userSessionListResponseSchema)).sessions,
      revoke: (userId: string, sessionId: string) =>
        call("DELETE", user(userId, `/sessions/${segment(sessionId, "sessionId")}`), sessionRevokedResponseSchema),
      revokeAll: (userId: string) => call("DELETE", user(userId, "/sessions"), userSessionsRevokedResponseSchema),
    },
    /**
     * A single-use link (two minutes) that signs whoever opens it in as the user for support, for
     * `minutes` (5–60); audited, and the user is mailed unless the tenant turned that off.
     */
    impersonate: (userId: string, input: In<typeof impersonateUserRequestSchema>) =>
      call("POST", user(userId, "/impersonation"), impersonationCreatedResponseSchema, { body: input }),
    /** Removes the user's authenticator apps and recovery codes (they are told by mail); passkeys stay. */
    resetFactors: (userId: string) => call("DELETE", user(userId, "/factors"), userFactorsResetResponseSchema),
    /** Mails the user the self-service password-reset link (single use, 30 minutes); the link is never returned. */
    sendPasswordReset: (userId: string) => call("POST", user(userId, "/password-reset"), userPasswordResetSentResponseSchema),
    /**
     * Recent failed sign-ins and second-factor codes (from the audit log) and whether sign-in is
     * paused by the per-account limits, and until when. Reading it uses up no attempt.
     */
    signInSecurity: async (userId: string) => (await call("GET", user(userId, "/sign-in-security"), userSignInSecurityResponseSchema)).signInSecurity,
    /** Clears the user's sign-in limits so a paused account can sign in at once (audited); answers the report afterwards. */
    unlock: async (userId: string) => (await call("POST", user(userId, "/unlock"), userSignInSecurityResponseSchema)).signInSecurity,
    /** The organizations the user belongs to, with their role in each (`organizations:read`). */
    organizations: async (userId: string) => (await call("GET", user(userId, "/organizations"), userOrganizationListResponseSchema)).organizations,
  };
}

export function organizationsApi(call: Call) {
  const org = (id: string, rest = "") => `/v1/organizations/${segment(id, "organizationId")}${rest}`;
  return {
    list: (query: QueryOf<typeof organizationListQuerySchema> = {}) => call("GET", "/v1/organizations", organizationListResponseSchema, { query }),
    create: async (input: In<typeof createOrganizationRequestSchema>) =>
      (await call("POST", "/v1/organizations", organizationResponseSchema, { body: input })).organization,
    get: async (organizationId: string) => (await call("GET", org(organizationId), organizationResponseSchema)).organization,
    /** Name, slug, metadata and the organization's own MFA policy. */
    update: async (organizationId: string, changes: In<typeof updateOrganizationRequestSchema>) =>
      (await call("PATCH", org(organizationId), organizationResponseSchema, { body: changes })).organization,
    delete: (organizationId: string) => call("DELETE", org(organizationId), undefined),
    members: {
      list: (organizationId: string, query: PageQuery = {}) => call("GET", org(organizationId, "/members"), memberListResponseSchema, { query }),
      add: async (organizationId: string, input: In<typeof addMemberRequestSchema>) =>
        (await call("POST", org(organizationId, "/members"), memberResponseSchema, { body: input })).member,
      /** Counts from the member's next request, not their next token. */
      update: async (organizationId: string, userId: string, changes: In<typeof updateMemberRequestSchema>) =>
        (await call("PATCH", org(organizationId, `/members/${segment(userId, "userId")}`), memberResponseSchema, { body: changes })).member,
      remove: (organizationId: string, userId: string) => call("DELETE", org(organizationId, `/members/${segment(userId, "userId")}`), undefined),
    },
    invitations: {
      list: async (organizationId: string) => (await call("GET", org(organizationId, "/invitations"), invitationListResponseSchema)).invitations,
      /** Mails the invitation; the link works once, until it expires. */
      create: async (organizationId: string, input: In<typeof createInvitationRequestSchema>) =>
        (await call("POST", org(organizationId, "/invitations"), invitationResponseSchema, { body: input })).invitation,
      revoke: (organizationId: string, invitationId: string) =>
        call("DELETE", org(organizationId, `/invitations/${segment(invitationId, "invitationId")}`), undefined),
      /** A new link with a new expiry; the old link stops working. */
      resend: async (organizationId: string, invitationId: string) =>
        (await call("POST", org(organizationId, `/invitations/${segment(invitationId, "invitationId")}/resend`), invitationResponseSchema)).invitation,
    },
    domains: {
      list: async (organizationId: string) => (await call("GET", org(organizationId, "/domains"), domainListResponseSchema)).domains,
      /** The answer names the DNS TXT record that proves the domain. */
      add: async (organizationId: string, input: In<typeof createDomainRequestSchema>) =>
        (await call("POST", org(organizationId, "/domains"), domainResponseSchema, { body: input })).domain,
      update: async (organizationId: string, domainId: string, changes: In<typeof updateDomainRequestSchema>) =>
        (await call("PATCH", org(organizationId, `/domains/${segment(domainId, "domainId")}`), domainResponseSchema, { body: changes })).domain,
      remove: (organizationId: string, domainId: string) => call("DELETE", org(organizationId, `/domains/${segment(domainId, "domainId")}`), undefined),
      /** Looks the TXT record up now. */
      verify: async (organizationId: string, domainId: string) =>
        (await call("POST", org(organizationId, `/domains/${segment(domainId, "domainId")}/verify`), domainResponseSchema)).domain,
    },
  };
}

export function rolesApi(call: Call) {
  const role = (idOrKey: string) => `/v1/roles/${segment(idOrKey, "role")}`;
  return {
    /** Built-in roles (owner, admin, member) and the tenant's own, with their permissions. */
    list: async () => (await call("GET", "/v1/roles", roleListResponseSchema)).roles,
    create: async (input: In<typeof createRoleRequestSchema>) => (await call("POST", "/v1/roles", roleResponseSchema, { body: input })).role,
    /** By id or key. */
    get: async (idOrKey: string) => (await call("GET", role(idOrKey), roleResponseSchema)).role,
    update: async (idOrKey: string, changes: In<typeof updateRoleRequestSchema>) =>
      (await call("PATCH", role(idOrKey), roleResponseSchema, { body: changes })).role,
    delete: (idOrKey: string) => call("DELETE", role(idOrKey), undefined),
  };
}

export function permissionsApi(call: Call) {
  return {
    list: async () => (await call("GET", "/v1/permissions", permissionListResponseSchema)).permissions,
    create: async (input: In<typeof createPermissionRequestSchema>) =>
      (await call("POST", "/v1/permissions", permissionResponseSchema, { body: input })).permission,
    /** By id or key; built-in permissions stay. */
    delete: (idOrKey: string) => call("DELETE", `/v1/permissions/${segment(idOrKey, "permission")}`, undefined),
  };
}

export function apiKeysApi(call: Call) {
  const key = (id: string) => `/v1/api-keys/${segment(id, "apiKeyId")}`;
  return {
    /** Newest first, revoked and expired ones included; never the secrets. */
    list: async () => (await call("GET", "/v1/api-keys", apiKeyListResponseSchema)).apiKeys,
    /** The answer's `secret` is shown this once. A key gets only scopes the caller holds. */
    create: (input: In<typeof createApiKeyRequestSchema>) => call("POST", "/v1/api-keys", apiKeyCreatedResponseSchema, { body: input }),
    get: async (apiKeyId: string) => (await call("GET", key(apiKeyId), apiKeyResponseSchema)).apiKey,
    revoke: (apiKeyId: string) => call("DELETE", key(apiKeyId), undefined),
  };
}

export function settingsApi(call: Call) {
  return {
    get: async () => (await call("GET", "/v1/settings", tenantSettingsResponseSchema)).settings,
    /** Only the fields sent change; `null` clears one. */
    update: async (changes: In<typeof updateTenantSettingsRequestSchema>) =>
      (await call("PATCH", "/v1/settings", tenantSettingsResponseSchema, { body: changes })).settings,
  };
}

/**
 * The tenant's numbers (`analytics:read`): pass `from` and `to` as ISO 8601 timestamps; without them
 * the range is the 30 days up to now. Days and months are UTC.
 */
export function analyticsApi(call: Call) {
  return {
    summary: async (query: QueryOf<typeof analyticsSummaryQuerySchema> = {}) =>
      (await call("GET", "/v1/analytics/summary", analyticsSummaryResponseSchema, { query })).summary,
    /** One point per day or month, oldest first, 0 where nothing happened. */
    timeseries: async (query: In<typeof analyticsTimeseriesQuerySchema>) =>
      (await call("GET", "/v1/analytics/timeseries", analyticsTimeseriesResponseSchema, { query })).timeseries,
  };
}

/** Platform operators (credentials of the platform tenant with `tenants:*`). */
export function tenantsApi(call: Call) {
  const tenant = (slug: string, rest = "") => `/v1/tenants/${segment(slug, "tenant")}${rest}`;
  return {
    list: (query: PageQuery = {}) => call("GET", "/v1/tenants", tenantListResponseSchema, { query }),
    /** An admin who creates a tenant becomes its owner; `initialApiKey` asks for the tenant's first key (its secret shown once). */
    create: (input: In<typeof createTenantRequestSchema>) => call("POST", "/v1/tenants", tenantCreatedResponseSchema, { body: input }),
    get: async (slug: string) => (await call("GET", tenant(slug), tenantResponseSchema)).tenant,
    update: async (slug: string, changes: In<typeof updateTenantRequestSchema>) =>
      (await call("PATCH", tenant(slug), tenantResponseSchema, { body: changes })).tenant,
    admins: {
      list: async (slug: string) => (await call("GET", tenant(slug, "/admins"), tenantAdminListResponseSchema)).admins,
      set: async (slug: string, userId: string, input: In<typeof setTenantAdminRequestSchema>) =>
        (await call("PUT", tenant(slug, `/admins/${segment(userId, "userId")}`), tenantAdminResponseSchema, { body: input })).admin,
      remove: (slug: string, userId: string) => call("DELETE", tenant(slug, `/admins/${segment(userId, "userId")}`), undefined),
    },
    /** With an admin's access token: the tenants they administer, and their role in each. */
    mine: async () => (await call("GET", "/v1/me/tenants", myTenantsResponseSchema)).tenants,
  };
}

/** The tenant's plan and invoices (`billing:read` / `billing:write`). */
export function billingApi(call: Call) {
  return {
    /** The plan, this month's active users against its cap, and the plans on offer. */
    get: () => call("GET", "/v1/billing", billingResponseSchema),
    /** Moves to another plan; a paid plan's invoice comes back with it. */
    changePlan: (plan: In<typeof changePlanRequestSchema>["plan"]) => call("PUT", "/v1/billing/plan", planChangedResponseSchema, { body: { plan } }),
    invoices: async () => (await call("GET", "/v1/billing/invoices", invoiceListResponseSchema)).invoices,
  };
}

export type AuditEventListQuery = QueryOf<typeof auditEventListQuerySchema>;
export type AuditEventExportQuery = QueryOf<typeof auditEventExportQuerySchema>;

/** `/v1/audit-events`: the tenant's audit log, read only (`audit:read`). */
export function auditEventsApi(call: Call, callText: CallText) {
  return {
    /** Newest first; `action` is an action (`user.blocked`) or a prefix ending in a dot (`user.`). */
    list: (query: AuditEventListQuery = {}) => call("GET", "/v1/audit-events", auditEventListResponseSchema, { query }),
    get: async (eventId: string) => (await call("GET", `/v1/audit-events/${segment(eventId, "eventId")}`, auditEventResponseSchema)).event,
    /**
     * Every event the filters match (newest first, up to 10 000) as the file's text: CSV by default,
     * or `format: "json"` for `{ events, truncated }` as JSON text.
     */
    export: (query: AuditEventExportQuery = {}) => callText("/v1/audit-events/export", query),
  };
}

/** The outbox query as the caller writes it: the tenant, and optionally `to`, `kind`, `limit` (1–100), `before`. */
export type DevOutboxQuery = Pick<z.output<typeof devOutboxQuerySchema>, "tenant"> &
  Partial<Omit<z.output<typeof devOutboxQuerySchema>, "tenant">>;

/**
 * The development outbox (`GET /v1/dev/outbox`): the mail a tenant would have sent, newest first,
 * so sign-in links and codes can be followed without a mail server. Only an API in the embedded
 * development mode has it; anywhere else it answers 404 (`PlintoApiError` with code `not_found`).
 * It needs no credentials: it exists only on a developer's own machine.
 */
export function devApi(call: Call) {
  return {
    outbox: async (query: DevOutboxQuery) => (await call("GET", "/v1/dev/outbox", devOutboxResponseSchema, { query })).messages,
  };
}
