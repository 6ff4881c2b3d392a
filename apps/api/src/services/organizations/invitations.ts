import { and, desc, eq, gt, sql } from "drizzle-orm";
import { INVITATION_DEFAULT_DAYS, INVITATION_MAX_DAYS } from "@plinto/contracts";
import { isId, type Db, type Executor } from "@plinto/db";
import { invitations, memberships, organizations, roles, tenants, users, type InvitationStatus } from "@plinto/db/schema";
import type { Config } from "../../lib/config";
import { hashToken, randomToken } from "../../lib/crypto";
import type { Mailer } from "../../lib/mail";
import type { RateLimiter } from "../../lib/rate-limit";
import { recordAuditEvent } from "../audit/audit";
import { enforce, limits } from "../auth/support";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { notify } from "../notifications/notifications";
import { displayNameOf } from "../tenants/tenants";
import { findUserByEmail, normalizeEmail } from "../users/users";
import { invitationMessage } from "./messages";
import { assertNotManaged, getOrganization, roleByKey } from "./organizations";

/** What inviting needs from the process: where links point, and the mailer. */
export interface InvitationDeps {
  config: Pick<Config, "publicUrl">;
  mailer: Mailer;
}

export type Invitation = typeof invitations.$inferSelect & { role: string };
const DAY_MS = 86_400_000;

/** A pending invitation past its expiry is expired, whether or not the store says so yet. */
export function invitationStatus(invitation: { status: InvitationStatus; expiresAt: Date }, now: Date = new Date()): InvitationStatus {
  return invitation.status === "pending" && invitation.expiresAt.getTime() <= now.getTime() ? "expired" : invitation.status;
}

const columns = { invitation: invitations, role: roles.key };

function withRole(row: { invitation: typeof invitations.$inferSelect; role: string }): Invitation {
  return { ...row.invitation, role: row.role };
}

/** An organization's invitations, newest first. */
export async function listInvitations(db: Executor, tenantId: string, organizationId: string): Promise<Invitation[]> {
  await getOrganization(db, tenantId, organizationId);
  const rows = await db
    .select(columns)
    .from(invitations)
    .innerJoin(roles, and(eq(roles.tenantId, invitations.tenantId), eq(roles.id, invitations.roleId)))
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.organizationId, organizationId)))
    .orderBy(desc(invitations.id));
  return rows.map(withRole);
}

/**
 * The invitations waiting for a user's answer: pending, unexpired, to their address (any case) —
 * and none while that address is unconfirmed, since only its owner may see who invited it.
 */
export async function pendingInvitationsFor(
  db: Executor,
  tenantId: string,
  user: { email: string; emailVerifiedAt: Date | null },
  now: Date = new Date(),
) {
  if (!user.emailVerifiedAt) return [];
  const rows = await db
    .select({ invitation: invitations, role: roles.key, organizationName: organizations.name })
    .from(invitations)
    .innerJoin(roles, and(eq(roles.tenantId, invitations.tenantId), eq(roles.id, invitations.roleId)))
    .innerJoin(organizations, and(eq(organizations.tenantId, invitations.tenantId), eq(organizations.id, invitations.organizationId)))
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        eq(invitations.status, "pending"),
        gt(invitations.expiresAt, now),
        sql`lower(${invitations.email}) = ${normalizeEmail(user.email).toLowerCase()}`,
      ),
    )
    .orderBy(desc(invitations.id));
  return rows.map((row) => ({ ...withRole(row), organizationName: row.organizationName }));
}

async function findInvitation(tx: Executor, tenantId: string, organizationId: string, invitationId: string): Promise<Invitation> {
  const [row] = isId("invitation", invitationId)
    ? await tx
        .select(columns)
        .from(invitations)
        .innerJoin(roles, and(eq(roles.tenantId, invitations.tenantId), eq(roles.id, invitations.roleId)))
        .where(and(eq(invitations.tenantId, tenantId), eq(invitations.organizationId, organizationId), eq(invitations.id, invitationId)))
        .limit(1)
        .for("update", { of: invitations })
    : [];
  if (!row) throw new ServiceError("not_found", "No such invitation");
  return withRole(row);
}

async function mailInvitation(db: Executor, deps: InvitationDeps, invitation: Invitation, organizationName: string, token: string) {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, invitation.tenantId)).limit(1);
  const where = { tenantName: displayNameOf(tenant!), baseUrl: `${deps.config.publicUrl}/t/${tenant!.slug}` };
  const content = invitationMessage(where, { organizationName, role: invitation.role, token, expiresAt: invitation.expiresAt });
  await deps.mailer.send({ tenantId: invitation.tenantId, to: invitation.email, subject: content.subject, text: content.text, kind: content.kind });
}

/**
 * Invites `email` to the organization with a role and mails the link. The token is in the mail
 * only; the store keeps its SHA-256. A live pending invitation to the same address, or an existing
 * member with it, is a conflict. The mail leaves after the commit (the embedded database serves
 * one transaction at a time); if it fails, resend.
 */
export async function createInvitation(
  db: Db,
  deps: InvitationDeps,
  ctx: RequestContext,
  input: { tenantId: string; organizationId: string; email: string; role: string; expiresInDays?: number | undefined; invitedByUserId?: string | undefined; now?: Date },
): Promise<Invitation> {
  const now = input.now ?? new Date();
  const days = input.expiresInDays ?? INVITATION_DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > INVITATION_MAX_DAYS) {
    throw new ServiceError("validation_failed", `An invitation lasts 1 to ${INVITATION_MAX_DAYS} days`, [
      { path: "expiresInDays", message: `Use a whole number from 1 to ${INVITATION_MAX_DAYS}` },
    ]);
  }
  const email = normalizeEmail(input.email);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || email.length > 320) {
    throw new ServiceError("validation_failed", "That is not an email address", [{ path: "email", message: "Enter an email address like name@example.com" }]);
  }
  const token = randomToken(32);
  const { invitation, organizationName } = await db.transaction(async (tx) => {
    const organization = await getOrganization(tx, input.tenantId, input.organizationId, { lock: true });
    assertNotManaged(organization, "invite its admins");
    const role = await roleByKey(tx, input.tenantId, input.role);
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
      .where(
        and(eq(memberships.tenantId, input.tenantId), eq(memberships.organizationId, organization.id), sql`lower(${users.email}) = lower(${email})`),
      )
      .limit(1);
    if (member) throw new ServiceError("conflict", "Someone with this email address is already a member");
    const open = await tx
      .select({ id: invitations.id, expiresAt: invitations.expiresAt, status: invitations.status })
      .from(invitations)
      .where(
        and(
          eq(invitations.tenantId, input.tenantId),
          eq(invitations.organizationId, organization.id),
          eq(invitations.status, "pending"),
          sql`lower(${invitations.email}) = lower(${email})`,
        ),
      );
    if (open.some((i) => invitationStatus(i, now) === "pending")) {
      throw new ServiceError("conflict", "This address already has a pending invitation: resend or revoke it");
    }
    const [row] = await tx
      .insert(invitations)
      .values({
        tenantId: input.tenantId,
        organizationId: organization.id,
        email,
        roleId: role.id,
        tokenHash: hashToken(token),
        invitedByUserId: input.invitedByUserId ?? null,
        expiresAt: new Date(now.getTime() + days * DAY_MS),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAuditEvent(tx, ctx, {
      tenantId: input.tenantId,
      action: "organization.invitation_created",
      targetType: "invitation",
      targetId: row!.id,
      data: { organizationId: organization.id, email, role: role.key, expiresAt: row!.expiresAt.toISOString() },
    });
    // Someone who already has an account here also sees it in their account (the link stays in the mail).
    const invitee = await findUserByEmail(tx, input.tenantId, email);
    if (invitee) {
      await notify(tx, {
        tenantId: input.tenantId,
        userId: invitee.id,
        kind: "invitation_received",
        title: `Invitation to ${organization.name}`,
        body: `You are invited to join ${organization.name} as ${role.name}. Open the link in the invitation mail to answer.`,
        data: { organizationId: organization.id, organizationName: organization.name, invitationId: row!.id, role: role.key },
      });
    }
    return { invitation: { ...row!, role: role.key }, organizationName: organization.name };
  });
  await mailInvitation(db, deps, invitation, organizationName, token);
  return invitation;
}

/** Revokes a pending invitation: its link stops working. */
export async function revokeInvitation(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; organizationId: string; invitationId: string },
) {
  await getOrganization(tx, input.tenantId, input.organizationId);
  const invitation = await findInvitation(tx, input.tenantId, input.organizationId, input.invitationId);
  if (invitation.status !== "pending") throw new ServiceError("conflict", `This invitation was already ${invitation.status}`);
  await tx
    .update(invitations)
    .set({ status: "revoked", respondedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(invitations.tenantId, input.tenantId), eq(invitations.id, invitation.id)));
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "organization.invitation_revoked",
    targetType: "invitation",
    targetId: invitation.id,
    data: { organizationId: input.organizationId, email: invitation.email },
  });
}

/**
 * Mails a pending (or expired, never answered) invitation again with a new token and a new expiry
 * of the default length; the old link stops working because its hash is gone.
 */
export async function resendInvitation(
  db: Db,
  deps: InvitationDeps,
  ctx: RequestContext,
  input: { tenantId: string; organizationId: string; invitationId: string; now?: Date },
): Promise<Invitation> {
  const now = input.now ?? new Date();
  const token = randomToken(32);
  const { invitation, organizationName } = await db.transaction(async (tx) => {
    const organization = await getOrganization(tx, input.tenantId, input.organizationId);
    const current = await findInvitation(tx, input.tenantId, organization.id, input.invitationId);
    if (current.status !== "pending") throw new ServiceError("conflict", `This invitation was already ${current.status}: invite them again instead`);
    const [row] = await tx
      .update(invitations)
      .set({ tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITATION_DEFAULT_DAYS * DAY_MS), updatedAt: now })
      .where(and(eq(invitations.tenantId, input.tenantId), eq(invitations.id, current.id)))
      .returning();
    await recordAuditEvent(tx, ctx, {
      tenantId: input.tenantId,
      action: "organization.invitation_resent",
      targetType: "invitation",
      targetId: current.id,
      data: { organizationId: organization.id, email: current.email, expiresAt: row!.expiresAt.toISOString() },
    });
    return { invitation: { ...row!, role: current.role }, organizationName: organization.name };
  });
  await mailInvitation(db, deps, invitation, organizationName, token);
  return invitation;
}

const invalid = () => new ServiceError("invalid_verification", "This invitation link is not valid any more; ask for a new invitation");

/**
 * The signed-in user's answer to an invitation, with the token from its link or by its id. Either
 * way only a pending, unexpired invitation to the user's own confirmed address (any case) counts. Accepting makes them
 * a member with the invited role (a member already keeps their role; the invitation is still
 * marked accepted). An expired invitation is marked expired, in a transaction of its own so the
 * mark survives the failed answer.
 */
async function respondToInvitation(
  db: Db,
  deps: { limiter: RateLimiter },
  ctx: RequestContext,
  input: {
    tenantId: string;
    user: { id: string; email: string; emailVerifiedAt: Date | null };
    /** The token from the mailed link, or the id from the user's pending invitations. */
    which: { token: string } | { invitationId: string };
    answer: "accept" | "decline";
    now?: Date;
  },
): Promise<{ status: "accepted"; organizationId: string; role: string } | { status: "declined" }> {
  const now = input.now ?? new Date();
  await enforce(deps.limiter, `code:ip:${input.tenantId}:${ctx.ipAddress ?? "unknown"}`, limits.codePerIp);
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx
      .select(columns)
      .from(invitations)
      .innerJoin(roles, and(eq(roles.tenantId, invitations.tenantId), eq(roles.id, invitations.roleId)))
      .where(
        and(
          eq(invitations.tenantId, input.tenantId),
          "token" in input.which ? eq(invitations.tokenHash, hashToken(input.which.token)) : eq(invitations.id, input.which.invitationId),
        ),
      )
      .limit(1)
      .for("update", { of: invitations });
    if (!row || row.invitation.status !== "pending") throw invalid();
    const invitation = withRole(row);
    if (invitationStatus(invitation, now) === "expired") {
      await tx
        .update(invitations)
        .set({ status: "expired", updatedAt: now })
        .where(and(eq(invitations.tenantId, input.tenantId), eq(invitations.id, invitation.id)));
      await recordAuditEvent(tx, ctx, {
        tenantId: input.tenantId,
        action: "organization.invitation_expired",
        targetType: "invitation",
        targetId: invitation.id,
        data: { organizationId: invitation.organizationId },
      });
      return { kind: "expired" as const };
    }
    if (!input.user.emailVerifiedAt) throw new ServiceError("email_not_verified", "Confirm your email address first, then open the invitation again");
    if (normalizeEmail(input.user.email).toLowerCase() !== invitation.email.toLowerCase()) {
      throw new ServiceError("forbidden", "This invitation is for another email address: sign in with the invited address");
    }
    const status = input.answer === "accept" ? ("accepted" as const) : ("declined" as const);
    if (status === "accepted") {
      await tx
        .insert(memberships)
        .values({ tenantId: input.tenantId, organizationId: invitation.organizationId, userId: input.user.id, roleId: invitation.roleId })
        .onConflictDoNothing();
    }
    await tx
      .update(invitations)
      .set({ status, respondedAt: now, updatedAt: now })
      .where(and(eq(invitations.tenantId, input.tenantId), eq(invitations.id, invitation.id)));
    await recordAuditEvent(tx, ctx, {
      tenantId: input.tenantId,
      action: `organization.invitation_${status}`,
      targetType: "invitation",
      targetId: invitation.id,
      data: { organizationId: invitation.organizationId, userId: input.user.id, role: invitation.role },
    });
    return { kind: status, organizationId: invitation.organizationId, role: invitation.role };
  });
  if (outcome.kind === "expired") throw new ServiceError("invalid_verification", "This invitation has expired; ask for a new one");
  if (outcome.kind === "declined") return { status: "declined" };
  return { status: "accepted", organizationId: outcome.organizationId, role: outcome.role };
}

type Answer = Omit<Parameters<typeof respondToInvitation>[3], "answer">;

/** Accepts an invitation for the signed-in user (see respondToInvitation). */
export async function acceptInvitation(db: Db, deps: { limiter: RateLimiter }, ctx: RequestContext, input: Answer) {
  const result = await respondToInvitation(db, deps, ctx, { ...input, answer: "accept" });
  if (result.status !== "accepted") throw new Error("an accepted invitation answers accepted");
  return result;
}

/** Declines an invitation for the signed-in user (see respondToInvitation). */
export async function declineInvitation(db: Db, deps: { limiter: RateLimiter }, ctx: RequestContext, input: Answer) {
  const result = await respondToInvitation(db, deps, ctx, { ...input, answer: "decline" });
  if (result.status !== "declined") throw new Error("a declined invitation answers declined");
  return result;
}
