import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { memberships, organizations, roles, sessions } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { permissionsOfRole } from "./roles";

/** One organization the user belongs to, with the key of their role in it. */
export interface UserOrganization {
  id: string;
  slug: string;
  name: string;
  role: string;
  roleId: string;
}

/** The organization a session acts in, with what the user's role there allows. */
export interface ActiveOrganization {
  id: string;
  slug: string;
  name: string;
  role: string;
  permissions: string[];
}

/** The user's memberships in this tenant, by organization name. Read fresh at every call. */
export async function organizationsOf(db: Executor, input: { tenantId: string; userId: string }): Promise<UserOrganization[]> {
  return db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, role: roles.key, roleId: roles.id })
    .from(memberships)
    .innerJoin(organizations, and(eq(organizations.tenantId, memberships.tenantId), eq(organizations.id, memberships.organizationId)))
    .innerJoin(roles, and(eq(roles.tenantId, memberships.tenantId), eq(roles.id, memberships.roleId)))
    .where(and(eq(memberships.tenantId, input.tenantId), eq(memberships.userId, input.userId)))
    .orderBy(asc(organizations.name), asc(organizations.id));
}

/**
 * The organization the user acts in: the session's choice while they are still a member of it,
 * else their only organization, else none. Membership and role are read now, so a removal or a
 * role change shows in the very next token, whatever the session remembers.
 */
export async function activeOrganization(
  db: Executor,
  input: { tenantId: string; userId: string; sessionActiveOrganizationId: string | null | undefined },
  memberOf?: UserOrganization[],
): Promise<ActiveOrganization | undefined> {
  const mine = memberOf ?? (await organizationsOf(db, input));
  const chosen = input.sessionActiveOrganizationId ? mine.find((o) => o.id === input.sessionActiveOrganizationId) : undefined;
  const active = chosen ?? (mine.length === 1 ? mine[0] : undefined);
  if (!active) return undefined;
  return {
    id: active.id,
    slug: active.slug,
    name: active.name,
    role: active.role,
    permissions: await permissionsOfRole(db, input.tenantId, active.roleId),
  };
}

/** The organization a session chose (possibly one the user has since left), if the session is the user's. */
export async function sessionOrganizationChoice(db: Executor, input: { tenantId: string; userId: string; sessionId: string }) {
  const [row] = await db
    .select({ activeOrganizationId: sessions.activeOrganizationId })
    .from(sessions)
    .where(and(eq(sessions.tenantId, input.tenantId), eq(sessions.id, input.sessionId), eq(sessions.userId, input.userId)))
    .limit(1);
  return row?.activeOrganizationId ?? null;
}

/** An organization of the user named by id or slug (as an authorization request may name it). */
export async function findUserOrganization(db: Executor, input: { tenantId: string; userId: string; organization: string }) {
  const mine = await organizationsOf(db, input);
  return mine.find((o) => o.id === input.organization || o.slug === input.organization);
}

/**
 * Makes `organizationId` the session's active organization, or clears the choice with null. An
 * organization the user is not a member of (another tenant's included) is not_found, so the
 * answer tells nothing about organizations the user cannot see. Audited.
 */
export async function switchOrganization(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; sessionId: string; userId: string; organizationId: string | null },
) {
  const mine = await organizationsOf(tx, input);
  if (input.organizationId !== null && !mine.some((o) => o.id === input.organizationId)) {
    throw new ServiceError("not_found", "You are not a member of this organization");
  }
  const updated = await tx
    .update(sessions)
    .set({ activeOrganizationId: input.organizationId })
    .where(and(eq(sessions.tenantId, input.tenantId), eq(sessions.id, input.sessionId), eq(sessions.userId, input.userId)))
    .returning({ id: sessions.id });
  if (updated.length === 0) throw new ServiceError("not_found", "No such session");
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "session.organization_switched",
    targetType: "session",
    targetId: input.sessionId,
    data: { organizationId: input.organizationId },
  });
  return activeOrganization(tx, { ...input, sessionActiveOrganizationId: input.organizationId }, mine);
}
