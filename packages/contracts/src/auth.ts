import { z } from "zod";

/**
 * The end-user authentication API under `/v1/tenants/{tenant}/auth/`: what @plinto/sdk and a
 * customer's own sign-in screens call. Requests are validated here only for shape and size; the
 * real rules (password policy, which codes are live, limits) are the service's, so an answer never
 * depends on which of them a request broke before it reached the account.
 */

const emailAddress = z
  .email({ error: "Enter an email address like name@example.com" })
  .max(320, { error: "An email address is at most 320 characters" });

/** Any string up to 1024 characters: the tenant's password policy is checked by the service. */
const password = z
  .string({ error: "Enter a password" })
  .max(1024, { error: "A password is at most 1024 characters" });

/** The six-digit code from a verification or sign-in email. */
export const emailCodeSchema = z.string({ error: "Enter the 6-digit code from the email" }).regex(/^\d{6}$/, {
  error: "Enter the 6-digit code from the email",
});

/** The token from an emailed link (`…?token=`), or a session token. */
export const opaqueTokenSchema = z
  .string({ error: "Pass the token from the link" })
  .min(20, { error: "That token is not complete" })
  .max(200, { error: "That token is too long" });

const idOf = (prefix: string, kind: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-hjkmnp-tv-z]{26}$`), { error: `Expected a ${kind} id like ${prefix}_01…` });

export const userIdSchema = idOf("usr", "user");
export const sessionIdSchema = idOf("ses", "session");

const timestamp = z.iso.datetime({ offset: true });

/** A mailed link's token, or the address and the code from the same mail. */
const tokenOrCode = (what: string) =>
  z.union(
    [
      z.object({ token: opaqueTokenSchema }),
      z.object({ email: emailAddress, code: emailCodeSchema }),
    ],
    { error: `Send the token from the ${what} link, or the email address and the 6-digit code` },
  );

// ── Requests ──────────────────────────────────────────────────────────────────────────────────

/** `POST sign-up`: creates an account and mails a confirmation link and code. */
export const signUpRequestSchema = z.object({
  email: emailAddress,
  password,
  name: z.string({ error: "A name is text" }).trim().max(200, { error: "A name is at most 200 characters" }).optional(),
});
export type SignUpRequest = z.infer<typeof signUpRequestSchema>;

/** `POST verify-email`: confirms the address with the link's token, or with the code typed in. */
export const verifyEmailRequestSchema = tokenOrCode("confirmation");
export type VerifyEmailRequest = z.infer<typeof verifyEmailRequestSchema>;

/** `POST resend-verification`: mails a fresh confirmation to an unconfirmed account. */
export const resendVerificationRequestSchema = z.object({ email: emailAddress });
export type ResendVerificationRequest = z.infer<typeof resendVerificationRequestSchema>;

/** `POST sign-in`: email and password. An empty password is accepted here and refused like a wrong one. */
export const signInRequestSchema = z.object({ email: emailAddress, password });
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** `POST forgot-password`: mails a reset link (or, for an unknown address, says there is no account). */
export const forgotPasswordRequestSchema = z.object({ email: emailAddress });
export type ForgotPasswordRequest = z.infer<typeof forgotPasswordRequestSchema>;

/** `POST reset-password`: the reset link's token and the new password. */
export const resetPasswordRequestSchema = z.object({ token: opaqueTokenSchema, password });
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;

/** `POST email-sign-in`: mails a sign-in link and code. */
export const emailSignInRequestSchema = z.object({ email: emailAddress });
export type EmailSignInRequest = z.infer<typeof emailSignInRequestSchema>;

/** `POST email-sign-in/complete`: the sign-in link's token, or the address and the mailed code. */
export const completeEmailSignInRequestSchema = tokenOrCode("sign-in");
export type CompleteEmailSignInRequest = z.infer<typeof completeEmailSignInRequestSchema>;

// ── Responses ─────────────────────────────────────────────────────────────────────────────────

/** `202` from sign-up and resend-verification, whether or not the address has an account. */
export const verificationSentResponseSchema = z.object({ status: z.literal("verification_sent") });
export type VerificationSentResponse = z.infer<typeof verificationSentResponseSchema>;

export const emailVerifiedResponseSchema = z.object({ status: z.literal("verified") });
export type EmailVerifiedResponse = z.infer<typeof emailVerifiedResponseSchema>;

/** `202` from forgot-password, whether or not the address has an account. */
export const resetRequestedResponseSchema = z.object({ status: z.literal("reset_requested") });
export type ResetRequestedResponse = z.infer<typeof resetRequestedResponseSchema>;

export const passwordResetResponseSchema = z.object({ status: z.literal("password_reset") });
export type PasswordResetResponse = z.infer<typeof passwordResetResponseSchema>;

/** `202` from email-sign-in, whether or not the address has an account. */
export const emailSignInSentResponseSchema = z.object({ status: z.literal("sign_in_link_sent") });
export type EmailSignInSentResponse = z.infer<typeof emailSignInSentResponseSchema>;

export const signedOutResponseSchema = z.object({ status: z.literal("signed_out") });
export type SignedOutResponse = z.infer<typeof signedOutResponseSchema>;

export const sessionRevokedResponseSchema = z.object({ status: z.literal("revoked") });
export type SessionRevokedResponse = z.infer<typeof sessionRevokedResponseSchema>;
/** Every other session ended, with the application tokens issued under them; how many sessions. */
export const otherSessionsRevokedResponseSchema = z.object({ status: z.literal("revoked"), count: z.number().int().min(0) });

/** The signed-in user as the auth API shows it. */
export const authUserSchema = z.object({
  id: userIdSchema,
  email: z.string(),
  name: z.string().nullable(),
  emailVerified: z.boolean(),
});
export type AuthUser = z.infer<typeof authUserSchema>;

/** The session a sign-in started. */
export const authSessionSchema = z.object({
  id: sessionIdSchema,
  expiresAt: timestamp,
  /** RFC 8176 methods used: `pwd` (password), `otp` (emailed link or code), … */
  amr: z.array(z.string()),
});
export type AuthSession = z.infer<typeof authSessionSchema>;

/**
 * `200` from sign-in and email-sign-in/complete. Browsers also get the token as an HttpOnly
 * cookie; native apps and SDKs keep `sessionToken` and send it as `Authorization: Bearer …`.
 */
export const signInResponseSchema = z.object({
  user: authUserSchema,
  session: authSessionSchema,
  sessionToken: opaqueTokenSchema,
});
export type SignInResponse = z.infer<typeof signInResponseSchema>;

/** One of the caller's live sessions; `current` marks the one the request was made with. */
export const sessionSummarySchema = z.object({
  id: sessionIdSchema,
  current: z.boolean(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  amr: z.array(z.string()),
  authTime: timestamp,
  lastActiveAt: timestamp,
  expiresAt: timestamp,
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

/** `GET sessions`: the caller's live sessions, newest first. */
export const sessionListResponseSchema = z.object({ sessions: z.array(sessionSummarySchema) });
export type SessionListResponse = z.infer<typeof sessionListResponseSchema>;
