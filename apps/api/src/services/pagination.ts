import { and, asc, desc, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { ServiceError } from "./errors";

/**
 * Keyset pagination for management lists, ordered by (creation time, id). The cursor is opaque to
 * callers: base64url of `<ISO time>|<id>` of the last row of a page. Rows inserted meanwhile never
 * shift a page, unlike an offset. Times compare at millisecond precision, the precision a cursor
 * carries (PostgreSQL keeps microseconds, JavaScript dates do not).
 */
export interface PageCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(row: PageCursor): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): PageCursor {
  const refuse = () => new ServiceError("validation_failed", "That cursor is not one this list gave", [{ path: "cursor", message: "Pass nextCursor back unchanged" }]);
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse();
  const [time, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(time ?? "");
  if (rest.length > 0 || !id || !/^[a-z]+_[0-9a-z]{26}$/.test(id) || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== time) {
    throw refuse();
  }
  return { createdAt, id };
}

/** The ORDER BY and the after-the-cursor condition for a (created_at, id) keyset. */
export function keyset(columns: { createdAt: AnyColumn; id: AnyColumn }, direction: "asc" | "desc", cursor: string | undefined) {
  const time = sql`date_trunc('milliseconds', ${columns.createdAt})`;
  const orderBy = direction === "desc" ? [desc(time), desc(columns.id)] : [asc(time), asc(columns.id)];
  let after: SQL | undefined;
  if (cursor) {
    const at = decodeCursor(cursor);
    const iso = at.createdAt.toISOString();
    after =
      direction === "desc"
        ? or(sql`${time} < ${iso}::timestamptz`, and(sql`${time} = ${iso}::timestamptz`, sql`${columns.id} < ${at.id}`))
        : or(sql`${time} > ${iso}::timestamptz`, and(sql`${time} = ${iso}::timestamptz`, sql`${columns.id} > ${at.id}`));
  }
  return { orderBy, after };
}

/** Splits the `limit + 1` rows fetched into a page and the cursor of the next one. */
export function pageOf<T extends PageCursor>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]!) : null };
}
