import { and, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { webauthnChallenges, type WebAuthnCeremony } from "@plinto/db/schema";
import { hashToken } from "../../lib/crypto";

/** How long a browser has to answer a WebAuthn challenge. Options ask for the same timeout. */
export const CHALLENGE_SECONDS = 5 * 60;

/**
 * Keeps a challenge handed to a browser: only its hash, bound to the tenant, the ceremony and (for
 * registration and second-factor checks) the user. Expiry is counted on the database's clock, as
 * is the check in `consumeChallenge`, so the API's and the database's clocks never disagree.
 */
export async function storeChallenge(
  db: Executor,
  input: { tenantId: string; userId: string | null; ceremony: WebAuthnCeremony; challenge: string },
) {
  await db.insert(webauthnChallenges).values({
    tenantId: input.tenantId,
    userId: input.userId,
    ceremony: input.ceremony,
    challengeHash: hashToken(input.challenge),
    expiresAt: sql`now() + interval '${sql.raw(String(CHALLENGE_SECONDS))} seconds'`,
  });
  // Expired challenges are deleted by the API's hourly housekeeping (services/housekeeping).
}

/**
 * Spends a challenge, once: a single UPDATE that only matches an unspent, unexpired challenge of
 * this tenant, ceremony and user (null: a passwordless sign-in, which has no user yet), so two
 * requests racing with the same answer cannot both win. Runs on its own (not inside the caller's
 * transaction) so a challenge stays spent even when the answer then fails verification.
 */
export async function consumeChallenge(
  db: Executor,
  input: { tenantId: string; userId: string | null; ceremony: WebAuthnCeremony; challenge: string },
): Promise<boolean> {
  const spent = await db
    .update(webauthnChallenges)
    .set({ consumedAt: sql`now()` })
    .where(
      and(
        eq(webauthnChallenges.tenantId, input.tenantId),
        eq(webauthnChallenges.challengeHash, hashToken(input.challenge)),
        eq(webauthnChallenges.ceremony, input.ceremony),
        input.userId === null ? isNull(webauthnChallenges.userId) : eq(webauthnChallenges.userId, input.userId),
        isNull(webauthnChallenges.consumedAt),
        sql`${webauthnChallenges.expiresAt} > now()`,
      ),
    )
    .returning({ id: webauthnChallenges.id });
  return spent.length === 1;
}

/**
 * The challenge a browser's answer claims to sign (`clientDataJSON.challenge`), to find its stored
 * twin; the library checks it again against what was spent. Undefined when it cannot be read.
 */
export function challengeIn(clientDataJSON: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const challenge = (parsed as { challenge?: unknown }).challenge;
    return typeof challenge === "string" && /^[A-Za-z0-9_-]{16,128}$/.test(challenge) ? challenge : undefined;
  } catch {
    return undefined;
  }
}
