import type { Db } from "@plinto/db";
import { recordAuditEvent } from "../audit/audit";
import { resetPasswordMessage } from "../auth/messages";
import { emailKey, enforce, limits, send, where, type AuthDeps } from "../auth/support";
import { issueVerification } from "../auth/verifications";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { findTenantById } from "../tenants/tenants";
import { findUserById } from "./users";

/**
 * An administrator sends a user the same password-reset link the user could ask for themselves
 * ("forgot password"): a single-use link that expires in 30 minutes, the earlier unused ones spent.
 * Audited as `user.password_reset_sent` with the administrator (or API key) as actor, in the
 * transaction that issues the link. A blocked user is refused: the link would not let them in.
 * The per-address mail limit of the self-service flow applies too, so nobody is flooded with mail.
 */
export async function sendPasswordReset(
  db: Db,
  deps: AuthDeps,
  ctx: RequestContext,
  input: { tenantId: string; userId: string },
): Promise<{ status: "reset_sent" }> {
  const user = await findUserById(db, input.tenantId, input.userId);
  if (!user) throw new ServiceError("not_found", "No such user");
  if (user.status !== "active") throw new ServiceError("conflict", "The user is blocked; unblock them before sending a password reset");
  const tenant = await findTenantById(db, input.tenantId);
  if (!tenant) throw new ServiceError("not_found", "No such tenant");
  await enforce(deps.limiter, `mail:${tenant.id}:${emailKey(user.email)}`, limits.mailPerAddress);
  const proof = await db.transaction(async (tx) => {
    const issued = await issueVerification(tx, {
      tenantId: tenant.id,
      userId: user.id,
      email: user.email,
      purpose: "reset_password",
      secret: deps.config.secret,
      withCode: false,
    });
    await recordAuditEvent(tx, ctx, { tenantId: tenant.id, action: "user.password_reset_sent", targetType: "user", targetId: user.id });
    return issued;
  });
  await send(deps, tenant.id, user.email, resetPasswordMessage(where(deps, tenant), { token: proof.token }));
  return { status: "reset_sent" };
}
