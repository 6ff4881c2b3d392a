import { and, eq, ne } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { users, type UserStatus } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { revokeAllSessions } from "../sessions/sessions";

async function changeStatus(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; userId: string },
  status: UserStatus,
  action: string,
) {
  const [user] = await tx
    .update(users)
    .set({ status })
    .where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId), ne(users.status, "deleted")))
    .returning();
  if (!user) throw new ServiceError("not_found", "No such user");
  await recordAuditEvent(tx, ctx, { tenantId: input.tenantId, action, targetType: "user", targetId: user.id });
  return user;
}

/**
 * Blocks a user: they cannot sign in, and every session and refresh token they hold ends in the
 * same transaction, so a blocked person is signed out everywhere at once.
 */
export async function blockUser(tx: Executor, ctx: RequestContext, input: { tenantId: string; userId: string }) {
  const user = await changeStatus(tx, ctx, input, "blocked", "user.blocked");
  await revokeAllSessions(tx, ctx, { ...input, reason: "user_blocked" });
  return user;
}

export async function unblockUser(tx: Executor, ctx: RequestContext, input: { tenantId: string; userId: string }) {
  return changeStatus(tx, ctx, input, "active", "user.unblocked");
}

/**
 * Deletes a user: the row, its credentials, identities, sessions and memberships go (by the
 * foreign keys' cascade) after every session is ended; the audit log keeps the fact, not the data.
 */
export async function deleteUser(tx: Executor, ctx: RequestContext, input: { tenantId: string; userId: string }) {
  await revokeAllSessions(tx, ctx, { ...input, reason: "user_deleted" });
  const deleted = await tx
    .delete(users)
    .where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId)))
    .returning({ id: users.id });
  if (deleted.length === 0) throw new ServiceError("not_found", "No such user");
  await recordAuditEvent(tx, ctx, { tenantId: input.tenantId, action: "user.deleted", targetType: "user", targetId: input.userId });
}
