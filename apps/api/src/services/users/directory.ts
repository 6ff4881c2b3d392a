import { and, eq, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { users, type UserStatus } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { autoJoinByDomain } from "../organizations/domains";
import { listSessions, revokeAllSessions } from "../sessions/sessions";
import { keyset, pageOf } from "../pagination";

/**
 * The tenant's user directory as administrators see it: search, filters, pages, profile edits.
 * Deleted users are gone from it (their rows are deleted; a `deleted` status never shows).
 */

export type User = typeof users.$inferSelect;

export interface UserQuery {
  tenantId: string;
  q?: string | undefined;
  status?: Exclude<UserStatus, "deleted"> | undefined;
  emailVerified?: boolean | undefined;
  sort?: "created_at:asc" | "created_at:desc" | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** `%`, `_` and `\` match literally in a search: people search for text, not patterns. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listUsers(db: Executor, query: UserQuery) {
  const { orderBy, after } = keyset(users, query.sort === "created_at:asc" ? "asc" : "desc", query.cursor);
  const conditions: Array<SQL | undefined> = [eq(users.tenantId, query.tenantId), ne(users.status, "deleted"), after];
  if (query.q) {
    const pattern = likePattern(query.q);
    conditions.push(or(sql`${users.email} ilike ${pattern}`, sql`${users.name} ilike ${pattern}`));
  }
  if (query.status) conditions.push(eq(users.status, query.status));
  if (query.emailVerified !== undefined) {
    conditions.push(query.emailVerified ? isNotNull(users.emailVerifiedAt) : isNull(users.emailVerifiedAt));
  }
  const rows = await db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(...orderBy)
    .limit(query.limit + 1);
  const { items, nextCursor } = pageOf(rows, query.limit);
  return { users: items, nextCursor };
}

/** One user of the tenant, or not_found (also for another tenant's user). */
export async function getUser(db: Executor, tenantId: string, userId: string): Promise<User> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId), ne(users.status, "deleted")))
    .limit(1);
  if (!user) throw new ServiceError("not_found", "No such user");
  return user;
}

export interface UserChanges {
  name?: string | null | undefined;
  givenName?: string | null | undefined;
  familyName?: string | null | undefined;
  pictureUrl?: string | null | undefined;
  locale?: string | null | undefined;
  metadata?: Record<string, unknown> | undefined;
  /** true: the address was confirmed some other way (support call, imported data). */
  emailVerified?: true | undefined;
}

const PROFILE_FIELDS = ["name", "givenName", "familyName", "pictureUrl", "locale", "metadata"] as const;

/** Changes the fields given; audited with the names of the fields changed, not their values. */
export async function updateUser(tx: Executor, ctx: RequestContext, input: UserChanges & { tenantId: string; userId: string }) {
  const user = await getUser(tx, input.tenantId, input.userId);
  const set: Partial<typeof users.$inferInsert> = {};
  for (const field of PROFILE_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    // An emptied text field is a cleared one.
    (set as Record<string, unknown>)[field] = typeof value === "string" && value.trim() === "" ? null : value;
  }
  const verifying = input.emailVerified === true && user.emailVerifiedAt === null;
  if (verifying) set.emailVerifiedAt = new Date();
  if (Object.keys(set).length === 0) return user;
  const [updated] = await tx
    .update(users)
    .set(set)
    .where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId)))
    .returning();
  const changed = PROFILE_FIELDS.filter((f) => f in set);
  if (changed.length > 0) {
    await recordAuditEvent(tx, ctx, { tenantId: input.tenantId, action: "user.updated", targetType: "user", targetId: user.id, data: { fields: changed } });
  }
  if (verifying) {
    await recordAuditEvent(tx, ctx, {
      tenantId: input.tenantId,
      action: "user.email_verified",
      targetType: "user",
      targetId: user.id,
      data: { method: "manual" },
    });
    await autoJoinByDomain(tx, ctx, { tenantId: input.tenantId, userId: user.id, email: user.email });
  }
  return updated!;
}

/** A user's live sessions, for an administrator: not_found for a user not in the tenant. */
export async function userSessions(db: Executor, tenantId: string, userId: string) {
  const user = await getUser(db, tenantId, userId);
  return listSessions(db, tenantId, user.id);
}

/** Ends every session of a user and their applications' tokens, at an administrator's request. */
export async function endUserSessions(tx: Executor, ctx: RequestContext, input: { tenantId: string; userId: string }) {
  const user = await getUser(tx, input.tenantId, input.userId);
  return revokeAllSessions(tx, ctx, { tenantId: input.tenantId, userId: user.id, reason: "admin" });
}
