import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { AUDIT_EXPORT_LIMIT, type AuditEventFilter } from "@plinto/contracts";
import type { Executor } from "@plinto/db";
import { auditEvents, tenants } from "@plinto/db/schema";
import { ServiceError } from "../errors";
import { likePattern } from "../users/directory";

/**
 * Reading a tenant's audit log: a filtered list newest first (keyset by the chain's seq), one event,
 * and an export of everything the filters match up to a cap. Every query is the tenant's alone.
 */

export type AuditEventRow = typeof auditEvents.$inferSelect;

/** The filters as the service takes them: the contract's, for one tenant. */
export type AuditQuery = AuditEventFilter & { tenantId: string };

function conditions(query: AuditQuery): SQL[] {
  const where: SQL[] = [eq(auditEvents.tenantId, query.tenantId)];
  if (query.actor) where.push(eq(auditEvents.actorId, query.actor));
  if (query.actorType) where.push(eq(auditEvents.actorType, query.actorType));
  if (query.action) {
    // `user.` is every user action; `user.blocked` is that action only.
    where.push(query.action.endsWith(".") ? sql`${auditEvents.action} like ${likePattern(query.action).slice(1)}` : eq(auditEvents.action, query.action));
  }
  if (query.targetType) where.push(eq(auditEvents.targetType, query.targetType));
  if (query.targetId) where.push(eq(auditEvents.targetId, query.targetId));
  if (query.from) where.push(gte(auditEvents.occurredAt, new Date(query.from)));
  if (query.to) where.push(lt(auditEvents.occurredAt, new Date(query.to)));
  return where;
}

/** A page cursor: base64url of `seq:<n>`, the seq of the last event of a page. */
export function encodeAuditCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`, "utf8").toString("base64url");
}

function decodeAuditCursor(cursor: string): number {
  const match = /^[A-Za-z0-9_-]+$/.test(cursor) ? /^seq:([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, "base64url").toString("utf8")) : null;
  const seq = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(seq)) {
    throw new ServiceError("validation_failed", "That cursor is not one this list gave", [{ path: "cursor", message: "Pass nextCursor back unchanged" }]);
  }
  return seq;
}

/** A page of the tenant's events, newest first. */
export async function listAuditEvents(db: Executor, query: AuditQuery & { limit: number; cursor?: string | undefined }) {
  const where = conditions(query);
  if (query.cursor) where.push(lt(auditEvents.seq, decodeAuditCursor(query.cursor)));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(query.limit + 1);
  const events = rows.slice(0, query.limit);
  return { events, nextCursor: rows.length > query.limit ? encodeAuditCursor(events[events.length - 1]!.seq) : null };
}

/** One event of the tenant, or not_found (also for another tenant's event). */
export async function getAuditEvent(db: Executor, tenantId: string, eventId: string): Promise<AuditEventRow> {
  const [event] = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.id, eventId)))
    .limit(1);
  if (!event) throw new ServiceError("not_found", "No such audit event");
  return event;
}

/**
 * Every event the filters match, newest first, up to `cap`; `truncated` says more matched. The
 * tenant's slug comes along to name the file.
 */
export async function exportAuditEvents(db: Executor, query: AuditQuery, cap = AUDIT_EXPORT_LIMIT) {
  const [tenant] = await db.select({ slug: tenants.slug }).from(tenants).where(eq(tenants.id, query.tenantId)).limit(1);
  if (!tenant) throw new ServiceError("not_found", "No such tenant");
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions(query)))
    .orderBy(desc(auditEvents.seq))
    .limit(cap + 1);
  return { tenantSlug: tenant.slug, events: rows.slice(0, cap), truncated: rows.length > cap };
}
