import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db, Executor } from "@plinto/db";
import { apiKeys, impersonations, sessions, tenants, users } from "@plinto/db/schema";
import { hashToken, randomToken } from "../../lib/crypto";
import { recordAuditEvent } from "../audit/audit";
import type { AuthDeps } from "../auth/auth";
import { send, where } from "../auth/support";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { createSession } from "../sessions/sessions";

/** How long a ticket waits to be opened, and the bounds of an impersonated session. */
export const IMPERSONATION_TICKET_SECONDS = 120;
export const IMPERSONATION_MINUTES = { min: 5, max: 60, default: 15 } as const;

export type Impersonation = typeof impersonations.$inferSelect;

/**
 * An administrator asks to sign in as a user, for support, with a reason and a length (5–60
 * minutes). Answers a single-use ticket, good for two minutes, for the tenant's hosted page
 * `/t/{tenant}/impersonate`, which starts the session; nothing is started yet. Audited as
 * `user.impersonation_requested` with the reason. Blocked users cannot be impersonated.
 */
export async function requestImpersonation(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; reason: string; minutes?: number; publicUrl: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const minutes = input.minutes ?? IMPERSONATION_MINUTES.default;
  if (!Number.isInteger(minutes) || minutes < IMPERSONATION_MINUTES.min || minutes > IMPERSONATION_MINUTES.max) {
    throw new ServiceError("validation_failed", "An impersonation lasts 5 to 60 minutes", [{ path: "minutes", message: "Use 5 to 60 minutes" }]);
  }
  const reason = input.reason.trim();
  if (reason.length < 3 || reason.length > 500) {
    throw new ServiceError("validation_failed", "Say why, in 3–500 characters", [{ path: "reason", message: "Say why, in 3–500 characters" }]);
  }
  const [row] = await tx
    .select({ user: users, tenantSlug: tenants.slug })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId)))
    .limit(1);
  if (!row) throw new ServiceError("not_found", "No such user");
  if (row.user.status !== "active") throw new ServiceError("conflict", "A blocked user cannot be impersonated");
  const ticket = randomToken(32);
  const [impersonation] = await tx
    .insert(impersonations)
    .values({
      tenantId: input.tenantId,
      userId: row.user.id,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id ?? null,
      actorLabel: await labelOf(tx, ctx.actor),
      reason,
      durationSeconds: minutes * 60,
      ticketHash: hashToken(ticket),
      ticketExpiresAt: new Date(now.getTime() + IMPERSONATION_TICKET_SECONDS * 1000),
    })
    .returning();
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "user.impersonation_requested",
    targetType: "user",
    targetId: row.user.id,
    data: { impersonation: impersonation!.id, reason, minutes },
  });
  const url = `${input.publicUrl}/t/${row.tenantSlug}/impersonate?ticket=${ticket}`;
  return { impersonation: impersonation!, url, expiresAt: impersonation!.ticketExpiresAt };
}

/**
 * Opens a ticket, once: starts the impersonated session (ending after the asked length, whatever
 * the tenant's session lifetimes), audits `user.impersonation_started` in the administrator's name,
 * and mails the user unless the tenant switched that off. A used, expired or unknown ticket, or a
 * user blocked meanwhile, is `invalid_verification`.
 */
export async function startImpersonation(db: Db, deps: AuthDeps, ctx: RequestContext, input: { tenantId: string; ticket: string; now?: Date }) {
  const now = input.now ?? new Date();
  const started = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(impersonations)
      .set({ startedAt: now })
      .where(
        and(
          eq(impersonations.tenantId, input.tenantId),
          eq(impersonations.ticketHash, hashToken(input.ticket)),
          isNull(impersonations.startedAt),
          gt(impersonations.ticketExpiresAt, now),
        ),
      )
      .returning();
    if (!claimed) return undefined;
    const [user] = await tx.select().from(users).where(and(eq(users.tenantId, input.tenantId), eq(users.id, claimed.userId))).limit(1);
    if (!user || user.status !== "active") return undefined;
    const expiresAt = new Date(now.getTime() + claimed.durationSeconds * 1000);
    const session = await createSession(tx, ctx, { tenantId: input.tenantId, userId: user.id, amr: [], now, impersonation: { id: claimed.id, expiresAt } });
    await tx.update(impersonations).set({ sessionId: session.session.id }).where(eq(impersonations.id, claimed.id));
    const actor: RequestContext = { ...ctx, actor: { type: claimed.actorType, ...(claimed.actorId ? { id: claimed.actorId } : {}) } };
    await recordAuditEvent(tx, actor, {
      tenantId: input.tenantId,
      action: "user.impersonation_started",
      targetType: "user",
      targetId: user.id,
      data: { impersonation: claimed.id, session: session.session.id, endsAt: expiresAt.toISOString() },
    });
    return { ...session, user, impersonation: claimed, expiresAt };
  });
  if (!started) throw new ServiceError("invalid_verification", "This impersonation link has been used or has expired; ask for a new one");
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, input.tenantId)).limit(1);
  if (tenant && tenant.settings.impersonation?.notifyUser !== false) {
    const place = where(deps, tenant);
    await send(deps, tenant.id, started.user.email, {
      kind: "impersonation-started",
      subject: `An administrator of ${place.tenantName} signed in as you`,
      text:
        `${started.impersonation.actorLabel}, an administrator of ${place.tenantName}, signed in to your account for support on ` +
        `${now.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC")}, until ${started.expiresAt.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC")}.\n` +
        `The reason given: ${started.impersonation.reason}\n\n` +
        `If you did not expect this, contact ${place.tenantName}'s support.\n\n— ${place.tenantName}`,
    });
  }
  return started;
}

/** How the banner and the user's mail name who asked: an admin's email, or an API key's name. */
async function labelOf(db: Executor, actor: RequestContext["actor"]): Promise<string> {
  if (actor.type === "admin" && actor.id) {
    const [admin] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.id)).limit(1);
    if (admin) return admin.email;
  }
  if (actor.type === "api_key" && actor.id) {
    const [key] = await db.select({ name: apiKeys.name }).from(apiKeys).where(eq(apiKeys.id, actor.id)).limit(1);
    if (key) return `API key "${key.name}"`;
  }
  return "An administrator";
}

/** The impersonation behind a session, for the banner; undefined for an ordinary session. */
export async function impersonationOfSession(db: Executor, session: { tenantId: string; impersonationId: string | null }) {
  if (!session.impersonationId) return undefined;
  const [row] = await db
    .select()
    .from(impersonations)
    .where(and(eq(impersonations.tenantId, session.tenantId), eq(impersonations.id, session.impersonationId)))
    .limit(1);
  return row;
}

/**
 * The RFC 8693 §4.1 actor claim for tokens issued from an impersonated session: `act.sub` names
 * who is really acting. An administrator is a user of the platform tenant, so `act.iss` is that
 * tenant's issuer (their `sub` is unique there, not here); an API key is named by its id, in this
 * tenant. Undefined for an ordinary session. Read at every issue, from the session the token's
 * `sid` names, so a refreshed token says it too.
 */
export async function impersonationActClaim(
  db: Executor,
  input: { publicUrl: string; tenantId: string; sessionId: string | undefined },
): Promise<{ sub: string; iss?: string } | undefined> {
  if (!input.sessionId) return undefined;
  const [row] = await db
    .select({ actorType: impersonations.actorType, actorId: impersonations.actorId })
    .from(sessions)
    .innerJoin(impersonations, and(eq(impersonations.tenantId, sessions.tenantId), eq(impersonations.id, sessions.impersonationId)))
    .where(and(eq(sessions.tenantId, input.tenantId), eq(sessions.id, input.sessionId)))
    .limit(1);
  if (!row) return undefined;
  if (row.actorType === "admin" && row.actorId) {
    const [home] = await db
      .select({ slug: tenants.slug })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(eq(users.id, row.actorId))
      .limit(1);
    return { sub: row.actorId, ...(home ? { iss: `${input.publicUrl}/t/${home.slug}` } : {}) };
  }
  // Someone acted, even if the record no longer says who: the token must still say it is not the user.
  return { sub: row.actorId ?? row.actorType };
}
