import { and, count, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { notifications, users, type NotificationCategory } from "@plinto/db/schema";
import type { RequestContext } from "../context";
import { recordAuditEvent } from "../audit/audit";
import { ServiceError } from "../errors";
import { keyset, pageOf } from "../pagination";
import { NOTIFICATION_KINDS, OPTIONAL_CATEGORIES, type NotificationKind, type OptionalCategory } from "./categories";
import { requestNotificationMail } from "./delivery";

export { NOTIFICATION_KINDS, OPTIONAL_CATEGORIES, type NotificationKind, type OptionalCategory };

/**
 * What Plinto tells a user about their own account, shown in the account portal: each kind has its
 * category (security notices — new sign-ins, password, address and factor changes — are always
 * mailed, and the mail preferences cannot switch them off). Services call `notify` inside the
 * transaction that made the change, so a notification exists exactly when the change does; a mail
 * it carries leaves after the commit (delivery.ts).
 */

export interface NewNotification {
  tenantId: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Further facts for the portal (e.g. an organization's id); never secrets. */
  data?: Record<string, unknown>;
  /**
   * Also mail it, after the commit (for changes whose service does not already mail about them):
   * security notices always go; other categories only when the user's preference allows it.
   */
  mail?: boolean;
}

export async function notify(tx: Executor, input: NewNotification) {
  const [row] = await tx
    .insert(notifications)
    .values({
      tenantId: input.tenantId,
      userId: input.userId,
      kind: input.kind,
      category: NOTIFICATION_KINDS[input.kind],
      data: { ...input.data, title: input.title, body: input.body },
      mailStatus: input.mail ? "pending" : "none",
    })
    .returning({ id: notifications.id });
  if (input.mail) requestNotificationMail();
  return row!;
}

type Row = typeof notifications.$inferSelect;

/** The wire form: what the portal shows, never the mail's content or its delivery state. */
export function notificationBody(row: Row) {
  const { title, body, ...data } = row.data;
  return {
    id: row.id,
    kind: row.kind,
    category: row.category,
    title,
    body,
    data,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

const mine = (input: { tenantId: string; userId: string }) => and(eq(notifications.tenantId, input.tenantId), eq(notifications.userId, input.userId));

/** The user's notifications, newest first, a page at a time; only unread ones with `unread`. */
export async function listNotifications(db: Executor, input: { tenantId: string; userId: string; limit: number; cursor?: string | undefined; unread?: boolean | undefined }) {
  const { orderBy, after } = keyset(notifications, "desc", input.cursor);
  const rows = await db
    .select()
    .from(notifications)
    .where(and(mine(input), input.unread ? isNull(notifications.readAt) : undefined, after))
    .orderBy(...orderBy)
    .limit(input.limit + 1);
  return pageOf(rows, input.limit);
}

export async function unreadCount(db: Executor, input: { tenantId: string; userId: string }) {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(mine(input), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the user's notifications read (again is fine); another user's is not_found. */
export async function markNotificationRead(tx: Executor, input: { tenantId: string; userId: string; notificationId: string; now?: Date }) {
  const [row] = await tx
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${(input.now ?? new Date()).toISOString()}::timestamptz)` })
    .where(and(mine(input), eq(notifications.id, input.notificationId)))
    .returning();
  if (!row) throw new ServiceError("not_found", "No such notification");
  return row;
}

export async function markAllNotificationsRead(tx: Executor, input: { tenantId: string; userId: string; now?: Date }) {
  const marked = await tx
    .update(notifications)
    .set({ readAt: input.now ?? new Date() })
    .where(and(mine(input), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return marked.length;
}

/** Every category with whether mail about it goes to the user, and whether that can be changed. */
export function emailPreferencesOf(stored: Partial<Record<OptionalCategory, boolean>>) {
  return [
    { category: "security" as const, email: true, locked: true },
    ...(Object.keys(OPTIONAL_CATEGORIES) as OptionalCategory[]).map((category) => ({
      category,
      email: stored[category] ?? OPTIONAL_CATEGORIES[category],
      locked: false,
    })),
  ];
}

export async function getEmailPreferences(db: Executor, input: { tenantId: string; userId: string }) {
  const [user] = await db
    .select({ emailPreferences: users.emailPreferences })
    .from(users)
    .where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId)))
    .limit(1);
  if (!user) throw new ServiceError("not_found", "No such user");
  return emailPreferencesOf(user.emailPreferences);
}

/**
 * Changes which optional mail the user gets. Security notices cannot be switched off: asking to
 * is refused, so a portal never shows a switch that silently did nothing.
 */
export async function updateEmailPreferences(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; userId: string; change: Partial<Record<NotificationCategory, boolean>> },
) {
  if (input.change.security === false) {
    throw new ServiceError("validation_failed", "Security notices are always sent", [
      { path: "security", message: "Mail about sign-ins and changes to how your account is protected cannot be switched off" },
    ]);
  }
  const [user] = await tx
    .select({ emailPreferences: users.emailPreferences })
    .from(users)
    .where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId)))
    .for("update")
    .limit(1);
  if (!user) throw new ServiceError("not_found", "No such user");
  const next = { ...user.emailPreferences };
  const changed: string[] = [];
  for (const category of Object.keys(OPTIONAL_CATEGORIES) as OptionalCategory[]) {
    const wanted = input.change[category];
    if (wanted === undefined || wanted === (next[category] ?? OPTIONAL_CATEGORIES[category])) continue;
    next[category] = wanted;
    changed.push(category);
  }
  if (changed.length > 0) {
    await tx.update(users).set({ emailPreferences: next }).where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId)));
    await recordAuditEvent(tx, ctx, { tenantId: input.tenantId, action: "user.email_preferences_updated", targetType: "user", targetId: input.userId, data: { changed } });
  }
  return emailPreferencesOf(next);
}
