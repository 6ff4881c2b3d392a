import { and, count, eq, ilike, or, type SQL } from "drizzle-orm";
import { ORGANIZATION_SLUG } from "@plinto/contracts";
import { isId, type Executor } from "@plinto/db";
import { memberships, organizations, roles, users, type OrganizationSettings } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { notify } from "../notifications/notifications";
import { keyset, pageOf } from "../pagination";

export type Organization = typeof organizations.$inferSelect;

/** A page of a list (keyset pagination, see services/pagination.ts). */
export interface Page {
  limit: number;
  cursor?: string | undefined;
}

const OWNER = "owner";

/** LIKE patterns take the search as typed: `%` and `_` are not wildcards for the caller. */
const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function checkSlug(slug: string) {
  if (!ORGANIZATION_SLUG.test(slug)) {
    throw new ServiceError("validation_failed", "A slug is 1–64 lowercase letters, digits or inner hyphens", [
      { path: "slug", message: "Use lowercase letters, digits and hyphens, starting and ending with a letter or digit" },
    ]);
  }
}

function checkName(name: string) {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 100) {
    throw new ServiceError("validation_failed", "Name the organization in 1–100 characters", [{ path: "name", message: "Use 1–100 characters" }]);
  }
  return trimmed;
}

async function slugTaken(db: Executor, tenantId: string, slug: string, except?: string) {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.tenantId, tenantId), eq(organizations.slug, slug)))
    .limit(1);
  return row !== undefined && row.id !== except;
}

// ── Organizations ─────────────────────────────────────────────────────────────────────────────

/** The tenant's organizations, newest first; `q` matches part of the name or slug in any case. */
export async function listOrganizations(db: Executor, tenantId: string, page: Page & { q?: string | undefined }) {
  const { orderBy, after } = keyset(organizations, "desc", page.cursor);
  const filters: Array<SQL | undefined> = [eq(organizations.tenantId, tenantId), after];
  if (page.q) filters.push(or(ilike(organizations.name, likeText(page.q)), ilike(organizations.slug, likeText(page.q))));
  const rows = await db
    .select()
    .from(organizations)
    .where(and(...filters))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const { items, nextCursor } = pageOf(rows, page.limit);
  return { organizations: items, nextCursor };
}

async function findOrganization(db: Executor, tenantId: string, organizationId: string, options: { lock?: boolean } = {}) {
  if (!isId("organization", organizationId)) return undefined;
  const query = db
    .select()
    .from(organizations)
    .where(and(eq(organizations.tenantId, tenantId), eq(organizations.id, organizationId)))
    .limit(1);
  const [row] = options.lock ? await query.for("update") : await query;
  return row;
}

/** One of the tenant's organizations; another tenant's is not_found, exactly like a missing one. */
export async function getOrganization(db: Executor, tenantId: string, organizationId: string, options: { lock?: boolean } = {}) {
  const organization = await findOrganization(db, tenantId, organizationId, options);
  if (!organization) throw new ServiceError("not_found", "No such organization");
  return organization;
}

/**
 * The organizations of the platform tenant that stand for a tenant (`managedTenantId`) belong to
 * tenant administration: their members are that tenant's admins, so this API leaves them alone.
 */
export function assertNotManaged(organization: Organization, what: string) {
  if (organization.managedTenantId !== null) {
    throw new ServiceError("conflict", `This organization administers a tenant; ${what} through tenant administration instead`);
  }
}

export async function createOrganization(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; name: string; slug: string; metadata?: Record<string, unknown> | undefined },
) {
  const name = checkName(input.name);
  checkSlug(input.slug);
  if (await slugTaken(tx, input.tenantId, input.slug)) {
    throw new ServiceError("conflict", `An organization with the slug "${input.slug}" already exists`);
  }
  // The unique index settles a race between two creates with the same slug.
  const [organization] = await tx
    .insert(organizations)
    .values({ tenantId: input.tenantId, name, slug: input.slug, metadata: input.metadata ?? {} })
    .onConflictDoNothing()
    .returning();
  if (!organization) throw new ServiceError("conflict", `An organization with the slug "${input.slug}" already exists`);
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "organization.created",
    targetType: "organization",
    targetId: organization!.id,
    data: { name, slug: input.slug },
  });
  return organization!;
}

/** The organization's MFA policy as shown: optional unless set, with when it became required. */
export function mfaPolicyOf(organization: Pick<Organization, "settings">) {
  const policy = organization.settings.mfaPolicy ?? {};
  return {
    mode: policy.mode === "required" ? ("required" as const) : ("optional" as const),
    gracePeriodDays: policy.gracePeriodDays ?? 0,
    requiredSince: policy.mode === "required" && policy.requiredSince ? policy.requiredSince : null,
  };
}

/** New settings with `mfaPolicy`; becoming required stamps `requiredSince`, which grace periods count from. */
function withMfaPolicy(settings: OrganizationSettings, wanted: { mode: "optional" | "required"; gracePeriodDays?: number | undefined }, now: Date) {
  const before = settings.mfaPolicy ?? {};
  const requiredSince = wanted.mode !== "required" ? undefined : before.mode === "required" && before.requiredSince ? before.requiredSince : now.toISOString();
  return {
    ...settings,
    mfaPolicy: {
      mode: wanted.mode,
      gracePeriodDays: wanted.gracePeriodDays ?? before.gracePeriodDays ?? 0,
      ...(requiredSince ? { requiredSince } : {}),
    },
  };
}

export async function updateOrganization(
  tx: Executor,
  ctx: RequestContext,
  input: {
    tenantId: string;
    organizationId: string;
    name?: string | undefined;
    slug?: string | undefined;
    metadata?: Record<string, unknown> | undefined;
    mfaPolicy?: { mode: "optional" | "required"; gracePeriodDays?: number | undefined } | undefined;
    now?: Date;
  },
) {
  const current = await getOrganization(tx, input.tenantId, input.organizationId, { lock: true });
  const settings = input.mfaPolicy ? withMfaPolicy(current.settings, input.mfaPolicy, input.now ?? new Date()) : current.settings;
  const name = input.name !== undefined ? checkName(input.name) : current.name;
  const slug = input.slug ?? current.slug;
  checkSlug(slug);
  if ((name !== current.name || slug !== current.slug) && current.managedTenantId !== null) assertNotManaged(current, "rename it");
  if (slug !== current.slug && (await slugTaken(tx, input.tenantId, slug, current.id))) {
    throw new ServiceError("conflict", `An organization with the slug "${slug}" already exists`);
  }
  const changed = [
    ...(name !== current.name ? ["name"] : []),
    ...(slug !== current.slug ? ["slug"] : []),
    ...(input.metadata !== undefined && JSON.stringify(input.metadata) !== JSON.stringify(current.metadata) ? ["metadata"] : []),
    ...(JSON.stringify(settings) !== JSON.stringify(current.settings) ? ["mfaPolicy"] : []),
  ];
  if (changed.length === 0) return current;
  const [organization] = await tx
    .update(organizations)
    .set({ name, slug, settings, ...(input.metadata !== undefined ? { metadata: input.metadata } : {}), updatedAt: new Date() })
    .where(and(eq(organizations.tenantId, input.tenantId), eq(organizations.id, current.id)))
    .returning();
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "organization.updated",
    targetType: "organization",
    targetId: current.id,
    data: { changed, name, slug },
  });
  return organization!;
}

/** Deletes an organization; its memberships, invitations and domains go with it (foreign keys). */
export async function deleteOrganization(tx: Executor, ctx: RequestContext, input: { tenantId: string; organizationId: string }) {
  const current = await getOrganization(tx, input.tenantId, input.organizationId, { lock: true });
  assertNotManaged(current, "delete the tenant");
  await tx.delete(organizations).where(and(eq(organizations.tenantId, input.tenantId), eq(organizations.id, current.id)));
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "organization.deleted",
    targetType: "organization",
    targetId: current.id,
    data: { name: current.name, slug: current.slug },
  });
}

// ── Members ───────────────────────────────────────────────────────────────────────────────────

/** The tenant's role with this key, or validation_failed naming the field it came from. */
export async function roleByKey(db: Executor, tenantId: string, key: string, path = "role") {
  const [role] = await db.select().from(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.key, key))).limit(1);
  if (!role) throw new ServiceError("validation_failed", `This tenant has no role "${key}"`, [{ path, message: `No role with the key "${key}"` }]);
  return role;
}

const memberColumns = {
  id: memberships.id,
  userId: memberships.userId,
  roleId: memberships.roleId,
  createdAt: memberships.createdAt,
  updatedAt: memberships.updatedAt,
  email: users.email,
  name: users.name,
  role: roles.key,
};
export type Member = { id: string; userId: string; roleId: string; createdAt: Date; updatedAt: Date; email: string; name: string | null; role: string };

function memberQuery(db: Executor, tenantId: string, organizationId: string) {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
    .innerJoin(roles, and(eq(roles.tenantId, memberships.tenantId), eq(roles.id, memberships.roleId)))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.organizationId, organizationId)))
    .$dynamic();
}

/** An organization's members in the order they joined, with their email, name and role key. */
export async function listMembers(db: Executor, tenantId: string, organizationId: string, page: Page) {
  const { orderBy, after } = keyset(memberships, "asc", page.cursor);
  await getOrganization(db, tenantId, organizationId);
  const rows: Member[] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
    .innerJoin(roles, and(eq(roles.tenantId, memberships.tenantId), eq(roles.id, memberships.roleId)))
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.organizationId, organizationId),
        after,
      ),
    )
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  const { items, nextCursor } = pageOf(rows, page.limit);
  return { members: items, nextCursor };
}

async function findMember(db: Executor, tenantId: string, organizationId: string, userId: string): Promise<Member | undefined> {
  if (!isId("user", userId)) return undefined;
  const [row] = await memberQuery(db, tenantId, organizationId).where(
    and(eq(memberships.tenantId, tenantId), eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)),
  );
  return row;
}

export async function getMember(db: Executor, tenantId: string, organizationId: string, userId: string) {
  const member = await findMember(db, tenantId, organizationId, userId);
  if (!member) throw new ServiceError("not_found", "This user is not a member of the organization");
  return member;
}

async function ownerCount(tx: Executor, tenantId: string, organizationId: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .innerJoin(roles, and(eq(roles.tenantId, memberships.tenantId), eq(roles.id, memberships.roleId)))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.organizationId, organizationId), eq(roles.key, OWNER)));
  return Number(row?.n ?? 0);
}

/** Refuses to leave an organization with members but no owner (its last owner leaving or demoted). */
async function assertKeepsAnOwner(tx: Executor, member: Member, tenantId: string, organizationId: string, what: string) {
  if (member.role === OWNER && (await ownerCount(tx, tenantId, organizationId)) <= 1) {
    throw new ServiceError("conflict", `This is the organization's last owner: make someone else owner before you ${what}`);
  }
}

/** Adds one of the tenant's users with the role named by key. Another tenant's user is not_found. */
export async function addMember(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; organizationId: string; userId: string; role: string },
) {
  const organization = await getOrganization(tx, input.tenantId, input.organizationId, { lock: true });
  assertNotManaged(organization, "change its admins");
  const [user] = isId("user", input.userId)
    ? await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId))).limit(1)
    : [];
  if (!user) throw new ServiceError("not_found", "No such user in this tenant");
  const role = await roleByKey(tx, input.tenantId, input.role);
  const inserted = await tx
    .insert(memberships)
    .values({ tenantId: input.tenantId, organizationId: organization.id, userId: user.id, roleId: role.id })
    .onConflictDoNothing()
    .returning({ id: memberships.id });
  if (inserted.length === 0) throw new ServiceError("conflict", "This user is already a member; change their role instead");
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "organization.member_added",
    targetType: "organization",
    targetId: organization.id,
    data: { userId: user.id, role: role.key },
  });
  return getMember(tx, input.tenantId, organization.id, user.id);
}

export async function updateMember(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; organizationId: string; userId: string; role: string },
) {
  const organization = await getOrganization(tx, input.tenantId, input.organizationId, { lock: true });
  assertNotManaged(organization, "change its admins");
  const member = await getMember(tx, input.tenantId, organization.id, input.userId);
  const role = await roleByKey(tx, input.tenantId, input.role);
  if (role.id === member.roleId) return member;
  await assertKeepsAnOwner(tx, member, input.tenantId, organization.id, "change this member's role");
  await tx
    .update(memberships)
    .set({ roleId: role.id, updatedAt: new Date() })
    .where(and(eq(memberships.tenantId, input.tenantId), eq(memberships.id, member.id)));
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "organization.member_role_changed",
    targetType: "organization",
    targetId: organization.id,
    data: { userId: member.userId, from: member.role, to: role.key },
  });
  await notify(tx, {
    tenantId: input.tenantId,
    userId: member.userId,
    kind: "organization_role_changed",
    title: `Your role in ${organization.name} changed`,
    body: `Your role in ${organization.name} is now ${role.name} (it was ${member.role}).`,
    data: { organizationId: organization.id, organizationName: organization.name, from: member.role, to: role.key },
    mail: true,
  });
  return getMember(tx, input.tenantId, organization.id, member.userId);
}

export async function removeMember(tx: Executor, ctx: RequestContext, input: { tenantId: string; organizationId: string; userId: string }) {
  const organization = await getOrganization(tx, input.tenantId, input.organizationId, { lock: true });
  assertNotManaged(organization, "change its admins");
  const member = await getMember(tx, input.tenantId, organization.id, input.userId);
  await assertKeepsAnOwner(tx, member, input.tenantId, organization.id, "remove them");
  await tx.delete(memberships).where(and(eq(memberships.tenantId, input.tenantId), eq(memberships.id, member.id)));
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "organization.member_removed",
    targetType: "organization",
    targetId: organization.id,
    data: { userId: member.userId, role: member.role },
  });
}
