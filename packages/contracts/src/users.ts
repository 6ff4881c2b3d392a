import { z } from "zod";
import { sessionIdSchema, sessionRevokedResponseSchema, userIdSchema } from "./auth";
import { managed, bodyErrors, type Operation } from "./operation";
import { nextCursorSchema, pageQuerySchema } from "./management";
import { auditEventIdSchema } from "./audit";
import { membershipIdSchema, organizationIdSchema } from "./organizations";

/**
 * A tenant's users, managed from the admin dashboard or a back end (`/v1/users`, API key or admin
 * token with `users:read` / `users:write`). The password policy and email uniqueness are the users
 * service's rules; they come back as validation_failed (per field) and conflict.
 */

const timestamp = z.iso.datetime({ offset: true });

export const USER_STATUSES = ["active", "blocked"] as const;

const booleanQuery = (what: string) =>
  z.enum(["true", "false"], { error: `${what} is true or false` }).transform((v) => v === "true");

/** `GET /v1/users`: search, filters and a page. */
export const userListQuerySchema = pageQuerySchema.extend({
  // An empty search box searches nothing: the same as no q.
  q: z.string().trim().max(200, { error: "q is at most 200 characters" }).optional().describe("Part of the email address or name, any case"),
  status: z.enum(USER_STATUSES, { error: "status is active or blocked" }).optional(),
  emailVerified: booleanQuery("emailVerified").optional(),
  sort: z.enum(["created_at:desc", "created_at:asc"], { error: "sort is created_at:desc or created_at:asc" }).default("created_at:desc"),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

const email = z.email({ error: "Enter an email address like name@example.com" }).max(320, { error: "An email address is at most 320 characters" });
const text = (what: string, max: number) =>
  z.string({ error: `${what} is text` }).trim().max(max, { error: `${what} is at most ${max} characters` });
const metadata = z
  .record(z.string(), z.unknown(), { error: "metadata is a JSON object" })
  .refine((value) => JSON.stringify(value).length <= 16_384, { error: "metadata is at most 16 KB of JSON" })
  .describe("Your own data about the user; the API stores it as given, and a PATCH replaces it whole");

/** A bcrypt hash as other systems store them: `$2a$`, `$2b$` or `$2y$`, cost, 53 characters of salt and hash. */
export const BCRYPT_HASH_PATTERN = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

/**
 * `POST /v1/users`: without a password the user signs in by mailed link, a passkey or SSO. Users
 * moved from another system bring their bcrypt hash (`passwordHash`) instead of a password: it is
 * verified at their next sign-in and replaced by an argon2id hash then.
 */
export const createUserRequestSchema = z
  .object({
    email,
    name: text("name", 200).optional(),
    password: z.string({ error: "A password is text" }).max(1024, { error: "A password is at most 1024 characters" }).optional(),
    passwordHash: z
      .string({ error: "passwordHash is text" })
      .regex(BCRYPT_HASH_PATTERN, { error: "passwordHash is a bcrypt hash ($2a$, $2b$ or $2y$, e.g. $2b$10$…)" })
      .optional()
      .describe("Import only: the user's bcrypt hash from another system, instead of a password; replaced by argon2id at their next sign-in"),
    emailVerified: z.boolean({ error: "emailVerified is true or false" }).optional(),
  })
  .strict()
  .refine((input) => input.password === undefined || input.passwordHash === undefined, {
    error: "Give a password or a passwordHash, not both",
    path: ["passwordHash"],
  });
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

/** `PATCH /v1/users/{user}`: only the fields sent change; null clears a profile field. */
export const updateUserRequestSchema = z
  .object({
    name: text("name", 200).nullable().optional(),
    givenName: text("givenName", 100).nullable().optional(),
    familyName: text("familyName", 100).nullable().optional(),
    pictureUrl: z.url({ protocol: /^https$/, error: "pictureUrl is an https URL" }).max(2048).nullable().optional(),
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { error: "locale is a BCP 47 tag like en or pt-BR" })
      .nullable()
      .optional(),
    metadata: metadata.optional(),
    emailVerified: z.literal(true, { error: "emailVerified can only be set to true: the address was confirmed another way" }).optional(),
  })
  .strict();
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

// ── Responses ─────────────────────────────────────────────────────────────────────────────────

/** A user as the management API shows it: never a password hash or any other credential. */
export const managedUserSchema = z.object({
  id: userIdSchema,
  email: z.string(),
  emailVerified: z.boolean(),
  name: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  pictureUrl: z.string().nullable(),
  locale: z.string().nullable(),
  status: z.enum(USER_STATUSES),
  metadata: z.record(z.string(), z.unknown()),
  lastSignInAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type ManagedUser = z.infer<typeof managedUserSchema>;

export const userResponseSchema = z.object({ user: managedUserSchema });
export const userListResponseSchema = z.object({ users: z.array(managedUserSchema), nextCursor: nextCursorSchema });
export type UserListResponse = z.infer<typeof userListResponseSchema>;

/** One of a user's live sessions, as an administrator sees it. */
export const userSessionSchema = z.object({
  id: sessionIdSchema,
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  amr: z.array(z.string()),
  authTime: timestamp,
  lastActiveAt: timestamp,
  expiresAt: timestamp,
});
export const userSessionListResponseSchema = z.object({ sessions: z.array(userSessionSchema) });
export const userSessionsRevokedResponseSchema = z.object({ status: z.literal("revoked"), count: z.int().min(0) });
/** `POST /v1/users/{user}/password-reset`: the link went to the user's address, never to the caller. */
export const userPasswordResetSentResponseSchema = z.object({ status: z.literal("reset_sent") });
export const userFactorsResetResponseSchema = z.object({
  status: z.literal("reset"),
  removed: z.object({ totp: z.int().min(0), recoveryCodes: z.int().min(0) }),
});

/** `POST /v1/users/{user}/impersonation`: why, and for how long (minutes, 5–60, default 15). */
export const impersonateUserRequestSchema = z
  .object({
    reason: z.string({ error: "Say why" }).trim().min(3, { error: "Say why, in 3–500 characters" }).max(500, { error: "Say why, in 3–500 characters" }),
    minutes: z.int({ error: "minutes is a whole number from 5 to 60" }).min(5).max(60).optional(),
  })
  .strict();
export const impersonationCreatedResponseSchema = z.object({
  impersonationId: z.string(),
  url: z.string().describe("Open it in a browser within two minutes; it works once"),
  expiresAt: timestamp.describe("When the link stops working"),
});

/**
 * The limits that pause an account's sign-in after repeated failures (OWASP ASVS V2.2.1): passwords
 * per account in 15 minutes and per day, and second-factor codes likewise. Each counts per account,
 * whatever the client address; a successful sign-in clears the 15-minute count.
 */
export const SIGN_IN_LIMITS = ["sign_in", "sign_in_daily", "mfa", "mfa_daily"] as const;
export const signInLimitStateSchema = z.object({
  name: z.enum(SIGN_IN_LIMITS).describe("sign_in / sign_in_daily: password attempts; mfa / mfa_daily: second-factor codes"),
  limit: z.int().min(1).describe("Attempts allowed per window"),
  windowSeconds: z.int().min(1),
  remaining: z.int().min(0).describe("Attempts left in the window now"),
  locked: z.boolean().describe("No attempt is left: the next one is refused until resetAt"),
  resetAt: timestamp.nullable().describe("When the window ends; null while nothing is counted"),
});
/** The kinds of event the sign-in security report lists, from the audit log. */
export const SIGN_IN_FAILURE_KINDS = ["sign_in_failed", "mfa_failed", "sign_in_paused"] as const;
export const signInFailureSchema = z.object({
  eventId: auditEventIdSchema.describe("The audit event; GET /v1/audit-events/{event} has it all"),
  occurredAt: timestamp,
  kind: z.enum(SIGN_IN_FAILURE_KINDS).describe("A failed first factor, a failed second factor, or the failure that paused sign-in"),
  method: z.string().nullable().describe("password, passkey, totp, recovery_code or email_code"),
  reason: z.string().nullable().describe("Why a first factor failed: wrong_password, user_blocked, …"),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  pausedUntil: timestamp.nullable().describe("For sign_in_paused: until when sign-in was paused"),
});
/** `GET /v1/users/{user}/sign-in-security`: read without using up an attempt. */
export const userSignInSecuritySchema = z.object({
  locked: z.boolean().describe("Whether sign-in (or its second step) is paused now"),
  lockedUntil: timestamp.nullable().describe("When every pause now in force has ended; null when not locked"),
  limits: z.array(signInLimitStateSchema),
  recentFailures: z.array(signInFailureSchema).describe("The latest failures and pauses, newest first (at most 20)"),
});
export type UserSignInSecurity = z.infer<typeof userSignInSecuritySchema>;
export const userSignInSecurityResponseSchema = z.object({ signInSecurity: userSignInSecuritySchema });

/** One organization the user belongs to, with their role there. */
export const userOrganizationSchema = z.object({
  id: organizationIdSchema,
  name: z.string(),
  slug: z.string(),
  membershipId: membershipIdSchema,
  role: z.string().describe("The role's key"),
  roleName: z.string(),
  joinedAt: timestamp,
});
export const userOrganizationListResponseSchema = z.object({ organizations: z.array(userOrganizationSchema) });

// ── Examples and operations ───────────────────────────────────────────────────────────────────

const at = "2026-11-27T09:30:00.000Z";
const user = {
  id: "usr_01jbz6y0fq7m2x9d8c4v6b5n3k",
  email: "ada@acme.example",
  emailVerified: true,
  name: "Ada Lovelace",
  givenName: "Ada",
  familyName: "Lovelace",
  pictureUrl: null,
  locale: "en-GB",
  status: "active" as const,
  metadata: { plan: "team" },
  lastSignInAt: at,
  createdAt: at,
  updatedAt: at,
};
const session = {
  id: "ses_01jbz6y0fq7m2x9d8c4v6b5n3m",
  ipAddress: "203.0.113.7",
  userAgent: "Mozilla/5.0",
  amr: ["pwd"],
  authTime: at,
  lastActiveAt: at,
  expiresAt: "2026-12-27T09:30:00.000Z",
};

const signInSecurity = {
  locked: true,
  lockedUntil: "2026-11-27T09:45:00.000Z",
  limits: [
    { name: "sign_in" as const, limit: 10, windowSeconds: 900, remaining: 0, locked: true, resetAt: "2026-11-27T09:45:00.000Z" },
    { name: "sign_in_daily" as const, limit: 50, windowSeconds: 86_400, remaining: 40, locked: false, resetAt: "2026-11-28T00:00:00.000Z" },
    { name: "mfa" as const, limit: 10, windowSeconds: 900, remaining: 10, locked: false, resetAt: null },
    { name: "mfa_daily" as const, limit: 50, windowSeconds: 86_400, remaining: 50, locked: false, resetAt: null },
  ],
  recentFailures: [
    {
      eventId: "evt_01jbz6y0fq7m2x9d8c4v6b5n3r",
      occurredAt: at,
      kind: "sign_in_paused" as const,
      method: null,
      reason: null,
      ipAddress: "203.0.113.7",
      userAgent: "Mozilla/5.0",
      pausedUntil: "2026-11-27T09:45:00.000Z",
    },
    {
      eventId: "evt_01jbz6y0fq7m2x9d8c4v6b5n3s",
      occurredAt: at,
      kind: "sign_in_failed" as const,
      method: "password",
      reason: "wrong_password",
      ipAddress: "203.0.113.7",
      userAgent: "Mozilla/5.0",
      pausedUntil: null,
    },
  ],
};

const path = (rest = "") => `/v1/users${rest}`;
const tag = "Users";

export const userOperations: Operation[] = [
  {
    method: "get", path: path(), operationId: "listUsers", tag, security: "management", scope: "users:read",
    summary: "List and search the tenant's users, newest first, a page at a time",
    query: userListQuerySchema,
    success: { status: 200, description: "A page of users", schema: userListResponseSchema },
    errors: [...managed, "validation_failed"],
    examples: { response: { users: [user], nextCursor: "MjAyNi0xMS0yN1QwOTozMDowMC4wMDBafHVzcl8wMWpiejZ5MGZxN20yeDlkOGM0djZiNW4zaw" } },
  },
  {
    method: "post", path: path(), operationId: "createUser", tag, security: "management", scope: "users:write",
    summary: "Create a user; a password must pass the tenant's password policy",
    body: createUserRequestSchema,
    success: { status: 201, description: "Created", schema: userResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: { request: { email: "ada@acme.example", name: "Ada Lovelace", emailVerified: true }, response: { user: { ...user, lastSignInAt: null, givenName: null, familyName: null, locale: null, metadata: {} } } },
  },
  {
    method: "get", path: path("/{user}"), operationId: "getUser", tag, security: "management", scope: "users:read",
    summary: "One of the tenant's users",
    success: { status: 200, description: "The user", schema: userResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { user } },
  },
  {
    method: "patch", path: path("/{user}"), operationId: "updateUser", tag, security: "management", scope: "users:write",
    summary: "Change a user's profile or metadata, or mark the email address confirmed; only the fields sent change",
    body: updateUserRequestSchema,
    success: { status: 200, description: "The user after the change", schema: userResponseSchema },
    errors: [...managed, ...bodyErrors],
    examples: { request: { givenName: "Ada", familyName: "Lovelace", metadata: { plan: "team" } }, response: { user } },
  },
  {
    method: "delete", path: path("/{user}"), operationId: "deleteUser", tag, security: "management", scope: "users:write",
    summary: "Delete a user with their credentials, sessions and memberships",
    success: { status: 204, description: "Deleted" },
    errors: [...managed, "not_found"],
  },
  {
    method: "post", path: path("/{user}/block"), operationId: "blockUser", tag, security: "management", scope: "users:write",
    summary: "Block a user: they cannot sign in, and every session and token they hold ends now",
    success: { status: 200, description: "Blocked", schema: userResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { user: { ...user, status: "blocked" } } },
  },
  {
    method: "post", path: path("/{user}/unblock"), operationId: "unblockUser", tag, security: "management", scope: "users:write",
    summary: "Let a blocked user sign in again",
    success: { status: 200, description: "Active again", schema: userResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { user } },
  },
  {
    method: "get", path: path("/{user}/sessions"), operationId: "listUserSessions", tag, security: "management", scope: "users:read",
    summary: "A user's live sessions, newest first",
    success: { status: 200, description: "Live sessions", schema: userSessionListResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { sessions: [session] } },
  },
  {
    method: "delete", path: path("/{user}/sessions"), operationId: "revokeUserSessions", tag, security: "management", scope: "users:write",
    summary: "End every session of a user and every token issued to applications for them",
    success: { status: 200, description: "Ended", schema: userSessionsRevokedResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { status: "revoked", count: 2 } },
  },
  {
    method: "delete", path: path("/{user}/sessions/{session}"), operationId: "revokeUserSession", tag, security: "management", scope: "users:write",
    summary: "End one session of a user and the refresh tokens issued under it",
    success: { status: 200, description: "Ended", schema: sessionRevokedResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { status: "revoked" } },
  },
  {
    method: "delete", path: path("/{user}/factors"), operationId: "resetUserFactors", tag, security: "management", scope: "users:write",
    summary: "Reset a user's second factors (authenticator apps, recovery codes) after they lost them; sessions end and the user is told by mail. Passkeys stay",
    success: { status: 200, description: "Reset", schema: userFactorsResetResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { status: "reset", removed: { totp: 1, recoveryCodes: 8 } } },
  },
  {
    method: "post", path: path("/{user}/password-reset"), operationId: "sendUserPasswordReset", tag, security: "management", scope: "users:write",
    summary: "Mail the user a link to choose a new password (the same single-use link as 'forgot password', valid 30 minutes); the link is never returned. A blocked user is refused",
    success: { status: 202, description: "Mailed", schema: userPasswordResetSentResponseSchema },
    errors: [...managed, "not_found", "conflict", "rate_limited"],
    examples: { response: { status: "reset_sent" } },
  },
  {
    method: "get", path: path("/{user}/sign-in-security"), operationId: "getUserSignInSecurity", tag, security: "management", scope: "users:read",
    summary: "A user's sign-in security: recent failed sign-ins and second-factor codes, and whether sign-in is paused (locked) and until when. Reading it uses up no attempt",
    success: { status: 200, description: "The report", schema: userSignInSecurityResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: { signInSecurity: signInSecurity } },
  },
  {
    method: "post", path: path("/{user}/unlock"), operationId: "unlockUser", tag, security: "management", scope: "users:write",
    summary: "Clear a user's sign-in limits (passwords and second-factor codes) so a paused account can sign in again at once; audited as user.unlocked. Blocking is separate: see unblock",
    success: { status: 200, description: "Unlocked: the report afterwards", schema: userSignInSecurityResponseSchema },
    errors: [...managed, "not_found"],
    examples: {
      response: {
        signInSecurity: {
          ...signInSecurity,
          locked: false,
          lockedUntil: null,
          limits: signInSecurity.limits.map((l) => ({ ...l, remaining: l.limit, locked: false, resetAt: null })),
        },
      },
    },
  },
  {
    method: "get", path: path("/{user}/organizations"), operationId: "listUserOrganizations", tag, security: "management", scope: "organizations:read",
    summary: "The organizations a user belongs to, with their role in each, by organization name",
    success: { status: 200, description: "The user's memberships", schema: userOrganizationListResponseSchema },
    errors: [...managed, "not_found"],
    examples: {
      response: {
        organizations: [
          {
            id: "org_01jbz6y0fq7m2x9d8c4v6b5n3p",
            name: "Acme Labs",
            slug: "acme-labs",
            membershipId: "mem_01jbz6y0fq7m2x9d8c4v6b5n3q",
            role: "admin",
            roleName: "Admin",
            joinedAt: at,
          },
        ],
      },
    },
  },
  {
    method: "post", path: path("/{user}/impersonation"), operationId: "impersonateUser", tag, security: "management", scope: "users:impersonate",
    summary: "Sign in as a user for support: answers a single-use link (two minutes) that starts a session of the asked length (5–60 minutes) with a banner; audited, and the user is mailed unless the tenant turned that off",
    body: impersonateUserRequestSchema,
    success: { status: 201, description: "The link, to open in a browser", schema: impersonationCreatedResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: {
      request: { reason: "Ticket #4821: cannot see the invoices page", minutes: 15 },
      response: {
        impersonationId: "imp_01jbz6y0fq7m2x9d8c4v6b5n3k",
        url: "https://auth.acme.example/t/acme/impersonate?ticket=k3Jx9QeS0bN2vV7yTfA1wQ8mR5tU2pZ6cX4eL0aH9dG",
        expiresAt: "2026-11-27T09:32:00.000Z",
      },
    },
  },
];
