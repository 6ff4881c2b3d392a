import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { applications, consents } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { revokeUserGrants } from "./grants";

/** The scopes a user allowed a third-party application, remembered across sign-ins; or none. */
export async function rememberedScopes(db: Executor, input: { tenantId: string; userId: string; applicationId: string }) {
  const [row] = await db
    .select({ scopes: consents.scopes })
    .from(consents)
    .where(and(eq(consents.tenantId, input.tenantId), eq(consents.userId, input.userId), eq(consents.applicationId, input.applicationId)))
    .limit(1);
  return new Set(row?.scopes ?? []);
}

/** Records that the user allowed these scopes (added to any allowed before), audited. */
export async function rememberConsent(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; applicationId: string; scopes: string[] },
) {
  const scopes = [...new Set([...(await rememberedScopes(tx, input)), ...input.scopes])].sort();
  await tx
    .insert(consents)
    .values({ tenantId: input.tenantId, userId: input.userId, applicationId: input.applicationId, scopes })
    .onConflictDoUpdate({ target: [consents.tenantId, consents.userId, consents.applicationId], set: { scopes } });
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "consent.granted",
    targetType: "application",
    targetId: input.applicationId,
    data: { userId: input.userId, scopes: input.scopes },
  });
}

/** The third-party applications a user has allowed, with what they were allowed. */
export async function listConsents(db: Executor, tenantId: string, userId: string) {
  return db
    .select({
      applicationId: consents.applicationId,
      applicationName: applications.name,
      logoUri: applications.logoUri,
      scopes: consents.scopes,
      grantedAt: consents.createdAt,
      updatedAt: consents.updatedAt,
    })
    .from(consents)
    .innerJoin(applications, and(eq(applications.tenantId, consents.tenantId), eq(applications.id, consents.applicationId)))
    .where(and(eq(consents.tenantId, tenantId), eq(consents.userId, userId)))
    .orderBy(asc(applications.name));
}

/**
 * Withdraws a user's consent to an application: the next sign-in asks again, and every token the
 * application holds for the user ends now.
 */
export async function revokeConsent(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; applicationId: string },
) {
  const [removed] = await tx
    .delete(consents)
    .where(and(eq(consents.tenantId, input.tenantId), eq(consents.userId, input.userId), eq(consents.applicationId, input.applicationId)))
    .returning({ applicationId: consents.applicationId });
  if (!removed) throw new ServiceError("not_found", "You have not allowed this application anything");
  const [application] = await tx
    .select({ clientId: applications.clientId })
    .from(applications)
    .where(and(eq(applications.tenantId, input.tenantId), eq(applications.id, input.applicationId)))
    .limit(1);
  const tokens = application ? await revokeUserGrants(tx, { tenantId: input.tenantId, userId: input.userId, clientId: application.clientId }) : 0;
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "consent.revoked",
    targetType: "application",
    targetId: input.applicationId,
    data: { userId: input.userId, applicationTokens: tokens },
  });
}
