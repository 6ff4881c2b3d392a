import type { Db } from "@plinto/db";
import { verifyPassword } from "../../lib/password";
import { recordAuditEvent } from "../audit/audit";
import { enforce, send, where, type AuthDeps } from "../auth/support";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { notify } from "../notifications/notifications";
import { consumeUserChallenges } from "../mfa/challenges";
import { requireRecentAuth } from "../sessions/recent-auth";
import { revokeAllSessions } from "../sessions/sessions";
import { getPasswordHash, setPassword } from "../users/users";
import { passwordChangedMessage } from "./messages";
import { requireUser } from "./profile";

/** Wrong current passwords per account: the same pace as password sign-in (services/auth/support.ts). */
const CURRENT_PASSWORD_TRIES = { limit: 10, windowSeconds: 15 * 60 };

type Tenant = { id: string; slug: string; name: string; settings: Parameters<typeof where>[1]["settings"] };

/**
 * A signed-in user choosing a new password. An account with a password proves it knows the current
 * one (tries limited per account); one without (passkeys, mailed links, SSO) needs a recent sign-in
 * instead. The new password meets the tenant's policy (length, common and breached-list words, the
 * account's own words: users/password-policy.ts). Optionally every other session ends, with the
 * application tokens issued under them. Sign-ins waiting for a second factor were started with the
 * old password, so they end. The address on file is told; the change is audited.
 */
export async function changePassword(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: {
    tenant: Tenant;
    userId: string;
    session: { id: string; authTime: Date; impersonationId?: string | null };
    currentPassword?: string | undefined;
    newPassword: string;
    signOutOtherSessions: boolean;
    now?: Date;
  },
) {
  const now = input.now ?? new Date();
  if (input.session.impersonationId) {
    throw new ServiceError("forbidden", "An administrator signed in as this user cannot change how the account is protected");
  }
  const user = await requireUser(db, input.tenant.id, input.userId);
  const stored = await getPasswordHash(db, input.tenant.id, user.id);
  if (stored) {
    if (!input.currentPassword) {
      throw new ServiceError("validation_failed", "Enter your current password", [{ path: "currentPassword", message: "Enter your current password" }]);
    }
    const key = `password-change:${input.tenant.id}:${user.id}`;
    await enforce(deps.limiter, key, CURRENT_PASSWORD_TRIES);
    if (!(await verifyPassword(stored, input.currentPassword))) {
      await db.transaction((tx) =>
        recordAuditEvent(tx, ctx, { tenantId: input.tenant.id, action: "user.password_change_failed", targetType: "user", targetId: user.id, data: { reason: "wrong_password" } }),
      );
      throw new ServiceError("validation_failed", "That is not your current password", [{ path: "currentPassword", message: "That is not your current password" }]);
    }
    await deps.limiter.reset(key, CURRENT_PASSWORD_TRIES);
  } else {
    requireRecentAuth(input.session, undefined, now);
  }

  const ended = await db.transaction(async (tx) => {
    await setPassword(tx, ctx, { tenantId: input.tenant.id, userId: user.id, password: input.newPassword }).catch((error: unknown) => {
      // The policy names the field `password`; here it is `newPassword`.
      if (error instanceof ServiceError && error.fields) {
        throw new ServiceError(error.code, error.message, error.fields.map((f) => ({ ...f, path: f.path === "password" ? "newPassword" : f.path })));
      }
      throw error;
    });
    const count = input.signOutOtherSessions
      ? await revokeAllSessions(tx, ctx, { tenantId: input.tenant.id, userId: user.id, reason: "password_changed", exceptSessionId: input.session.id })
      : 0;
    await consumeUserChallenges(tx, { tenantId: input.tenant.id, userId: user.id, now });
    // The mail below is this change's own notice; the notification does not mail again.
    await notify(tx, {
      tenantId: input.tenant.id,
      userId: user.id,
      kind: "password_changed",
      title: "Your password was changed",
      body: input.signOutOtherSessions ? "Your password was changed, and every other session was signed out." : "Your password was changed.",
    });
    await recordAuditEvent(tx, ctx, {
      tenantId: input.tenant.id,
      action: "user.password_changed",
      targetType: "user",
      targetId: user.id,
      data: { hadPassword: stored !== undefined, signedOutOtherSessions: input.signOutOtherSessions, sessionsEnded: count },
    });
    return count;
  });
  await send(deps, input.tenant.id, user.email, passwordChangedMessage(where(deps, input.tenant), { at: now, signedOutOthers: input.signOutOtherSessions }));
  return { status: "password_changed" as const, sessionsEnded: ended };
}
