import { createHmac, randomInt } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { verifications, type VerificationPurpose } from "@plinto/db/schema";
import { constantTimeEqual, hashToken, randomToken } from "../../lib/crypto";
import { ServiceError } from "../errors";

/** How long each kind of proof lives. Links for resets and sign-in are short; email checks less so. */
export const VERIFICATION_TTL_SECONDS: Record<VerificationPurpose, number> = {
  verify_email: 24 * 3600,
  reset_password: 30 * 60,
  magic_link: 15 * 60,
  email_code: 10 * 60,
  change_email: 60 * 60,
  // Issued with the deletion's own grace period instead (issueVerification's ttlSeconds).
  cancel_deletion: 14 * 86_400,
};
/** Wrong codes a proof survives; six digits and five guesses is a 1-in-200,000 chance. */
export const MAX_CODE_ATTEMPTS = 5;

/**
 * A six-digit code is guessable offline from a plain hash, so it is stored as an HMAC keyed by the
 * master secret and bound to its row.
 */
function codeHash(secret: string, verificationId: string, code: string): string {
  return createHmac("sha256", secret).update(`plinto:code:${verificationId}:${code}`).digest("hex");
}

export interface IssuedVerification {
  id: string;
  token: string;
  code: string | undefined;
  expiresAt: Date;
}

/**
 * A new single-use proof for `purpose`. Earlier unused proofs of the same purpose for the user are
 * spent, so only the newest mail works.
 */
export async function issueVerification(
  tx: Executor,
  input: {
    tenantId: string;
    userId: string;
    email: string;
    purpose: VerificationPurpose;
    secret: string;
    withCode: boolean;
    now?: Date;
    /** A lifetime other than the purpose's usual one. */
    ttlSeconds?: number;
  },
): Promise<IssuedVerification> {
  const now = input.now ?? new Date();
  await tx
    .update(verifications)
    .set({ consumedAt: now })
    .where(
      and(
        eq(verifications.tenantId, input.tenantId),
        eq(verifications.userId, input.userId),
        eq(verifications.purpose, input.purpose),
        isNull(verifications.consumedAt),
      ),
    );
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + (input.ttlSeconds ?? VERIFICATION_TTL_SECONDS[input.purpose]) * 1000);
  const [row] = await tx
    .insert(verifications)
    .values({
      tenantId: input.tenantId,
      userId: input.userId,
      purpose: input.purpose,
      email: input.email,
      tokenHash: hashToken(token),
      expiresAt,
      createdAt: now,
    })
    .returning({ id: verifications.id });
  let code: string | undefined;
  if (input.withCode) {
    code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    await tx
      .update(verifications)
      .set({ codeHash: codeHash(input.secret, row!.id, code) })
      .where(and(eq(verifications.tenantId, input.tenantId), eq(verifications.id, row!.id)));
  }
  return { id: row!.id, token, code, expiresAt };
}

const invalid = () => new ServiceError("invalid_verification", "That code or link is not valid any more; ask for a new one");

/** Spends the proof a link token names; any failure is the same answer. */
export async function consumeToken(
  tx: Executor,
  input: { tenantId: string; purpose: VerificationPurpose; token: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const [spent] = await tx
    .update(verifications)
    .set({ consumedAt: now })
    .where(
      and(
        eq(verifications.tenantId, input.tenantId),
        eq(verifications.purpose, input.purpose),
        eq(verifications.tokenHash, hashToken(input.token)),
        isNull(verifications.consumedAt),
        gt(verifications.expiresAt, now),
      ),
    )
    .returning();
  if (!spent) throw invalid();
  return spent;
}

/**
 * Spends the user's newest live proof of `purpose` if `code` matches it. A wrong code counts
 * against the proof, which is spent after MAX_CODE_ATTEMPTS wrong guesses. The count is committed
 * even though the caller's request fails, so callers run this in its own transaction.
 */
export async function consumeCode(
  tx: Executor,
  input: { tenantId: string; userId: string; purpose: VerificationPurpose; code: string; secret: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const [live] = await tx
    .select()
    .from(verifications)
    .where(
      and(
        eq(verifications.tenantId, input.tenantId),
        eq(verifications.userId, input.userId),
        eq(verifications.purpose, input.purpose),
        isNull(verifications.consumedAt),
        gt(verifications.expiresAt, now),
      ),
    )
    .orderBy(desc(verifications.createdAt))
    .limit(1)
    .for("update");
  if (!live?.codeHash) return undefined;
  const matches = /^\d{6}$/.test(input.code) && constantTimeEqual(live.codeHash, codeHash(input.secret, live.id, input.code));
  if (!matches) {
    const attempts = live.failedAttempts + 1;
    await tx
      .update(verifications)
      .set({ failedAttempts: attempts, consumedAt: attempts >= MAX_CODE_ATTEMPTS ? now : null })
      .where(and(eq(verifications.tenantId, input.tenantId), eq(verifications.id, live.id)));
    return undefined;
  }
  await tx
    .update(verifications)
    .set({ consumedAt: now })
    .where(and(eq(verifications.tenantId, input.tenantId), eq(verifications.id, live.id)));
  return live;
}
