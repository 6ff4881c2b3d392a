import { z } from "zod";
import { authSessionSchema, opaqueTokenSchema, signInResponseSchema } from "./auth";

/**
 * Multi-factor authentication under `/v1/tenants/{tenant}/auth/`: the second step of signing in,
 * the caller's own second factors (authenticator app, recovery codes) and step-up.
 *
 * Sign-in (`POST sign-in`, `POST email-sign-in/complete`) always answers **200** with a body whose
 * `status` says what happened: `signed_in` (a session started; the token is in the body and the
 * cookie), `mfa_required` (the first factor was right, a second is needed: no session and no cookie
 * yet, only a `challengeToken` for `POST mfa/challenge`), or `mfa_enrolment_required` (the tenant
 * requires a second factor and the account has none: the `challengeToken` allows `POST factors/totp`
 * and `POST factors/totp/confirm`, which then completes the sign-in). Not an error status: the
 * first factor was right, and the answer says what comes next (as Clerk's `needs_second_factor`).
 */

const timestamp = z.iso.datetime({ offset: true });

/** Ways to complete a pending sign-in. `passkey` goes through the passkey endpoints. */
export const mfaMethodSchema = z.enum(["totp", "recovery_code", "email_code", "passkey"]);
export type MfaMethod = z.infer<typeof mfaMethodSchema>;

/** The token of a pending sign-in (`mfa_required` / `mfa_enrolment_required`). */
export const challengeTokenSchema = opaqueTokenSchema;

const sixDigits = (what: string) =>
  z.string({ error: `Enter the 6-digit code from ${what}` }).regex(/^\d{6}$/, { error: `Enter the 6-digit code from ${what}` });

/** A recovery code as printed (`XXXXX-XXXXX`); case, spaces and dashes do not matter. */
export const recoveryCodeSchema = z
  .string({ error: "Enter one of your recovery codes" })
  .min(10, { error: "A recovery code has 10 letters and digits, like ABCDE-12345" })
  .max(24, { error: "A recovery code has 10 letters and digits, like ABCDE-12345" });

const totpCode = sixDigits("your authenticator app");
const emailCode = sixDigits("the email");

// ── Sign-in answers ───────────────────────────────────────────────────────────────────────────

/** A session started. `mfa.enrolmentDueBy`: the tenant requires a second factor; set one up by then. */
export const signedInResultSchema = signInResponseSchema.extend({
  status: z.literal("signed_in"),
  mfa: z.object({ enrolmentDueBy: timestamp }).optional(),
});
export type SignedInResult = z.infer<typeof signedInResultSchema>;

export const mfaRequiredResponseSchema = z.object({
  status: z.literal("mfa_required"),
  challengeToken: challengeTokenSchema,
  /** What can complete it, in the order to offer them. */
  factors: z.array(mfaMethodSchema),
  expiresAt: timestamp,
});
export type MfaRequiredResponse = z.infer<typeof mfaRequiredResponseSchema>;

export const mfaEnrolmentRequiredResponseSchema = z.object({
  status: z.literal("mfa_enrolment_required"),
  challengeToken: challengeTokenSchema,
  /** What can be set up with the challenge token. */
  factors: z.array(z.literal("totp")),
  expiresAt: timestamp,
});
export type MfaEnrolmentRequiredResponse = z.infer<typeof mfaEnrolmentRequiredResponseSchema>;

/** `200` from `sign-in` and `email-sign-in/complete`: switch on `status`. */
export const signInResultSchema = z.discriminatedUnion("status", [
  signedInResultSchema,
  mfaRequiredResponseSchema,
  mfaEnrolmentRequiredResponseSchema,
]);
export type SignInResult = z.infer<typeof signInResultSchema>;

// ── Pending sign-in ───────────────────────────────────────────────────────────────────────────

/** `POST mfa/challenge`: completes a pending sign-in with a code. */
export const completeMfaChallengeRequestSchema = z.discriminatedUnion(
  "method",
  [
    z.object({ challengeToken: challengeTokenSchema, method: z.literal("totp"), code: totpCode }),
    z.object({ challengeToken: challengeTokenSchema, method: z.literal("recovery_code"), code: recoveryCodeSchema }),
    z.object({ challengeToken: challengeTokenSchema, method: z.literal("email_code"), code: emailCode }),
  ],
  { error: "Say which method the code is for: totp, recovery_code or email_code" },
);
export type CompleteMfaChallengeRequest = z.infer<typeof completeMfaChallengeRequestSchema>;

/** `POST mfa/email-code`: mails a code for a pending sign-in (where the tenant allows it). */
export const sendMfaEmailCodeRequestSchema = z.object({ challengeToken: challengeTokenSchema });
export type SendMfaEmailCodeRequest = z.infer<typeof sendMfaEmailCodeRequestSchema>;

export const mfaEmailCodeSentResponseSchema = z.object({ status: z.literal("email_code_sent"), expiresAt: timestamp });
export type MfaEmailCodeSentResponse = z.infer<typeof mfaEmailCodeSentResponseSchema>;

// ── Step-up ───────────────────────────────────────────────────────────────────────────────────

/** `POST mfa/step-up`: the caller's session proves a second factor. */
export const stepUpRequestSchema = z.discriminatedUnion(
  "method",
  [
    z.object({ method: z.literal("totp"), code: totpCode }),
    z.object({ method: z.literal("recovery_code"), code: recoveryCodeSchema }),
    z.object({ method: z.literal("email_code"), code: emailCode }),
  ],
  { error: "Say which method the code is for: totp, recovery_code or email_code" },
);
export type StepUpRequest = z.infer<typeof stepUpRequestSchema>;

/** The raised session: a new token (the old one no longer works), acr `urn:plinto:acr:2fa`, a new authTime. */
export const stepUpResponseSchema = z.object({
  session: authSessionSchema.extend({ acr: z.string().nullable(), authTime: timestamp }),
  sessionToken: opaqueTokenSchema,
});
export type StepUpResponse = z.infer<typeof stepUpResponseSchema>;

// ── The caller's factors ──────────────────────────────────────────────────────────────────────

/** A second factor's id (a credential): `cred_…`. */
export const factorIdSchema = z.string().regex(/^cred_[0-9a-hjkmnp-tv-z]{26}$/, { error: "Expected a factor id like cred_01…" });

export const factorSchema = z.object({
  id: factorIdSchema,
  type: z.enum(["totp", "passkey"]),
  name: z.string().nullable(),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
});
export type Factor = z.infer<typeof factorSchema>;

/** `GET factors`: the caller's confirmed second factors, oldest first, and unused recovery codes. */
export const factorListResponseSchema = z.object({
  factors: z.array(factorSchema),
  recoveryCodes: z.object({ remaining: z.number().int().nonnegative() }),
});
export type FactorListResponse = z.infer<typeof factorListResponseSchema>;

/**
 * `POST factors/totp`: starts setting up an authenticator app. Signed in (session token, a sign-in
 * within the last 5 minutes), send `{}`; for a sign-in answered `mfa_enrolment_required`, send its
 * `challengeToken` instead.
 */
export const startTotpEnrolmentRequestSchema = z.object({ challengeToken: challengeTokenSchema.optional() });
export type StartTotpEnrolmentRequest = z.infer<typeof startTotpEnrolmentRequestSchema>;

/** The new secret, to be confirmed with a code from the app within 15 minutes. */
export const totpEnrolmentResponseSchema = z.object({
  factorId: factorIdSchema,
  /** The secret key in base32, for typing into the app by hand. */
  secret: z.string(),
  /** `otpauth://totp/…` (RFC 6238, SHA-1, 6 digits, 30 s). */
  otpauthUri: z.string(),
  /** The URI as a QR code: `data:image/svg+xml;base64,…`. */
  qrCode: z.string(),
  issuer: z.string(),
  label: z.string(),
  expiresAt: timestamp,
});
export type TotpEnrolmentResponse = z.infer<typeof totpEnrolmentResponseSchema>;

/** `POST factors/totp/confirm`: a code from the app; with the `challengeToken` when enrolling during sign-in. */
export const confirmTotpRequestSchema = z.object({
  code: totpCode,
  challengeToken: challengeTokenSchema.optional(),
});
export type ConfirmTotpRequest = z.infer<typeof confirmTotpRequestSchema>;

export const totpConfirmedResponseSchema = z.object({
  factor: factorSchema,
  /** Ten recovery codes when this is the account's first second factor: shown this once, stored only hashed. */
  recoveryCodes: z.array(z.string()).optional(),
  /** When confirmed with a challenge token: the sign-in it completes (the session cookie is set too). */
  signIn: signedInResultSchema.optional(),
});
export type TotpConfirmedResponse = z.infer<typeof totpConfirmedResponseSchema>;

export const factorRemovedResponseSchema = z.object({ status: z.literal("removed") });
export type FactorRemovedResponse = z.infer<typeof factorRemovedResponseSchema>;

/** `POST recovery-codes`: ten new codes; every earlier one stops working. */
export const recoveryCodesResponseSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponseSchema>;
