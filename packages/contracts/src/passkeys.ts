import { z } from "zod";
import { opaqueTokenSchema } from "./auth";

/**
 * Passkeys (WebAuthn Level 3) under `/v1/tenants/{tenant}/auth/passkeys`: the JSON forms of the
 * ceremony options a browser passes to `navigator.credentials.create()` / `.get()` (as
 * `@simplewebauthn/browser`'s `startRegistration({ optionsJSON })` / `startAuthentication({ optionsJSON })`
 * take them), the credentials they answer with, and the caller's own passkeys. Binary values are
 * base64url without padding, as in the WebAuthn JSON serialization.
 */

const base64url = (what: string, max: number) =>
  z
    .string({ error: `${what} is base64url text` })
    .max(max, { error: `${what} is at most ${max} characters` })
    .regex(/^[A-Za-z0-9_-]*$/, { error: `${what} is base64url text (A–Z, a–z, 0–9, - and _)` });

/** A WebAuthn credential id (at most 1023 bytes by the spec). */
const credentialId = base64url("A credential id", 1400).min(1, { error: "A credential id is not empty" });

/** Extensions and client extension results: small JSON objects whose members this API does not define. */
const extensionMap = z.record(z.string(), z.unknown());

const transports = z.array(z.string().max(32)).max(10);

/** What kind of authenticator the RP suggests, most preferred first (WebAuthn L3 `hints`). */
const hints = z.array(z.enum(["security-key", "client-device", "hybrid"]));

const credentialDescriptor = z.object({
  id: credentialId,
  /** `public-key`, the only type WebAuthn defines so far. */
  type: z.string(),
  transports: transports.optional(),
});

/** The id of one of the caller's passkeys (a credential row): `cred_…`. */
export const passkeyIdSchema = z.string().regex(/^cred_[0-9a-hjkmnp-tv-z]{26}$/, { error: "Expected a passkey id like cred_01…" });

/** What a person calls a passkey, to tell them apart: 1–64 characters, no control characters. */
export const passkeyNameSchema = z
  .string({ error: "Give the passkey a name" })
  .trim()
  .min(1, { error: "Give the passkey a name" })
  .max(64, { error: "A passkey name is at most 64 characters" })
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, { error: "A passkey name is plain text on one line" });

// ── Ceremony options (answers) ───────────────────────────────────────────────────────────────

/** `POST passkeys/registration/options`: `PublicKeyCredentialCreationOptionsJSON`. */
export const passkeyRegistrationOptionsSchema = z.object({
  challenge: z.string(),
  rp: z.object({ name: z.string(), id: z.string().optional() }),
  user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
  pubKeyCredParams: z.array(z.object({ alg: z.number().int(), type: z.literal("public-key") })),
  timeout: z.number().int().optional(),
  excludeCredentials: z.array(credentialDescriptor).optional(),
  authenticatorSelection: z
    .object({
      authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
      residentKey: z.enum(["discouraged", "preferred", "required"]).optional(),
      requireResidentKey: z.boolean().optional(),
      userVerification: z.enum(["discouraged", "preferred", "required"]).optional(),
    })
    .optional(),
  hints: hints.optional(),
  attestation: z.enum(["none", "indirect", "direct", "enterprise"]).optional(),
  extensions: extensionMap.optional(),
});
export type PasskeyRegistrationOptions = z.infer<typeof passkeyRegistrationOptionsSchema>;

/** `POST passkeys/authentication/options`: `PublicKeyCredentialRequestOptionsJSON`. */
export const passkeyAuthenticationOptionsSchema = z.object({
  challenge: z.string(),
  rpId: z.string().optional(),
  timeout: z.number().int().optional(),
  /** Absent for sign-in: the browser offers the tenant's discoverable passkeys. */
  allowCredentials: z.array(credentialDescriptor).optional(),
  userVerification: z.enum(["discouraged", "preferred", "required"]).optional(),
  hints: hints.optional(),
  extensions: extensionMap.optional(),
});
export type PasskeyAuthenticationOptions = z.infer<typeof passkeyAuthenticationOptionsSchema>;

// ── Credentials (requests) ───────────────────────────────────────────────────────────────────

const attachment = z.enum(["platform", "cross-platform"]).optional();

/** `RegistrationResponseJSON`: what `startRegistration()` resolves with. */
export const passkeyRegistrationResponseSchema = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key", { error: "A passkey credential has type public-key" }),
  response: z.object({
    clientDataJSON: base64url("clientDataJSON", 4096),
    attestationObject: base64url("attestationObject", 32_768),
    authenticatorData: base64url("authenticatorData", 16_384).optional(),
    transports: transports.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url("publicKey", 8192).optional(),
  }),
  authenticatorAttachment: attachment,
  clientExtensionResults: extensionMap.optional(),
});
export type PasskeyRegistrationResponse = z.infer<typeof passkeyRegistrationResponseSchema>;

/** `AuthenticationResponseJSON`: what `startAuthentication()` resolves with. */
export const passkeyAuthenticationResponseSchema = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key", { error: "A passkey credential has type public-key" }),
  response: z.object({
    clientDataJSON: base64url("clientDataJSON", 4096),
    authenticatorData: base64url("authenticatorData", 16_384),
    signature: base64url("signature", 4096),
    userHandle: base64url("userHandle", 128).optional(),
  }),
  authenticatorAttachment: attachment,
  clientExtensionResults: extensionMap.optional(),
});
export type PasskeyAuthenticationResponse = z.infer<typeof passkeyAuthenticationResponseSchema>;

/** `POST passkeys/registration`: the new credential, and optionally what to call it. */
export const registerPasskeyRequestSchema = z.object({
  credential: passkeyRegistrationResponseSchema,
  name: passkeyNameSchema.optional(),
});
export type RegisterPasskeyRequest = z.infer<typeof registerPasskeyRequestSchema>;

/** `POST passkeys/authentication`: the signed assertion. */
export const passkeySignInRequestSchema = z.object({ credential: passkeyAuthenticationResponseSchema });
export type PasskeySignInRequest = z.infer<typeof passkeySignInRequestSchema>;

/** `POST passkeys/second-factor/options`: the token of a sign-in answered `mfa_required`. */
export const passkeySecondFactorOptionsRequestSchema = z.object({ challengeToken: opaqueTokenSchema });
export type PasskeySecondFactorOptionsRequest = z.infer<typeof passkeySecondFactorOptionsRequestSchema>;

/** `POST passkeys/second-factor`: the pending sign-in's token and the assertion. */
export const passkeySecondFactorRequestSchema = z.object({
  challengeToken: opaqueTokenSchema,
  credential: passkeyAuthenticationResponseSchema,
});
export type PasskeySecondFactorRequest = z.infer<typeof passkeySecondFactorRequestSchema>;

/** `POST passkeys/step-up`: the signed-in caller's assertion, to raise their session. */
export const passkeyStepUpRequestSchema = z.object({ credential: passkeyAuthenticationResponseSchema });
export type PasskeyStepUpRequest = z.infer<typeof passkeyStepUpRequestSchema>;

/** `PATCH passkeys/{passkey}`. */
export const renamePasskeyRequestSchema = z.object({ name: passkeyNameSchema });
export type RenamePasskeyRequest = z.infer<typeof renamePasskeyRequestSchema>;

// ── The caller's passkeys (answers) ──────────────────────────────────────────────────────────

const timestamp = z.iso.datetime({ offset: true });

export const passkeySchema = z.object({
  id: passkeyIdSchema,
  name: z.string(),
  /** How the browser can reach the authenticator (`internal`, `hybrid`, `usb`, …), as it reported. */
  transports: z.array(z.string()),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
});
export type Passkey = z.infer<typeof passkeySchema>;

/** `201` from `POST passkeys/registration`. */
export const passkeyRegisteredResponseSchema = z.object({
  passkey: passkeySchema,
  /**
   * Ten recovery codes when this passkey is the account's first second factor (a passkey is one:
   * password sign-in then asks for it): shown this once, stored only hashed.
   */
  recoveryCodes: z.array(z.string()).optional(),
});
export type PasskeyRegisteredResponse = z.infer<typeof passkeyRegisteredResponseSchema>;

/** `GET passkeys`: the caller's passkeys, oldest first. */
export const passkeyListResponseSchema = z.object({ passkeys: z.array(passkeySchema) });
export type PasskeyListResponse = z.infer<typeof passkeyListResponseSchema>;
