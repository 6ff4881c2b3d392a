import { createHmac, randomInt } from "node:crypto";
import { and, count, eq, isNull } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { credentials } from "@plinto/db/schema";
import { secondFactorsOf } from "./factors";

/**
 * Recovery codes: ten single-use codes a person keeps on paper for when their authenticator is
 * gone (NIST 800-63B "look-up secrets"). Each is 10 characters of Crockford base32 (50 bits),
 * shown as `XXXXX-XXXXX`, stored only as an HMAC keyed by the master secret and bound to the user,
 * so a copy of the database alone cannot be used to guess them. A used code stays as a row with
 * `last_used_at` set, so the account can say how many are left.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 10;

function newCode(): string {
  let code = "";
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[randomInt(0, ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * A code as typed: case, spaces and dashes do not matter, and the letters Crockford base32 leaves
 * out are read as the digits they look like. Undefined for anything that cannot be a code.
 */
export function normalizeRecoveryCode(raw: string): string | undefined {
  const cleaned = raw
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  return cleaned.length === LENGTH && [...cleaned].every((c) => ALPHABET.includes(c)) ? cleaned : undefined;
}

function codeHash(masterSecret: string, tenantId: string, userId: string, normalized: string): string {
  return createHmac("sha256", masterSecret).update(`plinto:recovery-code:${tenantId}:${userId}:${normalized}`).digest("hex");
}

/** Replaces every recovery code of the user with ten new ones, returned this once. */
export async function replaceRecoveryCodes(
  tx: Executor,
  masterSecret: string,
  input: { tenantId: string; userId: string; now: Date },
): Promise<string[]> {
  await deleteRecoveryCodes(tx, input.tenantId, input.userId);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await tx.insert(credentials).values(
    codes.map((code) => ({
      tenantId: input.tenantId,
      userId: input.userId,
      type: "recovery_code" as const,
      secret: codeHash(masterSecret, input.tenantId, input.userId, normalizeRecoveryCode(code)!),
      verifiedAt: input.now,
      createdAt: input.now,
      updatedAt: input.now,
    })),
  );
  return codes;
}

/**
 * Spends one of the user's unused codes if `raw` is one: a single UPDATE that only matches an
 * unused row, so one code cannot be spent twice, even by two requests at once.
 */
export async function spendRecoveryCode(
  db: Executor,
  masterSecret: string,
  input: { tenantId: string; userId: string; code: string; now: Date },
): Promise<boolean> {
  const normalized = normalizeRecoveryCode(input.code);
  if (!normalized) return false;
  const spent = await db
    .update(credentials)
    .set({ lastUsedAt: input.now })
    .where(
      and(
        eq(credentials.tenantId, input.tenantId),
        eq(credentials.userId, input.userId),
        eq(credentials.type, "recovery_code"),
        eq(credentials.secret, codeHash(masterSecret, input.tenantId, input.userId, normalized)),
        isNull(credentials.lastUsedAt),
      ),
    )
    .returning({ id: credentials.id });
  return spent.length === 1;
}

/** How many unused recovery codes the user has. */
export async function remainingRecoveryCodes(db: Executor, tenantId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(credentials)
    .where(
      and(
        eq(credentials.tenantId, tenantId),
        eq(credentials.userId, userId),
        eq(credentials.type, "recovery_code"),
        isNull(credentials.lastUsedAt),
      ),
    );
  return Number(row?.n ?? 0);
}

export async function deleteRecoveryCodes(tx: Executor, tenantId: string, userId: string): Promise<number> {
  const gone = await tx
    .delete(credentials)
    .where(and(eq(credentials.tenantId, tenantId), eq(credentials.userId, userId), eq(credentials.type, "recovery_code")))
    .returning({ id: credentials.id });
  return gone.length;
}

/**
 * After a second factor was removed: recovery codes back up second factors, so with the last one
 * gone they go too. Call it in the transaction that removed the factor.
 */
export async function afterFactorRemoved(tx: Executor, tenantId: string, userId: string) {
  const left = await secondFactorsOf(tx, tenantId, userId);
  const recoveryCodesRemoved = left.any ? 0 : await deleteRecoveryCodes(tx, tenantId, userId);
  return { stillProtected: left.any, recoveryCodesRemoved };
}
