/**
 * A user's own second factors (list, remove, new recovery codes) and an administrator's reset.
 * A user's own change needs a recent sign-in (`requireRecentAuth`); every change writes an audit
 * event in its transaction and tells the account's address.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db, Executor } from "@plinto/db";
import { credentials, tenants } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import { send, where, type AuthDeps } from "../auth/support";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { requireRecentAuth } from "../sessions/recent-auth";
import { notify } from "../notifications/notifications";
import { revokeAllSessions } from "../sessions/sessions";
import { findUserById } from "../users/users";
import { consumeUserChallenges } from "./challenges";
import { secondFactorsOf, type SecondFactors } from "./factors";
import { factorsResetMessage, recoveryCodesReplacedMessage, totpRemovedMessage } from "./messages";
import { afterFactorRemoved, replaceRecoveryCodes } from "./recovery-codes";

async function tenantById(db: Executor, tenantId: string) {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  if (!tenant) throw new ServiceError("not_found", "No such tenant");
  return tenant;
}

async function userOf(db: Executor, tenantId: string, userId: string) {
  const user = await findUserById(db, tenantId, userId);
  if (!user) throw new ServiceError("not_found", "No such user");
  return user;
}

/** The caller's second factors and how many recovery codes are unused. */
export async function listFactors(db: Executor, input: { tenantId: string; userId: string }): Promise<SecondFactors> {
  return secondFactorsOf(db, input.tenantId, input.userId);
}

/**
 * Removes one of the user's authenticator apps (confirmed or still pending). With the last second
 * factor gone, the recovery codes go too: on their own they would be a second password. Passkeys
 * are removed through their own API (`DELETE passkeys/{passkey}`), which tells their owner.
 */
export async function removeFactor(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; session: { authTime: Date }; factorId: string; now?: Date },
): Promise<{ status: "removed" }> {
  const now = input.now ?? new Date();
  const [row] = await db
    .select({ id: credentials.id, type: credentials.type, verifiedAt: credentials.verifiedAt })
    .from(credentials)
    .where(and(eq(credentials.tenantId, input.tenantId), eq(credentials.userId, input.userId), eq(credentials.id, input.factorId)))
    .limit(1);
  if (!row || (row.type !== "totp" && row.type !== "passkey")) throw new ServiceError("not_found", "No such factor");
  requireRecentAuth(input.session, undefined, now);
  if (row.type === "passkey") throw new ServiceError("conflict", "Remove a passkey with DELETE passkeys/{passkey}");

  const outcome = await db.transaction(async (tx) => {
    await tx.delete(credentials).where(and(eq(credentials.tenantId, input.tenantId), eq(credentials.id, row.id)));
    const { stillProtected, recoveryCodesRemoved } = await afterFactorRemoved(tx, input.tenantId, input.userId);
    if (row.verifiedAt !== null) {
      await notify(tx, {
        tenantId: input.tenantId,
        userId: input.userId,
        kind: "factor_removed",
        title: "An authenticator app was removed",
        body: stillProtected
          ? "Its codes no longer sign you in; your other second factors still do."
          : "Its codes no longer sign you in, and your account is now protected by your password alone.",
        data: { credentialId: row.id, type: "totp" },
      });
    }
    await recordAuditEvent(tx, { ...ctx, actor: { type: "user", id: input.userId } }, {
      tenantId: input.tenantId,
      action: "mfa.factor_removed",
      targetType: "credential",
      targetId: row.id,
      data: { type: row.type, userId: input.userId, confirmed: row.verifiedAt !== null, recoveryCodesRemoved },
    });
    return { stillProtected, confirmed: row.verifiedAt !== null };
  });
  if (outcome.confirmed) {
    const [tenant, user] = await Promise.all([tenantById(db, input.tenantId), userOf(db, input.tenantId, input.userId)]);
    await send(deps, input.tenantId, user.email, totpRemovedMessage(where(deps, tenant), now, outcome.stillProtected));
  }
  return { status: "removed" };
}

/**
 * Ten new recovery codes in place of all earlier ones, returned once. Needs a recent sign-in and a
 * second factor for them to back up.
 */
export async function regenerateRecoveryCodes(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; session: { authTime: Date }; now?: Date },
): Promise<{ recoveryCodes: string[] }> {
  const now = input.now ?? new Date();
  requireRecentAuth(input.session, undefined, now);
  const recoveryCodes = await db.transaction(async (tx) => {
    if (!(await secondFactorsOf(tx, input.tenantId, input.userId)).any) {
      throw new ServiceError("conflict", "Set up an authenticator app or a passkey first; recovery codes back it up");
    }
    const codes = await replaceRecoveryCodes(tx, deps.config.secret, { tenantId: input.tenantId, userId: input.userId, now });
    await recordAuditEvent(tx, { ...ctx, actor: { type: "user", id: input.userId } }, {
      tenantId: input.tenantId,
      action: "mfa.recovery_codes_generated",
      targetType: "user",
      targetId: input.userId,
      data: { count: codes.length, reason: "regenerated" },
    });
    return codes;
  });
  const [tenant, user] = await Promise.all([tenantById(db, input.tenantId), userOf(db, input.tenantId, input.userId)]);
  await send(deps, input.tenantId, user.email, recoveryCodesReplacedMessage(where(deps, tenant), now));
  return { recoveryCodes };
}

/**
 * For a flow that has just added a user's second factor elsewhere (a passkey), in its transaction:
 * when it is the user's first, ten recovery codes are made (and audited) and returned to show
 * once; otherwise undefined.
 */
export async function recoveryCodesForFirstFactor(
  tx: Executor,
  deps: Pick<AuthDeps, "config">,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; newFactorId: string; now?: Date },
): Promise<string[] | undefined> {
  const now = input.now ?? new Date();
  const factors = await secondFactorsOf(tx, input.tenantId, input.userId);
  if (factors.factors.some((f) => f.id !== input.newFactorId)) return undefined;
  const codes = await replaceRecoveryCodes(tx, deps.config.secret, { tenantId: input.tenantId, userId: input.userId, now });
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "mfa.recovery_codes_generated",
    targetType: "user",
    targetId: input.userId,
    data: { count: codes.length, reason: "first_factor" },
  });
  return codes;
}

/**
 * An administrator's reset, for someone who lost their authenticator and recovery codes: their
 * authenticator apps and recovery codes are deleted, pending sign-ins and every session end, the
 * reset is audited with the administrator as actor, and the user is told by mail. Passkeys stay.
 */
export async function resetSecondFactors(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; now?: Date },
): Promise<{ status: "reset"; removed: { totp: number; recoveryCodes: number } }> {
  const now = input.now ?? new Date();
  const user = await userOf(db, input.tenantId, input.userId);
  const removed = await db.transaction(async (tx) => {
    const gone = await tx
      .delete(credentials)
      .where(and(eq(credentials.tenantId, input.tenantId), eq(credentials.userId, user.id), inArray(credentials.type, ["totp", "recovery_code"])))
      .returning({ type: credentials.type });
    const counts = { totp: gone.filter((g) => g.type === "totp").length, recoveryCodes: gone.filter((g) => g.type === "recovery_code").length };
    await consumeUserChallenges(tx, { tenantId: input.tenantId, userId: user.id, now });
    await recordAuditEvent(tx, ctx, {
      tenantId: input.tenantId,
      action: "mfa.factors_reset",
      targetType: "user",
      targetId: user.id,
      data: counts,
    });
    await revokeAllSessions(tx, ctx, { tenantId: input.tenantId, userId: user.id, reason: "mfa_reset" });
    return counts;
  });
  const tenant = await tenantById(db, input.tenantId);
  await send(deps, input.tenantId, user.email, factorsResetMessage(where(deps, tenant), now));
  return { status: "reset", removed };
}
