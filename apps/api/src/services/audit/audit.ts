import { createHash } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { auditEvents } from "@plinto/db/schema";
import type { RequestContext } from "../context";

export interface AuditEntry {
  tenantId: string;
  action: string;
  targetType?: string;
  targetId?: string;
  /** Facts about the change. Never a secret, token or password. */
  data?: Record<string, unknown>;
}

/** Stable JSON: object keys sorted, so the same event always hashes the same. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

export function auditHash(event: Record<string, unknown>): string {
  return createHash("sha256").update(canonical(event)).digest("hex");
}

/**
 * Appends one event to the tenant's chain. Call it inside the transaction that makes the change,
 * so the change and its record commit together. A per-tenant transaction lock orders the chain.
 */
export async function recordAuditEvent(tx: Executor, ctx: RequestContext, entry: AuditEntry) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`plinto:audit:${entry.tenantId}`}))`);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.tenantId, entry.tenantId))
    .orderBy(desc(auditEvents.seq))
    .limit(1);

  const fields = {
    tenantId: entry.tenantId,
    seq: (last?.seq ?? 0) + 1,
    occurredAt: new Date(),
    action: entry.action,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ipAddress: ctx.ipAddress ?? null,
    userAgent: ctx.userAgent ?? null,
    data: entry.data ?? {},
    prevHash: last?.hash ?? null,
  };
  const [event] = await tx
    .insert(auditEvents)
    .values({ ...fields, hash: auditHash(fields) })
    .returning();
  return event!;
}

/** Walks a tenant's chain and reports the first event whose hash or link does not hold. */
export async function verifyAuditChain(db: Executor, tenantId: string): Promise<{ ok: boolean; brokenAtSeq?: number }> {
  const events = await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenantId)).orderBy(auditEvents.seq);
  let prevHash: string | null = null;
  let expectedSeq = 1;
  for (const { id: _id, hash, ...fields } of events) {
    if (fields.seq !== expectedSeq || fields.prevHash !== prevHash || auditHash(fields) !== hash) {
      return { ok: false, brokenAtSeq: fields.seq };
    }
    prevHash = hash;
    expectedSeq += 1;
  }
  return { ok: true };
}
