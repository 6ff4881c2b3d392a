/**
 * Passkeys (WebAuthn Level 3, through @simplewebauthn/server): a signed-in user registers
 * discoverable credentials; anyone may then sign in with one and nothing else; the MFA flow may
 * also accept one as the second factor of a pending sign-in (`verifyPasskeyForUser`).
 *
 * Every ceremony starts with a challenge stored hashed (challenges.ts) and is finished by spending
 * it once, atomically, before the answer is verified, so an answer can be tried once. Counters are
 * checked by the library (a counter that does not grow is refused, unless both it and the stored
 * one are 0, as for synced passkeys) and written back compare-and-swap.
 *
 * Authentication methods (RFC 8176) of a passkey: `hwk` (proof of possession of a key held by an
 * authenticator) and `user` (a test of user presence, which every accepted assertion carries).
 * When the authenticator also verified the user (UV flag: PIN or biometric on the device), the one
 * gesture proved two factors, and `mfa` is added; the session's acr is then
 * `urn:plinto:acr:2fa`, otherwise `urn:plinto:acr:1fa`.
 */
import { and, asc, count, eq } from "drizzle-orm";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type {
  PasskeyAuthenticationOptions,
  PasskeyAuthenticationResponse,
  PasskeyRegistrationOptions,
  PasskeyRegistrationResponse,
} from "@plinto/contracts";
import type { Db, Executor } from "@plinto/db";
import { credentials, tenants } from "@plinto/db/schema";
import type { Config } from "../../lib/config";
import { constantTimeEqual, hashToken } from "../../lib/crypto";
import type { Mailer } from "../../lib/mail";
import type { RateLimiter, RateLimitPolicy } from "../../lib/rate-limit";
import { recordAuditEvent } from "../audit/audit";
import type { MailContent } from "../auth/messages";
import { limits as signInLimits } from "../auth/support";
import type { RequestContext } from "../context";
import { RateLimitedError, ServiceError } from "../errors";
import { recoveryCodesForFirstFactor } from "../mfa/manage";
import { afterFactorRemoved } from "../mfa/recovery-codes";
import { ACR } from "../oidc/claims";
import { requireRecentAuth } from "../sessions/recent-auth";
import { notify as notifyUser } from "../notifications/notifications";
import { createSession } from "../sessions/sessions";
import { findTenantBySlug } from "../tenants/tenants";
import { findUserById } from "../users/users";
import { CHALLENGE_SECONDS, challengeIn, consumeChallenge, storeChallenge } from "./challenges";
import { passkeyAddedMessage, passkeyRemovedMessage } from "./messages";
import { expectedOriginFor, registrationOriginsFor, relyingPartyFor, userHandleBase64url, userHandleFor } from "./relying-party";

/** What the passkey flows need from the process: the public URL (RP ID, origin), the secret (user handles), mail and limits. */
export interface PasskeyDeps {
  config: Pick<Config, "publicUrl" | "secret"> & Partial<Pick<Config, "accountPortalUrl">>;
  mailer: Mailer;
  limiter: RateLimiter;
}

/** At most this many passkeys per user: enough for every device, and bounds the exclude list. */
export const MAX_PASSKEYS_PER_USER = 20;

export const passkeyLimits = {
  /**
   * Sign-in attempts per client address. The key (`signin:ip:…`) and the policy are password
   * sign-in's, so both kinds of attempt share one allowance.
   */
  signInPerIp: signInLimits.signInPerIp,
  /** Assertions checked against one credential, as password sign-in's per-account limit. */
  perCredential: signInLimits.signInPerAccount,
  /**
   * Sign-in options (a stored challenge each) per client address. The hosted sign-in page asks for
   * one on every load (for autofill), so this is looser than the attempts themselves.
   */
  optionsPerIp: { limit: 60, windowSeconds: 60 },
  /** Registration ceremonies a user may start. */
  registrationsPerUser: { limit: 20, windowSeconds: 3600 },
} satisfies Record<string, RateLimitPolicy>;

/** The options as plain JSON (no undefined members), typed as the wire contract says. */
const asWire = <T>(options: object): T => JSON.parse(JSON.stringify(options)) as T;

/** The authentication methods (RFC 8176) a passkey assertion proves. */
export function passkeyAmr(userVerified: boolean): string[] {
  return userVerified ? ["hwk", "user", "mfa"] : ["hwk", "user"];
}

/** The authentication context class a passwordless passkey sign-in reaches. */
export function passkeyAcr(userVerified: boolean): string {
  return userVerified ? ACR.multiFactor : ACR.singleFactor;
}

const KNOWN_TRANSPORTS = new Set(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);
const knownTransports = (list: readonly string[] | undefined) => [...new Set((list ?? []).filter((t) => KNOWN_TRANSPORTS.has(t)))];

async function enforce(limiter: RateLimiter, key: string, policy: RateLimitPolicy) {
  const result = await limiter.limit(key, policy);
  if (!result.success) throw new RateLimitedError(result.retryAfterSeconds);
  return result;
}

async function requireTenantBySlug(db: Executor, slug: string) {
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant || tenant.status !== "active") throw new ServiceError("not_found", "No such tenant");
  return tenant;
}

async function requireTenantById(db: Executor, tenantId: string) {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  if (!tenant || tenant.status !== "active") throw new ServiceError("not_found", "No such tenant");
  return tenant;
}

async function requireActiveUser(db: Executor, tenantId: string, userId: string) {
  const user = await findUserById(db, tenantId, userId);
  if (!user || user.status !== "active") throw new ServiceError("unauthorized", "Sign in first");
  return user;
}

function where(config: Pick<Config, "publicUrl">, tenant: { slug: string; name: string; settings: { branding?: { displayName?: string } } }) {
  return { tenantName: relyingPartyFor(config, tenant).name, baseUrl: `${config.publicUrl}/t/${tenant.slug}` };
}

/** Notifications are sent after the change committed; a mail failure does not undo the change. */
async function notify(deps: PasskeyDeps, tenantId: string, to: string, content: MailContent) {
  try {
    await deps.mailer.send({ tenantId, to, subject: content.subject, text: content.text, kind: content.kind });
  } catch (error) {
    console.error(`plinto-api: a ${content.kind} notification was not sent (${error instanceof Error ? error.name : typeof error})`);
  }
}

const passkeyColumns = {
  id: credentials.id,
  name: credentials.name,
  transports: credentials.passkeyTransports,
  createdAt: credentials.createdAt,
  lastUsedAt: credentials.lastUsedAt,
};

/** One of a user's passkeys as they see it: never the key, the credential id or the counter. */
export interface PasskeySummary {
  id: string;
  name: string;
  transports: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
}

const summary = (row: { id: string; name: string | null; transports: string[] | null; createdAt: Date; lastUsedAt: Date | null }): PasskeySummary => ({
  id: row.id,
  name: row.name ?? "Passkey",
  transports: row.transports ?? [],
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
});

const ownPasskey = (tenantId: string, userId: string) =>
  and(eq(credentials.tenantId, tenantId), eq(credentials.userId, userId), eq(credentials.type, "passkey"));

/** The user's passkeys, oldest first. */
export async function listPasskeys(db: Executor, input: { tenantId: string; userId: string }): Promise<PasskeySummary[]> {
  const rows = await db
    .select(passkeyColumns)
    .from(credentials)
    .where(ownPasskey(input.tenantId, input.userId))
    .orderBy(asc(credentials.createdAt), asc(credentials.id));
  return rows.map(summary);
}

/** Whether the user has a passkey: for the MFA flow, to offer one as the second factor. */
export async function hasPasskey(db: Executor, input: { tenantId: string; userId: string }): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(credentials).where(ownPasskey(input.tenantId, input.userId));
  return (row?.n ?? 0) > 0;
}

// ── Registration ──────────────────────────────────────────────────────────────────────────────

/**
 * Options for `navigator.credentials.create()`: a discoverable credential (resident key required,
 * so it can sign in without an email address), user verification preferred, no attestation, the
 * user's existing passkeys excluded (the authenticator refuses to make a second one for the same
 * account). Needs a sign-in within the last five minutes.
 */
export async function startPasskeyRegistration(
  db: Db,
  deps: PasskeyDeps,
  _ctx: RequestContext,
  input: { tenantId: string; userId: string; session: { authTime: Date } },
) {
  requireRecentAuth(input.session);
  const tenant = await requireTenantById(db, input.tenantId);
  const user = await requireActiveUser(db, tenant.id, input.userId);
  await enforce(deps.limiter, `passkey:register:${tenant.id}:${user.id}`, passkeyLimits.registrationsPerUser);
  const existing = await db
    .select({ id: credentials.passkeyId, transports: credentials.passkeyTransports })
    .from(credentials)
    .where(ownPasskey(tenant.id, user.id));
  if (existing.length >= MAX_PASSKEYS_PER_USER) {
    throw new ServiceError("conflict", `An account can have at most ${MAX_PASSKEYS_PER_USER} passkeys; remove one first`);
  }
  const rp = relyingPartyFor(deps.config, tenant);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userID: userHandleFor(deps.config.secret, tenant.id, user.id),
    userDisplayName: user.name?.trim() || user.email,
    timeout: CHALLENGE_SECONDS * 1000,
    attestationType: "none",
    excludeCredentials: existing.flatMap((c) => (c.id ? [{ id: c.id, transports: c.transports ?? undefined }] : [])),
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
  await storeChallenge(db, { tenantId: tenant.id, userId: user.id, ceremony: "registration", challenge: options.challenge });
  return asWire<PasskeyRegistrationOptions>(options);
}

const registrationFailed = () =>
  new ServiceError("passkey_registration_failed", "The passkey could not be added. Start again, and finish within 5 minutes");

/** A name from what the browser said about the authenticator, when the person gave none. */
function defaultName(response: PasskeyRegistrationResponse): string {
  const transports = response.response.transports ?? [];
  if (response.authenticatorAttachment === "platform" || transports.includes("internal")) return "Passkey on this device";
  if (transports.includes("hybrid")) return "Passkey on a phone";
  if (transports.some((t) => t === "usb" || t === "nfc" || t === "ble")) return "Security key";
  return "Passkey";
}

/** A passkey just added; `recoveryCodes` when it is the account's first second factor (shown once). */
export interface PasskeyAdded {
  passkey: PasskeySummary;
  recoveryCodes?: string[];
}

/**
 * Verifies the browser's new credential against the user's own, unspent challenge, this API's
 * origin and RP ID, and keeps it. The account's address hears about it.
 *
 * A passkey is also a second factor (services/mfa counts it): after a password or an emailed code,
 * sign-in then asks for it. So the account's first second factor comes with ten recovery codes,
 * as an authenticator app's does, returned here to show once: losing the only passkey must not
 * lock the account.
 */
export async function finishPasskeyRegistration(
  db: Db,
  deps: PasskeyDeps,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; response: PasskeyRegistrationResponse; name?: string },
): Promise<PasskeyAdded> {
  const tenant = await requireTenantById(db, input.tenantId);
  const user = await requireActiveUser(db, tenant.id, input.userId);
  const challenge = challengeIn(input.response.response.clientDataJSON);
  if (!challenge) throw registrationFailed();
  const spent = await consumeChallenge(db, { tenantId: tenant.id, userId: user.id, ceremony: "registration", challenge });
  if (!spent) throw registrationFailed();

  const { id: rpID, origins } = registrationOriginsFor(deps.config);
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response: { ...input.response, clientExtensionResults: input.response.clientExtensionResults ?? {} } as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: origins,
      expectedRPID: rpID,
      requireUserPresence: true,
      requireUserVerification: false,
    });
  } catch {
    throw registrationFailed();
  }
  if (!verified.verified) throw registrationFailed();
  const info = verified.registrationInfo;
  // The credential id the browser names must be the one the authenticator made.
  if (info.credential.id !== input.response.id) throw registrationFailed();

  const name = input.name?.trim() || defaultName(input.response);
  const actor = { ...ctx, actor: { type: "user" as const, id: user.id } };
  const row = await db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: credentials.id })
      .from(credentials)
      .where(and(eq(credentials.tenantId, tenant.id), eq(credentials.passkeyId, info.credential.id)))
      .limit(1);
    if (taken) throw new ServiceError("conflict", "This passkey is already registered");
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(credentials).where(ownPasskey(tenant.id, user.id));
    if (n >= MAX_PASSKEYS_PER_USER) {
      throw new ServiceError("conflict", `An account can have at most ${MAX_PASSKEYS_PER_USER} passkeys; remove one first`);
    }
    const [created] = await tx
      .insert(credentials)
      .values({
        tenantId: tenant.id,
        userId: user.id,
        type: "passkey",
        name,
        passkeyId: info.credential.id,
        passkeyPublicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
        passkeyCounter: info.credential.counter,
        passkeyTransports: knownTransports(input.response.response.transports),
        verifiedAt: new Date(),
      })
      .returning(passkeyColumns);
    await notifyUser(tx, {
      tenantId: tenant.id,
      userId: user.id,
      kind: "passkey_added",
      title: "A passkey was added",
      body: `The passkey "${name}" can now sign in to your account. If this was not you, remove it and choose a new password.`,
      data: { credentialId: created!.id },
    });
    await recordAuditEvent(tx, actor, {
      tenantId: tenant.id,
      action: "passkey.added",
      targetType: "credential",
      targetId: created!.id,
      data: {
        userId: user.id,
        name,
        aaguid: info.aaguid,
        userVerified: info.userVerified,
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        attestation: info.fmt,
      },
    });
    const recoveryCodes = await recoveryCodesForFirstFactor(tx, deps, actor, { tenantId: tenant.id, userId: user.id, newFactorId: created!.id });
    return { created: created!, recoveryCodes };
  });
  await notify(deps, tenant.id, user.email, passkeyAddedMessage(where(deps.config, tenant), { name, at: row.created.createdAt }));
  return { passkey: summary(row.created), ...(row.recoveryCodes ? { recoveryCodes: row.recoveryCodes } : {}) };
}

/** Renames one of the user's own passkeys. */
export async function renamePasskey(
  db: Db,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; passkeyId: string; name: string },
): Promise<PasskeySummary> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 64) {
    throw new ServiceError("validation_failed", "A passkey name is 1–64 characters", [{ path: "name", message: "Give the passkey a name of 1–64 characters" }]);
  }
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: credentials.name })
      .from(credentials)
      .where(and(ownPasskey(input.tenantId, input.userId), eq(credentials.id, input.passkeyId)))
      .limit(1);
    if (!before) throw new ServiceError("not_found", "No such passkey");
    const [row] = await tx
      .update(credentials)
      .set({ name })
      .where(and(ownPasskey(input.tenantId, input.userId), eq(credentials.id, input.passkeyId)))
      .returning(passkeyColumns);
    await recordAuditEvent(tx, { ...ctx, actor: { type: "user", id: input.userId } }, {
      tenantId: input.tenantId,
      action: "passkey.renamed",
      targetType: "credential",
      targetId: input.passkeyId,
      data: { userId: input.userId, from: before.name, to: name },
    });
    return summary(row!);
  });
}

/**
 * Removes one of the user's own passkeys; needs a sign-in within the last five minutes. The
 * account's address hears about it. Sessions the passkey started stay: removing a passkey is not
 * a sign-out (a password reset or "sign out everywhere" is).
 */
export async function removePasskey(
  db: Db,
  deps: PasskeyDeps,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; passkeyId: string; session: { authTime: Date } },
): Promise<void> {
  const tenant = await requireTenantById(db, input.tenantId);
  const user = await requireActiveUser(db, tenant.id, input.userId);
  const [exists] = await db
    .select({ id: credentials.id })
    .from(credentials)
    .where(and(ownPasskey(tenant.id, user.id), eq(credentials.id, input.passkeyId)))
    .limit(1);
  if (!exists) throw new ServiceError("not_found", "No such passkey");
  requireRecentAuth(input.session);
  const removed = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(credentials)
      .where(and(ownPasskey(tenant.id, user.id), eq(credentials.id, input.passkeyId)))
      .returning({ id: credentials.id, name: credentials.name });
    if (!row) throw new ServiceError("not_found", "No such passkey");
    const { recoveryCodesRemoved } = await afterFactorRemoved(tx, tenant.id, user.id);
    await notifyUser(tx, {
      tenantId: tenant.id,
      userId: user.id,
      kind: "passkey_removed",
      title: "A passkey was removed",
      body: `The passkey "${row.name ?? "Passkey"}" no longer signs in to your account.`,
      data: { credentialId: row.id },
    });
    await recordAuditEvent(tx, { ...ctx, actor: { type: "user", id: user.id } }, {
      tenantId: tenant.id,
      action: "passkey.removed",
      targetType: "credential",
      targetId: row.id,
      data: { userId: user.id, name: row.name, recoveryCodesRemoved },
    });
    return row;
  });
  await notify(deps, tenant.id, user.email, passkeyRemovedMessage(where(deps.config, tenant), { name: removed.name ?? "Passkey", at: new Date() }));
}

// ── Authentication ────────────────────────────────────────────────────────────────────────────

/**
 * Options for a passwordless sign-in: no allowCredentials, so the browser offers the discoverable
 * passkeys it holds for this RP (also as autofill, "conditional UI"); user verification required.
 * Bounded per client address: each stores a challenge.
 */
export async function startPasskeySignIn(db: Db, deps: PasskeyDeps, ctx: RequestContext, input: { tenantSlug: string }) {
  const tenant = await requireTenantBySlug(db, input.tenantSlug);
  await enforce(deps.limiter, `passkey:options:ip:${tenant.id}:${ctx.ipAddress ?? "unknown"}`, passkeyLimits.optionsPerIp);
  const { id: rpID } = expectedOriginFor(deps.config);
  const options = await generateAuthenticationOptions({ rpID, userVerification: "required", timeout: CHALLENGE_SECONDS * 1000 });
  await storeChallenge(db, { tenantId: tenant.id, userId: null, ceremony: "authentication", challenge: options.challenge });
  return asWire<PasskeyAuthenticationOptions>(options);
}

/** Why an assertion was refused: recorded in the audit log, never told to the caller. */
export type PasskeyRefusal =
  | "unreadable"
  | "challenge_not_usable"
  | "unknown_credential"
  | "user_not_active"
  | "user_handle_mismatch"
  | "counter_regression"
  | "verification_failed";

class PasskeyRefused extends Error {
  constructor(
    readonly reason: PasskeyRefusal,
    readonly credentialRowId?: string,
    readonly userId?: string,
  ) {
    super(reason);
  }
}

/**
 * The one answer to every refused assertion (`invalid_passkey`, 401). `reason` is for the
 * caller's audit event only; it never goes on the wire.
 */
export class PasskeyNotAcceptedError extends ServiceError {
  override name = "PasskeyNotAcceptedError";
  constructor(readonly reason: PasskeyRefusal) {
    super("invalid_passkey", "That passkey was not accepted. Try again, or sign in another way");
  }
}

interface CheckedAssertion {
  credential: { id: string; userId: string; counter: number };
  newCounter: number;
  userVerified: boolean;
}

/**
 * The checks every assertion goes through, for sign-in (`userId` null: any user of the tenant, by
 * the credential) and for a second factor (`userId`: that user's passkeys only): spend the
 * challenge, find the credential in this tenant, check the user handle, verify origin, RP ID,
 * signature, presence and counter, then write the counter back compare-and-swap.
 */
async function checkAssertion(
  db: Db,
  config: Pick<Config, "publicUrl" | "secret">,
  input: { tenantId: string; userId: string | null; response: PasskeyAuthenticationResponse },
): Promise<CheckedAssertion> {
  const { response } = input;
  const challenge = challengeIn(response.response.clientDataJSON);
  if (!challenge || response.id !== response.rawId) throw new PasskeyRefused("unreadable");
  const spent = await consumeChallenge(db, { tenantId: input.tenantId, userId: input.userId, ceremony: "authentication", challenge });
  if (!spent) throw new PasskeyRefused("challenge_not_usable");

  const [row] = await db
    .select({
      id: credentials.id,
      userId: credentials.userId,
      publicKey: credentials.passkeyPublicKey,
      counter: credentials.passkeyCounter,
      transports: credentials.passkeyTransports,
    })
    .from(credentials)
    .where(
      and(
        eq(credentials.tenantId, input.tenantId),
        eq(credentials.type, "passkey"),
        eq(credentials.passkeyId, response.id),
        ...(input.userId === null ? [] : [eq(credentials.userId, input.userId)]),
      ),
    )
    .limit(1);
  if (!row || !row.publicKey) throw new PasskeyRefused("unknown_credential");
  const user = await findUserById(db, input.tenantId, row.userId);
  if (!user || user.status !== "active") throw new PasskeyRefused("user_not_active", row.id, row.userId);
  // A discoverable credential returns the handle it was made with; it must be this user's.
  const handle = response.response.userHandle;
  if (handle !== undefined && handle !== "" && !constantTimeEqual(handle, userHandleBase64url(config.secret, input.tenantId, row.userId))) {
    throw new PasskeyRefused("user_handle_mismatch", row.id, row.userId);
  }

  const { id: rpID, origin } = expectedOriginFor(config);
  const stored = row.counter ?? 0;
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    result = await verifyAuthenticationResponse({
      response: { ...response, clientExtensionResults: response.clientExtensionResults ?? {} } as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: { id: response.id, publicKey: new Uint8Array(Buffer.from(row.publicKey, "base64url")), counter: stored, transports: row.transports ?? undefined },
      requireUserVerification: false,
    });
  } catch (error) {
    const reason = error instanceof Error && /counter/i.test(error.message) ? "counter_regression" : "verification_failed";
    throw new PasskeyRefused(reason, row.id, row.userId);
  }
  if (!result.verified) throw new PasskeyRefused("verification_failed", row.id, row.userId);

  const { newCounter, userVerified } = result.authenticationInfo;
  // Compare-and-swap: of two assertions racing from one authenticator, only one moves the counter.
  const moved = await db
    .update(credentials)
    .set({ passkeyCounter: newCounter, lastUsedAt: new Date() })
    .where(and(eq(credentials.tenantId, input.tenantId), eq(credentials.id, row.id), eq(credentials.passkeyCounter, stored)))
    .returning({ id: credentials.id });
  if (moved.length === 0 && newCounter > 0) throw new PasskeyRefused("counter_regression", row.id, row.userId);
  return { credential: { id: row.id, userId: row.userId, counter: stored }, newCounter, userVerified };
}

/**
 * Passwordless sign-in with a discoverable passkey: the credential says who, and the authenticator
 * must have verified the user. Success starts a session with amr `hwk`, `user`, `mfa` and acr 2fa, and
 * records `user.signed_in` (method passkey). Every refusal gives the same answer and is recorded
 * as `user.sign_in_failed` with its reason. Limited per client address (with password sign-in's
 * count) and per credential.
 */
export async function finishPasskeySignIn(
  db: Db,
  deps: PasskeyDeps,
  ctx: RequestContext,
  input: { tenantSlug: string; response: PasskeyAuthenticationResponse },
) {
  const tenant = await requireTenantBySlug(db, input.tenantSlug);
  await enforce(deps.limiter, `signin:ip:${tenant.id}:${ctx.ipAddress ?? "unknown"}`, passkeyLimits.signInPerIp);
  const credentialKey = `passkey:credential:${tenant.id}:${hashToken(input.response.id)}`;
  await enforce(deps.limiter, credentialKey, passkeyLimits.perCredential);

  let checked: CheckedAssertion;
  try {
    checked = await checkAssertion(db, deps.config, { tenantId: tenant.id, userId: null, response: input.response });
    // A passkey alone is two factors only with the user verified (PIN or biometric); without it,
    // it would be one factor that skips whatever second factor the user or tenant requires.
    if (!checked.userVerified) throw new PasskeyRefused("verification_failed", checked.credential.id, checked.credential.userId);
  } catch (error) {
    if (!(error instanceof PasskeyRefused)) throw error;
    await db.transaction((tx) =>
      recordAuditEvent(tx, ctx, {
        tenantId: tenant.id,
        action: "user.sign_in_failed",
        targetType: error.userId ? "user" : undefined,
        targetId: error.userId,
        data: { method: "passkey", reason: error.reason, ...(error.credentialRowId ? { credentialId: error.credentialRowId } : {}) },
      }),
    );
    throw new PasskeyNotAcceptedError(error.reason);
  }

  const userId = checked.credential.userId;
  const amr = passkeyAmr(checked.userVerified);
  const actor = { ...ctx, actor: { type: "user" as const, id: userId } };
  const started = await db.transaction(async (tx) => {
    const session = await createSession(tx, actor, { tenantId: tenant.id, userId, amr, acr: passkeyAcr(checked.userVerified) });
    await recordAuditEvent(tx, actor, {
      tenantId: tenant.id,
      action: "user.signed_in",
      targetType: "user",
      targetId: userId,
      data: { method: "passkey", credentialId: checked.credential.id, userVerified: checked.userVerified, sessionId: session.session.id },
    });
    // Read after the session set lastSignInAt.
    const user = await findUserById(tx, tenant.id, userId);
    return { user: user!, ...session };
  });
  await deps.limiter.reset(credentialKey, passkeyLimits.perCredential);
  return { user: started.user, session: started.session, sessionToken: started.token, userVerified: checked.userVerified };
}

// ── Second factor (for the MFA flow) ──────────────────────────────────────────────────────────

/**
 * Options to check a passkey of one known user, e.g. as the second factor of a pending sign-in:
 * allowCredentials lists that user's passkeys, and the challenge is bound to the user. Refused
 * with not_found when the user has none.
 */
export async function passkeyOptionsForUser(
  db: Db,
  _ctx: RequestContext,
  input: { config: Pick<Config, "publicUrl">; tenantId: string; userId: string; userVerification?: "required" | "preferred" | "discouraged" },
) {
  const owned = await db
    .select({ id: credentials.passkeyId, transports: credentials.passkeyTransports })
    .from(credentials)
    .where(ownPasskey(input.tenantId, input.userId));
  const allowCredentials = owned.flatMap((c) => (c.id ? [{ id: c.id, transports: c.transports ?? undefined }] : []));
  if (allowCredentials.length === 0) throw new ServiceError("not_found", "This account has no passkey");
  const { id: rpID } = expectedOriginFor(input.config);
  const options = await generateAuthenticationOptions({
    rpID,
    allowCredentials,
    userVerification: input.userVerification ?? "preferred",
    timeout: CHALLENGE_SECONDS * 1000,
  });
  await storeChallenge(db, { tenantId: input.tenantId, userId: input.userId, ceremony: "authentication", challenge: options.challenge });
  return asWire<PasskeyAuthenticationOptions>(options);
}

/**
 * Checks a passkey assertion of one known user, against a challenge from `passkeyOptionsForUser`
 * for that user (single use, 5 minutes): for the MFA flow to complete a pending sign-in. On
 * success the credential's counter and last use are written and the RFC 8176 methods it proved
 * are returned (add them to the pending sign-in's, e.g. ["pwd"] → ["pwd", "hwk", "user", "mfa"]).
 * Refused with a PasskeyNotAcceptedError (`invalid_passkey`; why in `reason`, for the caller's audit event); with
 * `requireUserVerification` an assertion without the UV flag is refused too. Writes no audit
 * event and counts no attempts: the caller's pending sign-in does both.
 */
export async function verifyPasskeyForUser(
  db: Db,
  _ctx: RequestContext,
  input: {
    config: Pick<Config, "publicUrl" | "secret">;
    tenantId: string;
    userId: string;
    response: PasskeyAuthenticationResponse;
    requireUserVerification?: boolean;
  },
): Promise<{ credentialId: string; userVerified: boolean; amr: string[] }> {
  try {
    const checked = await checkAssertion(db, input.config, { tenantId: input.tenantId, userId: input.userId, response: input.response });
    if (input.requireUserVerification && !checked.userVerified) throw new PasskeyRefused("verification_failed", checked.credential.id, input.userId);
    return { credentialId: checked.credential.id, userVerified: checked.userVerified, amr: passkeyAmr(checked.userVerified) };
  } catch (error) {
    if (error instanceof PasskeyRefused) throw new PasskeyNotAcceptedError(error.reason);
    throw error;
  }
}
