import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNotNull, isNull, lt, or } from "drizzle-orm";
import { HOTP, Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { newId, type Executor } from "@plinto/db";
import { credentials } from "@plinto/db/schema";
import { constantTimeEqual, decryptSecret, encryptSecret } from "../../lib/crypto";

/**
 * Authenticator-app codes (TOTP, RFC 6238) as every common app reads them: HMAC-SHA-1, six digits,
 * 30-second steps. A code is accepted for the step it was made for and one step either side (clock
 * drift, typing time), and for each credential each step at most once: `last_used_step` records the
 * newest step accepted, and a code for that step or an earlier one is a replay. The seed is stored
 * encrypted with the master secret, bound to its tenant and credential id.
 *
 * Every function takes the time as an argument, so tests decide what "now" is.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW = 1;
/** How long an enrolment may wait for its confirming code before it must start again. */
export const TOTP_ENROLMENT_SECONDS = 15 * 60;
/** RFC 4226 §4: a shared secret of at least 128 bits, 160 recommended. */
const SECRET_BYTES = 20;

const sealContext = (tenantId: string, credentialId: string) => ({ purpose: "totp-secret", boundTo: [tenantId, credentialId] });

/** The time step a moment falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an authenticator shows for `step` (tests use it to play the authenticator). */
export function totpCode(secretBase32: string, step: number): string {
  return HOTP.generate({ secret: Secret.fromBase32(secretBase32), algorithm: "SHA1", digits: TOTP_DIGITS, counter: step });
}

/**
 * The newest step within the window around `now` whose code is `code`, or undefined. Every step
 * in the window is computed and compared in constant time, so the answer's timing does not say
 * which step (if any) matched.
 */
export function matchingStep(secretBase32: string, code: string, now: Date, window = TOTP_WINDOW): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const current = totpStep(now);
  let found: number | undefined;
  for (let step = current - window; step <= current + window; step += 1) {
    if (constantTimeEqual(totpCode(secretBase32, step), code)) found = step;
  }
  return found;
}

/** A fresh seed, base32 (what authenticator apps take when typed in). */
export function newTotpSecret(): string {
  // Copied into an ArrayBuffer of its own: a Buffer may be a view into a larger shared pool.
  return new Secret({ buffer: new Uint8Array(randomBytes(SECRET_BYTES)).buffer }).base32;
}

/** The `otpauth://totp/…` URI an authenticator app reads from the QR code. */
export function totpUri(input: { issuer: string; label: string; secret: string }): string {
  return new TOTP({
    issuer: input.issuer,
    label: input.label,
    secret: Secret.fromBase32(input.secret),
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/** The URI as a QR code: an SVG image in a data URL (the hosted pages' CSP allows `img-src data:`). */
export async function totpQrCode(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}

/** The key as people type it: groups of four, easier to read off a screen. */
export function groupedKey(secretBase32: string): string {
  return secretBase32.replace(/(.{4})(?=.)/g, "$1 ");
}

export interface TotpEnrolment {
  credentialId: string;
  /** The seed in base32, for typing in by hand. */
  secret: string;
  uri: string;
  qrCode: string;
  expiresAt: Date;
}

async function enrolmentView(secret: string, credentialId: string, createdAt: Date, label: { issuer: string; label: string }) {
  const uri = totpUri({ ...label, secret });
  return {
    credentialId,
    secret,
    uri,
    qrCode: await totpQrCode(uri),
    expiresAt: new Date(createdAt.getTime() + TOTP_ENROLMENT_SECONDS * 1000),
  } satisfies TotpEnrolment;
}

/** The user's confirmed authenticator, if any. */
export async function verifiedTotp(db: Executor, tenantId: string, userId: string) {
  const [row] = await db
    .select()
    .from(credentials)
    .where(
      and(eq(credentials.tenantId, tenantId), eq(credentials.userId, userId), eq(credentials.type, "totp"), isNotNull(credentials.verifiedAt)),
    )
    .orderBy(desc(credentials.createdAt))
    .limit(1);
  return row;
}

/**
 * Begins setting up an authenticator: a new unconfirmed TOTP credential (replacing any earlier
 * unconfirmed one of the user). The caller has checked the user may; a user who already has a
 * confirmed authenticator removes it first.
 */
export async function createTotpEnrolment(
  tx: Executor,
  masterSecret: string,
  input: { tenantId: string; userId: string; issuer: string; label: string; now: Date },
): Promise<TotpEnrolment> {
  await tx
    .delete(credentials)
    .where(
      and(eq(credentials.tenantId, input.tenantId), eq(credentials.userId, input.userId), eq(credentials.type, "totp"), isNull(credentials.verifiedAt)),
    );
  const id = newId("credential");
  const secret = newTotpSecret();
  await tx.insert(credentials).values({
    tenantId: input.tenantId,
    id,
    userId: input.userId,
    type: "totp",
    name: "Authenticator app",
    secret: encryptSecret(secret, masterSecret, sealContext(input.tenantId, id)),
    createdAt: input.now,
    updatedAt: input.now,
  });
  return enrolmentView(secret, id, input.now, input);
}

/** The user's unconfirmed authenticator, still within its time to be confirmed. */
async function pendingRow(db: Executor, tenantId: string, userId: string, now: Date) {
  const [row] = await db
    .select()
    .from(credentials)
    .where(
      and(
        eq(credentials.tenantId, tenantId),
        eq(credentials.userId, userId),
        eq(credentials.type, "totp"),
        isNull(credentials.verifiedAt),
        gt(credentials.createdAt, new Date(now.getTime() - TOTP_ENROLMENT_SECONDS * 1000)),
      ),
    )
    .orderBy(desc(credentials.createdAt))
    .limit(1);
  return row;
}

/** The enrolment waiting for its code, shown again (the hosted page renders it on every visit). */
export async function pendingTotpEnrolment(
  db: Executor,
  masterSecret: string,
  input: { tenantId: string; userId: string; issuer: string; label: string; now: Date },
): Promise<TotpEnrolment | undefined> {
  const row = await pendingRow(db, input.tenantId, input.userId, input.now);
  if (!row?.secret) return undefined;
  const secret = decryptSecret(row.secret, masterSecret, sealContext(input.tenantId, row.id));
  return enrolmentView(secret, row.id, row.createdAt, input);
}

/**
 * Confirms the pending enrolment with a code from the app: the credential becomes verified, and
 * the code's step is recorded as used, so the very code that confirmed it cannot also sign in.
 * Undefined when there is no pending enrolment or the code does not match.
 */
export async function confirmTotp(
  tx: Executor,
  masterSecret: string,
  input: { tenantId: string; userId: string; code: string; now: Date },
) {
  const row = await pendingRow(tx, input.tenantId, input.userId, input.now);
  if (!row?.secret) return undefined;
  const secret = decryptSecret(row.secret, masterSecret, sealContext(input.tenantId, row.id));
  const step = matchingStep(secret, input.code, input.now);
  if (step === undefined) return undefined;
  const [confirmed] = await tx
    .update(credentials)
    .set({ verifiedAt: input.now, lastUsedStep: step, lastUsedAt: input.now, updatedAt: input.now })
    .where(and(eq(credentials.tenantId, input.tenantId), eq(credentials.id, row.id), isNull(credentials.verifiedAt)))
    .returning();
  return confirmed;
}

/**
 * Checks a code against the user's confirmed authenticator and spends its step. The spend is one
 * compare-and-set UPDATE (`last_used_step` below the code's step), so two requests racing with the
 * same code cannot both win: the database lets exactly one of them move the step forward.
 */
export async function verifyTotp(
  db: Executor,
  masterSecret: string,
  input: { tenantId: string; userId: string; code: string; now: Date },
): Promise<{ credentialId: string; step: number } | undefined> {
  const row = await verifiedTotp(db, input.tenantId, input.userId);
  if (!row?.secret) return undefined;
  const secret = decryptSecret(row.secret, masterSecret, sealContext(input.tenantId, row.id));
  const step = matchingStep(secret, input.code, input.now);
  if (step === undefined) return undefined;
  const [spent] = await db
    .update(credentials)
    .set({ lastUsedStep: step, lastUsedAt: input.now })
    .where(
      and(
        eq(credentials.tenantId, input.tenantId),
        eq(credentials.id, row.id),
        isNotNull(credentials.verifiedAt),
        or(isNull(credentials.lastUsedStep), lt(credentials.lastUsedStep, step)),
      ),
    )
    .returning({ id: credentials.id });
  return spent ? { credentialId: spent.id, step } : undefined;
}
