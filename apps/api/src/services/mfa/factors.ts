import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { credentials } from "@plinto/db/schema";

/**
 * A user's second factors as a whole: an authenticator app (confirmed TOTP), passkeys, and the
 * recovery codes that back them up. Recovery codes are never a factor on their own: they exist
 * while another factor does, and go with the last one.
 */

/** The ways a pending sign-in (or a step-up) may be completed. */
export type MfaMethod = "totp" | "recovery_code" | "email_code" | "passkey";

export interface FactorSummary {
  id: string;
  type: "totp" | "passkey";
  name: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface SecondFactors {
  factors: FactorSummary[];
  totp: boolean;
  passkey: boolean;
  /** Unused recovery codes. */
  recoveryCodes: number;
  /** The user has at least one real second factor (an authenticator app or a passkey). */
  any: boolean;
}

/** The user's confirmed second factors, oldest first, and how many recovery codes are unused. */
export async function secondFactorsOf(db: Executor, tenantId: string, userId: string): Promise<SecondFactors> {
  const rows = await db
    .select({
      id: credentials.id,
      type: credentials.type,
      name: credentials.name,
      createdAt: credentials.createdAt,
      lastUsedAt: credentials.lastUsedAt,
    })
    .from(credentials)
    .where(
      and(
        eq(credentials.tenantId, tenantId),
        eq(credentials.userId, userId),
        inArray(credentials.type, ["totp", "passkey", "recovery_code"]),
        isNotNull(credentials.verifiedAt),
      ),
    )
    .orderBy(asc(credentials.createdAt), asc(credentials.id));
  const factors = rows.filter((r): r is typeof r & { type: "totp" | "passkey" } => r.type === "totp" || r.type === "passkey");
  const totp = factors.some((f) => f.type === "totp");
  const passkey = factors.some((f) => f.type === "passkey");
  return {
    factors,
    totp,
    passkey,
    recoveryCodes: rows.filter((r) => r.type === "recovery_code" && r.lastUsedAt === null).length,
    any: totp || passkey,
  };
}

/**
 * The methods a pending sign-in may be completed with, in the order a page offers them. An
 * emailed code stands in only where the tenant allows it and only after a password: after an
 * emailed first factor it would prove the same thing twice.
 */
export function offeredMethods(
  factors: Pick<SecondFactors, "totp" | "passkey" | "recoveryCodes" | "any">,
  input: { firstFactorAmr: string[]; allowEmailCode: boolean },
): MfaMethod[] {
  if (!factors.any) return [];
  const methods: MfaMethod[] = [];
  if (factors.totp) methods.push("totp");
  if (factors.passkey) methods.push("passkey");
  if (factors.recoveryCodes > 0) methods.push("recovery_code");
  if (input.allowEmailCode && input.firstFactorAmr.includes("pwd")) methods.push("email_code");
  return methods;
}

/**
 * RFC 8176 methods of a sign-in completed with a second factor: the first factor's, the second's,
 * and `mfa`, in a stable order without repeats (an emailed first factor and an authenticator code
 * are both `otp`).
 */
export function combinedAmr(first: readonly string[], second: readonly string[]): string[] {
  const all = [...first, ...second];
  return [...new Set([...all.filter((m) => m !== "mfa"), "mfa"])];
}
