import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { mfaChallenges } from "@plinto/db/schema";
import { hashToken, randomToken } from "../../lib/crypto";

/**
 * A sign-in that passed its first factor and waits for the second (or for a second factor to be
 * set up, when the tenant requires one and the user has none). The browser or SDK holds an opaque
 * 256-bit token; the row keeps its hash, the methods used so far, and a count of wrong codes.
 * It lives 10 minutes, is spent by the answer that completes it, and dies after 5 wrong codes.
 */
export const MFA_CHALLENGE_SECONDS = 10 * 60;
export const MAX_MFA_ATTEMPTS = 5;

export type MfaChallenge = typeof mfaChallenges.$inferSelect;

export async function createChallenge(
  tx: Executor,
  input: { tenantId: string; userId: string; amr: string[]; now: Date },
): Promise<{ challenge: MfaChallenge; token: string }> {
  const token = randomToken(32);
  const [challenge] = await tx
    .insert(mfaChallenges)
    .values({
      tenantId: input.tenantId,
      userId: input.userId,
      tokenHash: hashToken(token),
      amr: input.amr,
      expiresAt: new Date(input.now.getTime() + MFA_CHALLENGE_SECONDS * 1000),
      createdAt: input.now,
    })
    .returning();
  return { challenge: challenge!, token };
}

/** The live challenge a token names in this tenant: not spent, not expired, wrong codes left. */
export async function findLiveChallenge(db: Executor, input: { tenantId: string; token: string; now: Date }) {
  if (!input.token) return undefined;
  const [row] = await db
    .select()
    .from(mfaChallenges)
    .where(
      and(
        eq(mfaChallenges.tenantId, input.tenantId),
        eq(mfaChallenges.tokenHash, hashToken(input.token)),
        isNull(mfaChallenges.consumedAt),
        gt(mfaChallenges.expiresAt, input.now),
        lt(mfaChallenges.failedAttempts, MAX_MFA_ATTEMPTS),
      ),
    )
    .limit(1);
  return row;
}

/**
 * Counts a wrong answer; the one that uses up the attempts spends the challenge. One UPDATE, so
 * concurrent wrong answers are all counted. Returns the attempts left.
 */
export async function recordChallengeFailure(db: Executor, input: { tenantId: string; challengeId: string; now: Date }) {
  const [row] = await db
    .update(mfaChallenges)
    .set({
      failedAttempts: sql`${mfaChallenges.failedAttempts} + 1`,
      consumedAt: sql`case when ${mfaChallenges.failedAttempts} + 1 >= ${MAX_MFA_ATTEMPTS} then ${input.now.toISOString()}::timestamptz else ${mfaChallenges.consumedAt} end`,
    })
    .where(and(eq(mfaChallenges.tenantId, input.tenantId), eq(mfaChallenges.id, input.challengeId)))
    .returning({ failedAttempts: mfaChallenges.failedAttempts });
  return Math.max(0, MAX_MFA_ATTEMPTS - (row?.failedAttempts ?? MAX_MFA_ATTEMPTS));
}

/** Spends a live challenge, once: false when another request spent it first, or it died meanwhile. */
export async function consumeChallenge(db: Executor, input: { tenantId: string; challengeId: string; now: Date }): Promise<boolean> {
  const spent = await db
    .update(mfaChallenges)
    .set({ consumedAt: input.now })
    .where(
      and(
        eq(mfaChallenges.tenantId, input.tenantId),
        eq(mfaChallenges.id, input.challengeId),
        isNull(mfaChallenges.consumedAt),
        gt(mfaChallenges.expiresAt, input.now),
        lt(mfaChallenges.failedAttempts, MAX_MFA_ATTEMPTS),
      ),
    )
    .returning({ id: mfaChallenges.id });
  return spent.length === 1;
}

/** Spends every live challenge of a user (their factors were reset, or they were signed out everywhere). */
export async function consumeUserChallenges(tx: Executor, input: { tenantId: string; userId: string; now: Date }) {
  await tx
    .update(mfaChallenges)
    .set({ consumedAt: input.now })
    .where(and(eq(mfaChallenges.tenantId, input.tenantId), eq(mfaChallenges.userId, input.userId), isNull(mfaChallenges.consumedAt)));
}
