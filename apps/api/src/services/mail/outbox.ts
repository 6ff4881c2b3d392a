import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { OutboxMessage } from "@plinto/contracts";
import { isId, type Executor } from "@plinto/db";
import { mailOutbox } from "@plinto/db/schema";
import { ServiceError } from "../errors";

export interface OutboxQuery {
  tenantId: string;
  /** Only mail to this address, compared case-insensitively. */
  to?: string | undefined;
  /** Only mail of this kind, e.g. `verify-email`. */
  kind?: string | undefined;
  /** 1–100. */
  limit: number;
  /** Cursor: only mail older than the mail with this id (the last id of the previous page). */
  before?: string | undefined;
}

export const MAX_OUTBOX_PAGE = 100;

/**
 * The tenant's development outbox, newest first (by creation time, then id). Only ever this
 * tenant's mail: a `before` id from another tenant matches nothing and so gives an empty page.
 */
export async function listOutbox(db: Executor, query: OutboxQuery): Promise<OutboxMessage[]> {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_OUTBOX_PAGE) {
    throw new ServiceError("validation_failed", `limit must be a whole number from 1 to ${MAX_OUTBOX_PAGE}`, [
      { path: "limit", message: `Use a whole number from 1 to ${MAX_OUTBOX_PAGE}` },
    ]);
  }
  if (query.before !== undefined && !isId("mail", query.before)) {
    throw new ServiceError("validation_failed", "before must be a mail id", [
      { path: "before", message: "Pass the id of the last mail of the previous page (mail_…)" },
    ]);
  }

  const conditions: SQL[] = [eq(mailOutbox.tenantId, query.tenantId)];
  if (query.to !== undefined) conditions.push(sql`lower(${mailOutbox.toAddress}) = lower(${query.to.trim()})`);
  if (query.kind !== undefined) conditions.push(eq(mailOutbox.kind, query.kind));
  if (query.before !== undefined) {
    // Keyset: strictly after the cursor row in (created_at desc, id desc) order, within this tenant.
    conditions.push(
      sql`(${mailOutbox.createdAt}, ${mailOutbox.id}) < (select c.created_at, c.id from ${mailOutbox} c where c.tenant_id = ${query.tenantId} and c.id = ${query.before})`,
    );
  }

  const rows = await db
    .select()
    .from(mailOutbox)
    .where(and(...conditions))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(query.limit);

  return rows.map((row) => ({
    id: row.id,
    to: row.toAddress,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
  }));
}
