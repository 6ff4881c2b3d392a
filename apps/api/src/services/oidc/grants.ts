import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { oidcModels } from "@plinto/db/schema";

/**
 * Ends everything the OpenID Provider holds for a user: grants, codes, access and refresh tokens
 * and provider sessions, of every application or of one (all but those issued under one tenant
 * session, with `exceptSessionId`). A refresh after this fails at once.
 */
export async function revokeUserGrants(tx: Executor, input: { tenantId: string; userId: string; clientId?: string; exceptSessionId?: string }) {
  const conditions = [eq(oidcModels.tenantId, input.tenantId), eq(oidcModels.accountId, input.userId)];
  if (input.clientId) conditions.push(eq(oidcModels.clientId, input.clientId));
  // What was issued under the one session that stays (its `sid`) stays with it; anything else ends.
  // What was issued under the one session that stays (its `sid`), and the grants those tokens
  // refresh under, stay with it; anything else ends.
  if (input.exceptSessionId) {
    conditions.push(sql`coalesce(${oidcModels.payload}->>'sid', '') <> ${input.exceptSessionId}`);
    conditions.push(
      sql`not (${oidcModels.model} = 'Grant' and ${oidcModels.id} in (select k.grant_id from ${oidcModels} k where k.tenant_id = ${input.tenantId} and k.grant_id is not null and k.payload->>'sid' = ${input.exceptSessionId}))`,
    );
  }
  const removed = await tx.delete(oidcModels).where(and(...conditions)).returning({ id: oidcModels.id });
  return removed.length;
}
