import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Executor } from "@plinto/db";
import { users, verifications } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import { enforceMailLimits, enforceProofLimit, send, where, type AuthDeps } from "../auth/support";
import { consumeCode, consumeToken, issueVerification } from "../auth/verifications";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { notify } from "../notifications/notifications";
import { requireRecentAuth } from "../sessions/recent-auth";
import { findUserByEmail, normalizeEmail } from "../users/users";
import { confirmNewEmailMessage, emailChangedMessage, emailChangeRequestedMessage } from "./messages";
import { requireUser } from "./profile";

/**
 * A signed-in user moving their account to another address. Asking needs a recent sign-in; the
 * new address gets a link and a code, the current one a notice; the account changes only when the
 * new address is confirmed, and the old one is told again then. An address another account of the
 * tenant has is refused (the asker is signed in, recently, and limited per address).
 */

type Tenant = { id: string; slug: string; name: string; settings: Parameters<typeof where>[1]["settings"] };
type Session = { authTime: Date; impersonationId?: string | null };

const taken = () => new ServiceError("conflict", "Another account already uses that email address");

/** The address change waiting for confirmation, if any (the newest live proof). */
export async function pendingEmailChange(db: Executor, tenantId: string, userId: string, now: Date = new Date()) {
  const [pending] = await db
    .select({ email: verifications.email, expiresAt: verifications.expiresAt })
    .from(verifications)
    .where(
      and(
        eq(verifications.tenantId, tenantId),
        eq(verifications.userId, userId),
        eq(verifications.purpose, "change_email"),
        isNull(verifications.consumedAt),
        gt(verifications.expiresAt, now),
      ),
    )
    .orderBy(desc(verifications.createdAt))
    .limit(1);
  return pending ?? null;
}

export async function startEmailChange(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenant: Tenant; userId: string; session: Session; email: string; now?: Date },
) {
  requireRecentAuth(input.session, undefined, input.now);
  const email = normalizeEmail(input.email);
  if (!z.email().safeParse(email).success) {
    throw new ServiceError("validation_failed", "That is not an email address", [{ path: "email", message: "Enter an email address like name@example.com" }]);
  }
  const user = await requireUser(db, input.tenant.id, input.userId);
  if (user.email.toLowerCase() === email.toLowerCase()) {
    throw new ServiceError("validation_failed", "That is already your email address", [{ path: "email", message: "Enter a different address" }]);
  }
  await enforceMailLimits(deps, ctx, input.tenant.id, email);
  if (await findUserByEmail(db, input.tenant.id, email)) throw taken();
  const proof = await db.transaction(async (tx) => {
    const issued = await issueVerification(tx, {
      tenantId: input.tenant.id,
      userId: user.id,
      email,
      purpose: "change_email",
      secret: deps.config.secret,
      withCode: true,
      now: input.now,
    });
    await recordAuditEvent(tx, ctx, { tenantId: input.tenant.id, action: "user.email_change_requested", targetType: "user", targetId: user.id, data: { to: email } });
    return issued;
  });
  // Mail leaves after the commit: the embedded database serves one transaction at a time.
  const at = input.now ?? new Date();
  await send(deps, input.tenant.id, email, confirmNewEmailMessage(where(deps, input.tenant), { token: proof.token, code: proof.code! }));
  await send(deps, input.tenant.id, user.email, emailChangeRequestedMessage(where(deps, input.tenant), { to: email, at }));
  return { status: "verification_sent" as const, email, expiresAt: proof.expiresAt };
}

/**
 * Confirms the change with the mailed link's token (no session needed: the link proves the new
 * address, and asking for it needed a recent sign-in) or with the mailed code typed in by the
 * signed-in user. The address must still be free; every other mailed proof of the account (reset
 * and sign-in links sent to the old address) is spent.
 */
export async function confirmEmailChange(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenant: Tenant } & ({ token: string } | { userId: string; code: string }),
) {
  await enforceProofLimit(deps, ctx, input.tenant.id);
  const tenantId = input.tenant.id;
  // The attempt count of a code must survive a wrong guess, so proofs are spent in their own transaction.
  const proof =
    "token" in input
      ? await db.transaction((tx) => consumeToken(tx, { tenantId, purpose: "change_email", token: input.token }))
      : await db.transaction((tx) => consumeCode(tx, { tenantId, userId: input.userId, purpose: "change_email", code: input.code, secret: deps.config.secret }));
  if (!proof) throw new ServiceError("invalid_verification", "That code is not right, or it has expired; ask for a new one");

  const now = new Date();
  const outcome = await db.transaction(async (tx) => {
    const user = await requireUser(tx, tenantId, proof.userId);
    if (user.status !== "active") throw new ServiceError("invalid_verification", "That code or link is not valid any more");
    const [other] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), ne(users.id, user.id), sql`lower(${users.email}) = lower(${proof.email})`))
      .limit(1);
    if (other) throw taken();
    const [updated] = await tx
      .update(users)
      .set({ email: proof.email, emailVerifiedAt: now })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, user.id)))
      .returning();
    await tx
      .update(verifications)
      .set({ consumedAt: now })
      .where(and(eq(verifications.tenantId, tenantId), eq(verifications.userId, user.id), isNull(verifications.consumedAt)));
    await notify(tx, {
      tenantId,
      userId: user.id,
      kind: "email_changed",
      title: "Your email address was changed",
      body: `Your account now uses ${proof.email} (it was ${user.email}).`,
    });
    await recordAuditEvent(tx, { ...ctx, actor: { type: "user", id: user.id } }, {
      tenantId,
      action: "user.email_changed",
      targetType: "user",
      targetId: user.id,
      data: { from: user.email, to: proof.email },
    });
    return { previous: user.email, user: updated! };
  });
  await send(deps, tenantId, outcome.previous, emailChangedMessage(where(deps, input.tenant), { to: proof.email, at: now }));
  return outcome;
}

/** Drops a change waiting for confirmation: its link and code stop working. */
export async function cancelEmailChange(tx: Executor, ctx: RequestContext, input: { tenantId: string; userId: string }) {
  const spent = await tx
    .update(verifications)
    .set({ consumedAt: new Date() })
    .where(
      and(
        eq(verifications.tenantId, input.tenantId),
        eq(verifications.userId, input.userId),
        eq(verifications.purpose, "change_email"),
        isNull(verifications.consumedAt),
      ),
    )
    .returning({ id: verifications.id });
  if (spent.length > 0) {
    await recordAuditEvent(tx, ctx, { tenantId: input.tenantId, action: "user.email_change_cancelled", targetType: "user", targetId: input.userId });
  }
}
