import { z } from "zod";
import { userIdSchema } from "./auth";
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

// ── Examples ──────────────────────────────────────────────────────────────────────────────────

const at = "2026-11-27T09:30:00.000Z";
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
