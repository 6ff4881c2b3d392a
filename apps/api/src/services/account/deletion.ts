import { and, asc, eq, isNotNull, isNull, lte } from "drizzle-orm";
import { DELETION_GRACE_BOUNDS } from "@plinto/contracts";
import type { Db } from "@plinto/db";
import { tenants, users, verifications, type TenantSettings } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import { enforceProofLimit, send, where, type AuthDeps } from "../auth/support";
import { consumeToken, issueVerification } from "../auth/verifications";
import { systemContext, type RequestContext } from "../context";
import { ServiceError } from "../errors";
import { requireRecentAuth } from "../sessions/recent-auth";
import { deleteUser } from "../users/lifecycle";
import { accountDeletedMessage, deletionCancelledMessage, deletionScheduledMessage } from "./messages";
import { requireUser } from "./profile";

/**
 * An account deleted at its owner's request, after a grace period (the tenant's, default 14 days)
 * in which the owner can change their mind: signed in, or with the single-use link mailed when
 * they asked (its token is kept only as a hash, like every mailed proof). Housekeeping deletes the
 * accounts whose time has come with the same deletion an administrator uses; every step is audited.
 */

type Tenant = { id: string; slug: string; name: string; settings: TenantSettings };

export function deletionGraceDays(settings: TenantSettings): number {
  return settings.account?.deletionGracePeriodDays ?? DELETION_GRACE_BOUNDS.default;
}

export async function scheduleAccountDeletion(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenant: Tenant; userId: string; session: { authTime: Date; impersonationId?: string | null }; now?: Date },
) {
  const now = input.now ?? new Date();
  requireRecentAuth(input.session, undefined, now);
  const grace = deletionGraceDays(input.tenant.settings);
  const scheduledFor = new Date(now.getTime() + grace * 86_400_000);
  const { user, proof } = await db.transaction(async (tx) => {
    const user = await requireUser(tx, input.tenant.id, input.userId);
    if (user.deletionScheduledFor) throw new ServiceError("conflict", "This account's deletion is already scheduled");
    await tx.update(users).set({ deletionScheduledFor: scheduledFor }).where(and(eq(users.tenantId, input.tenant.id), eq(users.id, user.id)));
    // The link works until the deletion happens (and at least a day, so a zero grace still mails a working link).
    const proof = await issueVerification(tx, {
      tenantId: input.tenant.id,
      userId: user.id,
      email: user.email,
      purpose: "cancel_deletion",
      secret: deps.config.secret,
      withCode: false,
      now,
      ttlSeconds: Math.max(grace * 86_400, 86_400),
    });
    await recordAuditEvent(tx, ctx, {
      tenantId: input.tenant.id,
      action: "user.deletion_scheduled",
      targetType: "user",
      targetId: user.id,
      data: { scheduledFor: scheduledFor.toISOString(), graceDays: grace },
    });
    return { user, proof };
  });
  await send(deps, input.tenant.id, user.email, deletionScheduledMessage(where(deps, input.tenant), { at: scheduledFor, token: proof.token }));
  return { status: "scheduled" as const, scheduledFor };
}

/**
 * Cancels a scheduled deletion: with the mailed link's token (no session needed), or signed in.
 * Every cancellation link of the account is spent, and the address told.
 */
export async function cancelAccountDeletion(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenant: Tenant } & ({ token: string } | { userId: string }),
) {
  const now = new Date();
  if ("token" in input) await enforceProofLimit(deps, ctx, input.tenant.id);
  const user = await db.transaction(async (tx) => {
    const userId =
      "token" in input ? (await consumeToken(tx, { tenantId: input.tenant.id, purpose: "cancel_deletion", token: input.token, now })).userId : input.userId;
    const user = await requireUser(tx, input.tenant.id, userId);
    if (!user.deletionScheduledFor) throw new ServiceError("conflict", "No deletion is scheduled for this account");
    await tx.update(users).set({ deletionScheduledFor: null }).where(and(eq(users.tenantId, input.tenant.id), eq(users.id, user.id)));
    await tx
      .update(verifications)
      .set({ consumedAt: now })
      .where(and(eq(verifications.tenantId, input.tenant.id), eq(verifications.userId, user.id), eq(verifications.purpose, "cancel_deletion"), isNull(verifications.consumedAt)));
    await recordAuditEvent(tx, { ...ctx, actor: ctx.actor.id ? ctx.actor : { type: "user", id: user.id } }, {
      tenantId: input.tenant.id,
      action: "user.deletion_cancelled",
      targetType: "user",
      targetId: user.id,
      data: { via: "token" in input ? "link" : "session" },
    });
    return user;
  });
  await send(deps, input.tenant.id, user.email, deletionCancelledMessage(where(deps, input.tenant), now));
  return { status: "cancelled" as const };
}

/**
 * Deletes every account whose scheduled deletion is due, one transaction each (so one failure
 * stops nothing else), with the user deletion service an administrator's deletion uses, and mails
 * the address a last notice. Run by the hourly housekeeping.
 */
export async function deleteDueAccounts(db: Db, deps: Pick<AuthDeps, "config" | "mailer">, options: { now?: Date; limit?: number } = {}) {
  const now = options.now ?? new Date();
  const due = await db
    .select({ tenantId: users.tenantId, id: users.id })
    .from(users)
    .where(and(isNotNull(users.deletionScheduledFor), lte(users.deletionScheduledFor, now)))
    .orderBy(asc(users.deletionScheduledFor))
    .limit(options.limit ?? 100);
  let deleted = 0;
  for (const row of due) {
    const gone = await db.transaction(async (tx) => {
      // Read again under the transaction: a cancellation meanwhile wins.
      const [user] = await tx
        .select()
        .from(users)
        .where(and(eq(users.tenantId, row.tenantId), eq(users.id, row.id), isNotNull(users.deletionScheduledFor), lte(users.deletionScheduledFor, now)))
        .for("update")
        .limit(1);
      if (!user) return undefined;
      const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, row.tenantId)).limit(1);
      await recordAuditEvent(tx, systemContext, {
        tenantId: row.tenantId,
        action: "user.deletion_completed",
        targetType: "user",
        targetId: user.id,
        data: { scheduledFor: user.deletionScheduledFor!.toISOString(), reason: "requested_by_user" },
      });
      await deleteUser(tx, systemContext, { tenantId: row.tenantId, userId: user.id });
      return { email: user.email, tenant: tenant! };
    });
    if (!gone) continue;
    deleted++;
    await send(deps, row.tenantId, gone.email, accountDeletedMessage(where(deps, gone.tenant), now)).catch(() => undefined);
  }
  return deleted;
}
