import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { notifications, tenants, users } from "@plinto/db/schema";
import type { Config } from "../../lib/config";
import type { Mailer } from "../../lib/mail";
import { where } from "../auth/support";
import { OPTIONAL_CATEGORIES, type OptionalCategory } from "./categories";
import { notificationMail } from "./messages";

/**
 * Mail that notifications carry leaves after the transaction that made them commits. `notify`
 * marks the row pending and asks for a delivery; a delivery claims pending rows (each is claimed
 * once, so two processes never send the same mail twice) and sends them. On the embedded database
 * a delivery waits for the open transaction; on PostgreSQL it may run before the commit, so it is
 * tried a few times over two seconds, and the hourly housekeeping sends whatever is still left.
 */

export interface DeliveryDeps {
  db: Executor;
  mailer: Mailer;
  config: Pick<Config, "publicUrl">;
}

const BATCH = 50;
const RETRY_DELAYS_MS = [20, 250, 2_000];

let installed: DeliveryDeps | undefined;
let timers: NodeJS.Timeout[] = [];

/** The process's database and mailer, for deliveries asked for by `notify` (set when the runtime is assembled). */
export function installNotificationDelivery(deps: DeliveryDeps) {
  installed = deps;
}

/** Asks for deliveries soon after the current transaction; several asks in a row share them. */
export function requestNotificationMail() {
  if (!installed || timers.length > 0) return;
  const deps = installed;
  timers = RETRY_DELAYS_MS.map((delay, i) =>
    setTimeout(() => {
      if (i === RETRY_DELAYS_MS.length - 1) timers = [];
      void deliverNotificationMail(deps).catch((error: unknown) => {
        console.error(`plinto-api: notification mail failed (${error instanceof Error ? error.name : typeof error}); housekeeping tries again`);
      });
    }, delay).unref(),
  );
}

/** Sends what is pending through the installed runtime (housekeeping's sweep); 0 when none is installed. */
export function deliverPendingNotificationMail(): Promise<number> {
  return installed ? deliverNotificationMail(installed) : Promise.resolve(0);
}

/** Sends every pending notification mail now; how many went out. */
export async function deliverNotificationMail(deps: DeliveryDeps): Promise<number> {
  let sent = 0;
  for (;;) {
    const claimed = await deps.db
      .update(notifications)
      .set({ mailStatus: "sent" })
      .where(
        inArray(
          notifications.id,
          sql`(select id from ${notifications} where mail_status = 'pending' order by created_at limit ${BATCH} for update skip locked)`,
        ),
      )
      .returning();
    for (const row of claimed) {
      const [owner] = await deps.db
        .select({ email: users.email, status: users.status, preferences: users.emailPreferences, tenant: tenants })
        .from(users)
        .innerJoin(tenants, eq(tenants.id, users.tenantId))
        .where(and(eq(users.tenantId, row.tenantId), eq(users.id, row.userId)))
        .limit(1);
      const category = row.category as OptionalCategory;
      const wanted = row.category === "security" || (owner?.preferences[category] ?? OPTIONAL_CATEGORIES[category]) === true;
      if (!owner || owner.status !== "active" || owner.tenant.status !== "active" || !wanted) {
        await deps.db.update(notifications).set({ mailStatus: "skipped" }).where(and(eq(notifications.tenantId, row.tenantId), eq(notifications.id, row.id)));
        continue;
      }
      const mail = notificationMail(row.kind, row.data, where(deps, owner.tenant));
      try {
        await deps.mailer.send({ tenantId: row.tenantId, to: owner.email, subject: mail.subject, text: mail.text, kind: mail.kind });
      } catch (error) {
        // Not sent: pending again, for the next delivery or housekeeping.
        await deps.db.update(notifications).set({ mailStatus: "pending" }).where(and(eq(notifications.tenantId, row.tenantId), eq(notifications.id, row.id)));
        throw error;
      }
      sent++;
    }
    if (claimed.length < BATCH) return sent;
  }
}
