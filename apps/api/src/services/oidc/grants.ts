import { and, eq } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { oidcModels } from "@plinto/db/schema";

/**
 * Ends everything the OpenID Provider holds for a user: grants, codes, access and refresh tokens
 * and provider sessions, of every application or of one. A refresh after this fails at once.
 */
export async function revokeUserGrants(tx: Executor, input: { tenantId: string; userId: string; clientId?: string }) {
  const conditions = [eq(oidcModels.tenantId, input.tenantId), eq(oidcModels.accountId, input.userId)];
  if (input.clientId) conditions.push(eq(oidcModels.clientId, input.clientId));
  const removed = await tx.delete(oidcModels).where(and(...conditions)).returning({ id: oidcModels.id });
  return removed.length;
}
