import { z } from "zod";
import { userIdSchema } from "./auth";
import { pageQuerySchema, nextCursorSchema } from "./management";
import { ONBOARDING_STEPS } from "./tenants";
import {
  createInvitationRequestSchema,
  invitationResponseSchema,
  memberListResponseSchema,
  memberResponseSchema,
  ORGANIZATION_SLUG,
  updateMemberRequestSchema,
} from "./organizations";
import { authPath, bodyErrors, type Operation } from "./operation";

/**
 * The end user's own account (`/v1/tenants/{tenant}/auth/…`), what the account portal (apps/app)
 * and a customer's own "my account" pages call with the user's session: profile and picture,
 * address and password changes, notifications, onboarding, organizations they run, and privacy.
 */

const timestamp = z.iso.datetime({ offset: true });
const text = (what: string, max: number) =>
  z.string({ error: `${what} is text` }).trim().max(max, { error: `${what} is at most ${max} characters` });

/** The pictures an avatar may be, recognised from the bytes themselves. */
export const AVATAR_CONTENT_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type AvatarContentType = (typeof AVATAR_CONTENT_TYPES)[number];
/** The largest avatar the API keeps: 1 MB. */
export const AVATAR_MAX_BYTES = 1024 * 1024;

export const avatarIdSchema = z.string().regex(/^avt_[0-9a-hjkmnp-tv-z]{26}$/, { error: "Expected an avatar id like avt_01…" });

// ── Profile ───────────────────────────────────────────────────────────────────────────────────

/** The caller's own profile: the OIDC standard claims Plinto keeps, as the account portal shows them. */
export const accountProfileSchema = z.object({
  id: userIdSchema,
  email: z.string(),
  emailVerified: z.boolean(),
  name: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  picture: z.string().nullable().describe("The picture's URL (an uploaded avatar, or one an administrator set); the OIDC `picture` claim"),
  locale: z.string().nullable().describe("A BCP 47 language tag, e.g. en or pt-BR; the OIDC `locale` claim"),
  pendingEmail: z
    .object({ email: z.string(), expiresAt: timestamp })
    .nullable()
    .describe("An address change waiting for its confirmation (the account keeps `email` until then)"),
  deletionScheduledFor: timestamp.nullable().describe("When the deletion the user asked for happens; null when none is scheduled"),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type AccountProfile = z.infer<typeof accountProfileSchema>;

export const profileResponseSchema = z.object({ profile: accountProfileSchema });
export type ProfileResponse = z.infer<typeof profileResponseSchema>;

/** `PATCH profile`: only the fields sent change; null (or an empty string) clears one. */
export const updateProfileRequestSchema = z
  .object({
    name: text("name", 200).nullable().optional(),
    givenName: text("givenName", 100).nullable().optional(),
    familyName: text("familyName", 100).nullable().optional(),
    locale: z
      .string({ error: "locale is a BCP 47 tag like en or pt-BR" })
      .trim()
      .regex(/^(?:[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)?$/, { error: "locale is a BCP 47 tag like en or pt-BR" })
      .max(35, { error: "locale is at most 35 characters" })
      .nullable()
      .optional(),
  })
  .strict();
export type UpdateProfileRequest = z.infer<typeof updateProfileRequestSchema>;

// ── Email address ─────────────────────────────────────────────────────────────────────────────

const emailAddress = z
  .email({ error: "Enter an email address like name@example.com" })
  .max(320, { error: "An email address is at most 320 characters" });

/** `POST email-change`: the address to move the account to (needs a sign-in within 5 minutes). */
export const startEmailChangeRequestSchema = z.object({ email: emailAddress }).strict();
export type StartEmailChangeRequest = z.infer<typeof startEmailChangeRequestSchema>;

export const emailChangeStartedResponseSchema = z.object({
  status: z.literal("verification_sent"),
  email: z.string().describe("Where the link and code went"),
  expiresAt: timestamp,
});
export type EmailChangeStartedResponse = z.infer<typeof emailChangeStartedResponseSchema>;

/** `POST email-change/confirm`: the link's token (works without a session), or the code typed in while signed in. */
export const confirmEmailChangeRequestSchema = z.union(
  [
    z.object({ token: z.string().min(20, { error: "That token is not complete" }).max(200, { error: "That token is too long" }) }).strict(),
    z.object({ code: z.string().regex(/^\d{6}$/, { error: "Enter the 6-digit code from the email" }) }).strict(),
  ],
  { error: "Send the token from the link, or the 6-digit code from the email" },
);
export type ConfirmEmailChangeRequest = z.infer<typeof confirmEmailChangeRequestSchema>;

// ── Password ──────────────────────────────────────────────────────────────────────────────────

const passwordText = (what: string) => z.string({ error: `${what} is text` }).max(1024, { error: `${what} is at most 1024 characters` });

/**
 * `POST password`: the current password (for an account that has one; one without needs a recent
 * sign-in instead), the new one (checked against the tenant's policy), and whether every other
 * session should end.
 */
export const changePasswordRequestSchema = z
  .object({
    currentPassword: passwordText("currentPassword").optional(),
    newPassword: passwordText("newPassword").min(1, { error: "Enter a new password" }),
    signOutOtherSessions: z.boolean({ error: "signOutOtherSessions is true or false" }).default(false),
  })
  .strict();
export type ChangePasswordRequest = z.input<typeof changePasswordRequestSchema>;

export const passwordChangedResponseSchema = z.object({
  status: z.literal("password_changed"),
  sessionsEnded: z.int().min(0).describe("How many other sessions were signed out"),
});
export type PasswordChangedResponse = z.infer<typeof passwordChangedResponseSchema>;

// ── Notifications ─────────────────────────────────────────────────────────────────────────────

export const NOTIFICATION_CATEGORIES = ["security", "organization_activity", "product_updates"] as const;
export type NotificationCategoryKey = (typeof NOTIFICATION_CATEGORIES)[number];

export const notificationIdSchema = z.string().regex(/^ntf_[0-9a-hjkmnp-tv-z]{26}$/, { error: "Expected a notification id like ntf_01…" });

export const notificationSchema = z.object({
  id: z.string(),
  kind: z
    .string()
    .describe(
      "new_sign_in, password_changed, email_changed, factor_added, factor_removed, passkey_added, passkey_removed, invitation_received or organization_role_changed (more may come: show title and body for any)",
    ),
  category: z.enum(NOTIFICATION_CATEGORIES),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()).describe("Facts for links and icons, e.g. organizationId; never secrets"),
  readAt: timestamp.nullable(),
  createdAt: timestamp,
});
export type Notification = z.infer<typeof notificationSchema>;

/** `GET notifications`: newest first, a page at a time; `unread=true` for unread ones only. */
export const notificationListQuerySchema = pageQuerySchema.extend({
  unread: z
    .enum(["true", "false"], { error: "unread is true or false" })
    .transform((v) => v === "true")
    .optional(),
});
export type NotificationListQuery = z.input<typeof notificationListQuerySchema>;

export const notificationListResponseSchema = z.object({
  notifications: z.array(notificationSchema),
  nextCursor: nextCursorSchema,
  unreadCount: z.int().min(0),
});
export type NotificationListResponse = z.infer<typeof notificationListResponseSchema>;

export const unreadCountResponseSchema = z.object({ unreadCount: z.int().min(0) });
export const notificationResponseSchema = z.object({ notification: notificationSchema });
export const notificationsMarkedReadResponseSchema = z.object({ markedRead: z.int().min(0) });

export const emailPreferenceSchema = z.object({
  category: z.enum(NOTIFICATION_CATEGORIES),
  email: z.boolean().describe("Whether mail about this category goes to the account's address"),
  locked: z.boolean().describe("Security notices are always sent: their switch cannot be turned off"),
});
export const emailPreferencesResponseSchema = z.object({ preferences: z.array(emailPreferenceSchema) });
export type EmailPreferencesResponse = z.infer<typeof emailPreferencesResponseSchema>;

/** `PATCH notification-preferences`: the categories to switch; `security: false` is refused. */
export const updateEmailPreferencesRequestSchema = z
  .object(Object.fromEntries(NOTIFICATION_CATEGORIES.map((c) => [c, z.boolean({ error: `${c} is true or false` }).optional()])) as Record<
    NotificationCategoryKey,
    z.ZodOptional<z.ZodBoolean>
  >)
  .strict();
export type UpdateEmailPreferencesRequest = z.infer<typeof updateEmailPreferencesRequestSchema>;

// ── Onboarding ────────────────────────────────────────────────────────────────────────────────

export const onboardingStepSchema = z.object({
  step: z.enum(ONBOARDING_STEPS),
  status: z.enum(["done", "skipped", "pending"]).describe("done is computed from the account now; skipped is the user's choice"),
  required: z.boolean().describe("The tenant requires this step: it cannot be skipped"),
  canSkip: z.boolean(),
});
export const onboardingResponseSchema = z.object({
  steps: z.array(onboardingStepSchema).describe("In the order to show them: verify_email, complete_profile, second_factor, organization"),
  complete: z.boolean().describe("No step is pending"),
});
export type OnboardingResponse = z.infer<typeof onboardingResponseSchema>;

// ── Organizations the user runs ───────────────────────────────────────────────────────────────

/** `POST organizations`: the creator becomes its owner. Without a slug, one is made from the name. */
export const createOwnOrganizationRequestSchema = z
  .object({
    name: z.string({ error: "name is text" }).trim().min(1, { error: "Enter the organization's name" }).max(100, { error: "name is at most 100 characters" }),
    slug: z
      .string({ error: "slug is text" })
      .regex(ORGANIZATION_SLUG, { error: "A slug is lowercase letters, digits and inner hyphens, at most 64" })
      .optional(),
  })
  .strict();
export type CreateOwnOrganizationRequest = z.infer<typeof createOwnOrganizationRequestSchema>;

export const ownOrganizationSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  role: z.string().describe("The caller's role in it"),
});
export const ownOrganizationResponseSchema = z.object({ organization: ownOrganizationSchema });
export const organizationLeftResponseSchema = z.object({ status: z.literal("left") });
export { createInvitationRequestSchema as inviteToOwnOrganizationRequestSchema, updateMemberRequestSchema as changeOwnMemberRoleRequestSchema };
export type InviteToOwnOrganizationRequest = z.input<typeof createInvitationRequestSchema>;

// ── Privacy ───────────────────────────────────────────────────────────────────────────────────

const isoOrNull = timestamp.nullable();

/** `GET account/export`: everything Plinto holds about the caller, never a secret, hash or token. */
export const accountExportSchema = z.object({
  exportedAt: timestamp,
  profile: accountProfileSchema,
  emailPreferences: z.array(emailPreferenceSchema),
  onboarding: onboardingResponseSchema,
  password: z.object({ set: z.boolean() }),
  sessions: z.array(
    z.object({
      id: z.string(), ipAddress: z.string().nullable(), userAgent: z.string().nullable(), amr: z.array(z.string()),
      authTime: timestamp, lastActiveAt: timestamp, expiresAt: timestamp, revokedAt: isoOrNull,
    }),
  ),
  factors: z.array(z.object({ id: z.string(), type: z.string(), name: z.string().nullable(), createdAt: timestamp, lastUsedAt: isoOrNull })),
  recoveryCodes: z.object({ remaining: z.int().min(0) }),
  passkeys: z.array(z.object({ id: z.string(), name: z.string().nullable(), transports: z.array(z.string()), createdAt: timestamp, lastUsedAt: isoOrNull })),
  identities: z.array(z.object({ id: z.string(), kind: z.string(), provider: z.string(), subject: z.string(), createdAt: timestamp })),
  consents: z.array(z.object({ applicationId: z.string(), application: z.string(), scopes: z.array(z.string()), createdAt: timestamp, updatedAt: timestamp })),
  memberships: z.array(z.object({ organizationId: z.string(), name: z.string(), slug: z.string(), role: z.string(), joinedAt: timestamp })),
  notifications: z.array(notificationSchema),
  auditEvents: z.array(
    z.object({
      id: z.string(), occurredAt: timestamp, action: z.string(), actorType: z.string(), actorId: z.string().nullable(), targetType: z.string().nullable(),
      targetId: z.string().nullable(), ipAddress: z.string().nullable(), userAgent: z.string().nullable(), data: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type AccountExport = z.infer<typeof accountExportSchema>;

export const deletionScheduledResponseSchema = z.object({ status: z.literal("scheduled"), scheduledFor: timestamp });
export type DeletionScheduledResponse = z.infer<typeof deletionScheduledResponseSchema>;

/** `POST account/deletion/cancel`: the mailed link's token (no session needed), or an empty body while signed in. */
export const cancelDeletionRequestSchema = z
  .object({ token: z.string().min(20, { error: "That token is not complete" }).max(200, { error: "That token is too long" }).optional() })
  .strict();
export const deletionCancelledResponseSchema = z.object({ status: z.literal("cancelled") });

// ── Examples ──────────────────────────────────────────────────────────────────────────────────

const at = "2026-11-27T09:30:00.000Z";
const notification = {
  id: "ntf_01jd8z9b3c4d5e6f7g8h9j0k1m",
  kind: "new_sign_in",
  category: "security" as const,
  title: "New sign-in",
  body: "Your account was signed in to from Firefox on Windows (203.0.113.7). If this was not you, choose a new password.",
  data: { at, userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", ipAddress: "203.0.113.7" },
  readAt: null,
  createdAt: at,
};
const preferences = [
  { category: "security" as const, email: true, locked: true },
  { category: "organization_activity" as const, email: true, locked: false },
  { category: "product_updates" as const, email: false, locked: false },
];

const onboardingExample = {
  steps: [
    { step: "verify_email" as const, status: "done" as const, required: true, canSkip: false },
    { step: "complete_profile" as const, status: "done" as const, required: false, canSkip: false },
    { step: "second_factor" as const, status: "pending" as const, required: false, canSkip: true },
    { step: "organization" as const, status: "pending" as const, required: false, canSkip: true },
  ],
  complete: false,
};

const ownOrganization = { id: "org_01jd8za3b4c5d6e7f8g9h0j1k2", slug: "analytical-engines", name: "Analytical Engines", role: "owner" };
const ownMember = {
  id: "mem_01jd8zc5d6e7f8g9h0j1k2m3n4", userId: "usr_01jd8z6q3m4n5p6r7s8t9v0w1x", email: "ada@acme.example", name: "Ada Lovelace", role: "owner",
  joinedAt: at, updatedAt: at,
};

const exportExample = {
  exportedAt: at,
  profile: {
    id: "usr_01jd8z6q3m4n5p6r7s8t9v0w1x", email: "ada@acme.example", emailVerified: true, name: "Ada Lovelace", givenName: "Ada", familyName: "Lovelace",
    picture: null, locale: "en-GB", pendingEmail: null, deletionScheduledFor: null, createdAt: "2026-10-01T08:00:00.000Z", updatedAt: at,
  },
  emailPreferences: preferences,
  onboarding: onboardingExample,
  password: { set: true },
  sessions: [
    { id: "ses_01jd8zd6e7f8g9h0j1k2m3n4p5", ipAddress: "203.0.113.7", userAgent: "Firefox/133.0", amr: ["pwd"], authTime: at, lastActiveAt: at, expiresAt: "2026-12-27T09:30:00.000Z", revokedAt: null },
  ],
  factors: [{ id: "cred_01jd8ze7f8g9h0j1k2m3n4p5q6", type: "totp", name: "Authenticator app", createdAt: at, lastUsedAt: null }],
  recoveryCodes: { remaining: 10 },
  passkeys: [],
  identities: [],
  consents: [],
  memberships: [{ organizationId: ownOrganization.id, name: ownOrganization.name, slug: ownOrganization.slug, role: "owner", joinedAt: at }],
  notifications: [notification],
  auditEvents: [
    { id: "evt_01jd8zf8g9h0j1k2m3n4p5q6r7", occurredAt: at, action: "user.profile_updated", actorType: "user", actorId: "usr_01jd8z6q3m4n5p6r7s8t9v0w1x", targetType: "user", targetId: "usr_01jd8z6q3m4n5p6r7s8t9v0w1x", ipAddress: "203.0.113.7", userAgent: "Firefox/133.0", data: { changed: ["locale"] } },
  ],
};

export const accountExamples = {
  profile: {
    id: "usr_01jd8z6q3m4n5p6r7s8t9v0w1x",
    email: "ada@acme.example",
    emailVerified: true,
    name: "Ada Lovelace",
    givenName: "Ada",
    familyName: "Lovelace",
    picture: "https://id.acme.example/v1/tenants/acme/avatars/avt_01jd8z7a2b3c4d5e6f7g8h9j0k",
    locale: "en-GB",
    pendingEmail: null,
    deletionScheduledFor: null,
    createdAt: "2026-10-01T08:00:00.000Z",
    updatedAt: at,
  },
};

export const accountOperations: Operation[] = [
  {
    method: "get", path: authPath("profile"), operationId: "getProfile", tag: "Account", security: "session",
    summary: "The caller's profile",
    success: { status: 200, description: "The profile", schema: profileResponseSchema },
    errors: ["unauthorized", "not_found"],
    examples: { response: { profile: accountExamples.profile } },
  },
  {
    method: "patch", path: authPath("profile"), operationId: "updateProfile", tag: "Account", security: "session",
    summary: "Change the caller's name, given and family name or locale; only the fields sent change, null clears one",
    body: updateProfileRequestSchema,
    success: { status: 200, description: "The profile after the change", schema: profileResponseSchema },
    errors: [...bodyErrors, "unauthorized"],
    examples: { request: { givenName: "Ada", familyName: "Lovelace", locale: "en-GB" }, response: { profile: accountExamples.profile } },
  },
  {
    method: "put", path: authPath("profile/avatar"), operationId: "uploadAvatar", tag: "Account", security: "session",
    summary: "Upload the caller's picture (PNG, JPEG or WebP, at most 1 MB, recognised from its bytes); it becomes the OIDC picture claim",
    upload: { mediaTypes: [...AVATAR_CONTENT_TYPES, "application/octet-stream"], maxBytes: AVATAR_MAX_BYTES },
    success: { status: 200, description: "The profile with the new picture URL", schema: profileResponseSchema },
    errors: ["unauthorized", "not_found", "payload_too_large", "unsupported_media_type", "validation_failed", "rate_limited"],
    examples: { response: { profile: accountExamples.profile } },
  },
  {
    method: "delete", path: authPath("profile/avatar"), operationId: "removeAvatar", tag: "Account", security: "session",
    summary: "Remove the caller's picture",
    success: { status: 200, description: "The profile without a picture", schema: profileResponseSchema },
    errors: ["unauthorized", "not_found"],
    examples: { response: { profile: { ...accountExamples.profile, picture: null } } },
  },
  {
    method: "post", path: authPath("email-change"), operationId: "startEmailChange", tag: "Account", security: "session",
    summary: "Ask to move the account to another address (a sign-in within 5 minutes): the new address gets a link and a code, the current one a notice. An address another account has is refused",
    body: startEmailChangeRequestSchema,
    success: { status: 202, description: "Mail sent; the account keeps its address until it is confirmed", schema: emailChangeStartedResponseSchema },
    errors: [...bodyErrors, "unauthorized", "reauthentication_required", "forbidden", "conflict", "rate_limited"],
    examples: { request: { email: "ada@lovelace.example" }, response: { status: "verification_sent", email: "ada@lovelace.example", expiresAt: at } },
  },
  {
    method: "post", path: authPath("email-change/confirm"), operationId: "confirmEmailChange", tag: "Account", security: "session",
    summary: "Confirm the new address with the code (signed in) or the link's token (no session needed); the account moves to it and the old address is told",
    body: confirmEmailChangeRequestSchema,
    success: { status: 200, description: "The profile with its new address", schema: profileResponseSchema },
    errors: [...bodyErrors, "unauthorized", "invalid_verification", "conflict", "rate_limited"],
    examples: { request: { code: "493817" }, response: { profile: { ...accountExamples.profile, email: "ada@lovelace.example" } } },
  },
  {
    method: "delete", path: authPath("email-change"), operationId: "cancelEmailChange", tag: "Account", security: "session",
    summary: "Drop an address change waiting for confirmation; its link and code stop working",
    success: { status: 200, description: "The profile, with no pending address", schema: profileResponseSchema },
    errors: ["unauthorized", "not_found"],
    examples: { response: { profile: accountExamples.profile } },
  },
  {
    method: "post", path: authPath("password"), operationId: "changePassword", tag: "Account", security: "session",
    summary: "Choose a new password: with the current one (or, for an account without a password, a sign-in within 5 minutes); optionally sign out every other session. The address on file is told",
    body: changePasswordRequestSchema,
    success: { status: 200, description: "Changed", schema: passwordChangedResponseSchema },
    errors: [...bodyErrors, "unauthorized", "reauthentication_required", "forbidden", "rate_limited"],
    examples: {
      request: { currentPassword: "correct horse battery staple", newPassword: "a new and much longer passphrase", signOutOtherSessions: true },
      response: { status: "password_changed", sessionsEnded: 2 },
    },
  },
  {
    method: "get", path: authPath("notifications"), operationId: "listNotifications", tag: "Account", security: "session",
    summary: "The caller's notifications, newest first (unread=true for unread only), with how many are unread",
    query: notificationListQuerySchema,
    success: { status: 200, description: "A page", schema: notificationListResponseSchema },
    errors: ["unauthorized", "not_found", "validation_failed"],
    examples: { response: { notifications: [notification], nextCursor: null, unreadCount: 1 } },
  },
  {
    method: "get", path: authPath("notifications/unread-count"), operationId: "countUnreadNotifications", tag: "Account", security: "session",
    summary: "How many of the caller's notifications are unread (for a badge)",
    success: { status: 200, description: "The count", schema: unreadCountResponseSchema },
    errors: ["unauthorized", "not_found"],
    examples: { response: { unreadCount: 3 } },
  },
  {
    method: "post", path: authPath("notifications/{notification}/read"), operationId: "markNotificationRead", tag: "Account", security: "session",
    summary: "Mark one of the caller's notifications read",
    success: { status: 200, description: "The notification", schema: notificationResponseSchema },
    errors: ["unauthorized", "not_found"],
    examples: { response: { notification: { ...notification, readAt: at } } },
  },
  {
    method: "post", path: authPath("notifications/read-all"), operationId: "markAllNotificationsRead", tag: "Account", security: "session",
    summary: "Mark every unread notification of the caller read",
    success: { status: 200, description: "How many were unread", schema: notificationsMarkedReadResponseSchema },
    errors: ["unauthorized", "not_found"],
    examples: { response: { markedRead: 3 } },
  },
  {
    method: "get", path: authPath("notification-preferences"), operationId: "getEmailPreferences", tag: "Account", security: "session",
    summary: "Which categories of mail the caller gets; security notices are always on",
    success: { status: 200, description: "Every category", schema: emailPreferencesResponseSchema },
    errors: ["unauthorized", "not_found"],
    examples: { response: { preferences } },
  },
  {
    method: "patch", path: authPath("notification-preferences"), operationId: "updateEmailPreferences", tag: "Account", security: "session",
    summary: "Switch mail about organization activity or product updates on or off; switching security notices off is refused",
    body: updateEmailPreferencesRequestSchema,
    success: { status: 200, description: "Every category after the change", schema: emailPreferencesResponseSchema },
    errors: [...bodyErrors, "unauthorized"],
    examples: { request: { product_updates: true }, response: { preferences: preferences.map((p) => (p.category === "product_updates" ? { ...p, email: true } : p)) } },
  },
  {
    method: "get", path: authPath("onboarding"), operationId: "getOnboarding", tag: "Account", security: "session",
    summary: "The caller's onboarding steps (confirm the address, complete the profile, a second factor, an organization): done, skipped or pending",
    success: { status: 200, description: "Every step", schema: onboardingResponseSchema },
    errors: ["unauthorized", "not_found"],
    examples: { response: onboardingExample },
  },
  {
    method: "post", path: authPath("onboarding/{step}/skip"), operationId: "skipOnboardingStep", tag: "Account", security: "session",
    summary: "Skip an onboarding step; a step the tenant requires is refused (forbidden)",
    success: { status: 200, description: "Every step after skipping", schema: onboardingResponseSchema },
    errors: ["unauthorized", "not_found", "forbidden"],
    examples: {
      response: {
        ...onboardingExample,
        steps: onboardingExample.steps.map((s) => (s.step === "second_factor" ? { ...s, status: "skipped" as const, canSkip: false } : s)),
      },
    },
  },
  {
    method: "post", path: authPath("organizations"), operationId: "createOwnOrganization", tag: "Account", security: "session",
    summary: "Create an organization and own it, where the tenant lets users create organizations",
    body: createOwnOrganizationRequestSchema,
    success: { status: 201, description: "Created; the caller is its owner", schema: ownOrganizationResponseSchema },
    errors: [...bodyErrors, "unauthorized", "forbidden", "conflict"],
    examples: { request: { name: "Analytical Engines" }, response: { organization: ownOrganization } },
  },
  {
    method: "get", path: authPath("organizations/{organization}/members"), operationId: "listOwnOrganizationMembers", tag: "Account", security: "session",
    summary: "The members of one of the caller's organizations, in the order they joined (needs members:read)",
    query: pageQuerySchema,
    success: { status: 200, description: "A page", schema: memberListResponseSchema },
    errors: ["unauthorized", "forbidden", "not_found", "validation_failed"],
    examples: { response: { members: [ownMember], nextCursor: null } },
  },
  {
    method: "post", path: authPath("organizations/{organization}/invitations"), operationId: "inviteToOwnOrganization", tag: "Account", security: "session",
    summary: "Invite someone to one of the caller's organizations (needs members:invite; only an owner invites an owner); the invitee is mailed a link",
    body: createInvitationRequestSchema,
    success: { status: 201, description: "Invited", schema: invitationResponseSchema },
    errors: [...bodyErrors, "unauthorized", "forbidden", "conflict"],
    examples: {
      request: { email: "charles@engines.example", role: "member" },
      response: {
        invitation: {
          id: "inv_01jd8zb4c5d6e7f8g9h0j1k2m3", organizationId: ownOrganization.id, email: "charles@engines.example", role: "member", status: "pending",
          invitedByUserId: "usr_01jd8z6q3m4n5p6r7s8t9v0w1x", expiresAt: "2026-12-04T09:30:00.000Z", respondedAt: null, createdAt: at,
        },
      },
    },
  },
  {
    method: "patch", path: authPath("organizations/{organization}/members/{member}"), operationId: "changeOwnOrganizationMemberRole", tag: "Account",
    security: "session",
    summary: "Change a member's role in one of the caller's organizations (needs members:manage; only an owner makes or changes an owner; the last owner stays)",
    body: updateMemberRequestSchema,
    success: { status: 200, description: "The member after the change", schema: memberResponseSchema },
    errors: [...bodyErrors, "unauthorized", "forbidden", "conflict"],
    examples: { request: { role: "admin" }, response: { member: { ...ownMember, role: "admin" } } },
  },
  {
    method: "delete", path: authPath("organizations/{organization}/membership"), operationId: "leaveOrganization", tag: "Account", security: "session",
    summary: "Leave one of the caller's organizations; its last owner cannot (conflict) until someone else owns it",
    success: { status: 200, description: "Left", schema: organizationLeftResponseSchema },
    errors: ["unauthorized", "not_found", "conflict"],
    examples: { response: { status: "left" } },
  },
  {
    method: "get", path: authPath("account/export"), operationId: "exportAccount", tag: "Account", security: "session",
    summary: "Everything Plinto holds about the caller as JSON (profile, sessions, factors and passkeys without secrets, consents, memberships, notifications, audit events), never a secret or hash",
    success: { status: 200, description: "The export, as a download", schema: accountExportSchema, headers: { "Content-Disposition": "attachment; filename=\"account-export.json\"" } },
    errors: ["unauthorized", "not_found", "rate_limited"],
    examples: { response: exportExample },
  },
  {
    method: "post", path: authPath("account/deletion"), operationId: "scheduleAccountDeletion", tag: "Account", security: "session",
    summary: "Schedule the caller's account for deletion after the tenant's grace period (default 14 days; a sign-in within 5 minutes); a cancel link is mailed",
    success: { status: 202, description: "Scheduled", schema: deletionScheduledResponseSchema },
    errors: ["unauthorized", "not_found", "reauthentication_required", "forbidden", "conflict"],
    examples: { response: { status: "scheduled", scheduledFor: "2026-12-11T09:30:00.000Z" } },
  },
  {
    method: "post", path: authPath("account/deletion/cancel"), operationId: "cancelAccountDeletion", tag: "Account", security: "session",
    summary: "Cancel a scheduled deletion: with the mailed link's token (no session needed), or signed in with an empty body",
    body: cancelDeletionRequestSchema,
    success: { status: 200, description: "Cancelled; the account stays", schema: deletionCancelledResponseSchema },
    errors: [...bodyErrors, "unauthorized", "invalid_verification", "conflict", "rate_limited"],
    examples: { request: {}, response: { status: "cancelled" } },
  },
  {
    method: "get", path: "/v1/tenants/{tenant}/avatars/{avatar}", operationId: "getAvatar", tag: "Account", security: "none",
    summary: "An uploaded picture, public (it is the OIDC picture claim); its URL changes at every upload, so it is cached for a year",
    success: {
      status: 200,
      description: "The image",
      binary: [...AVATAR_CONTENT_TYPES],
      headers: {
        "Cache-Control": "public, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff",
      },
    },
    errors: ["not_found"],
  },
];
