import { lt, sql, type SQL } from "drizzle-orm";
import type { Db, Executor } from "@plinto/db";
import { deleteDueAccounts } from "../account/deletion";
import type { AuthDeps } from "../auth/support";
import { deliverPendingNotificationMail } from "../notifications/delivery";
import { mfaChallenges, oidcModels, verifications, webauthnChallenges } from "@plinto/db/schema";

/**
 * Short-lived rows that are useless once expired: pending second steps of sign-ins, WebAuthn
 * challenges, mailed codes and links, and the OpenID Provider's codes, sessions, grants and tokens.
 * Every check that reads them already ignores expired ones; deleting them a day later keeps the
 * tables small and leaves nothing a security check could still need (a replayed code or token past
 * its expiry is refused either way).
 */
export const HOUSEKEEPING_GRACE_SECONDS = 24 * 3600;

/** How often the API process runs it. */
export const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

export interface HousekeepingResult {
  mfaChallenges: number;
  webauthnChallenges: number;
  verifications: number;
  oidcModels: number;
}

/** Deletes what expired more than `graceSeconds` before `now`, table by table, across tenants. */
export async function runHousekeeping(db: Executor, options: { now?: Date; graceSeconds?: number } = {}): Promise<HousekeepingResult> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.graceSeconds ?? HOUSEKEEPING_GRACE_SECONDS) * 1000);
  const before = (column: Parameters<typeof lt>[0]): SQL => lt(column, sql`${cutoff.toISOString()}::timestamptz`);
  const count = async (rows: Promise<unknown[]>) => (await rows).length;
  return {
    mfaChallenges: await count(db.delete(mfaChallenges).where(before(mfaChallenges.expiresAt)).returning({ id: mfaChallenges.id })),
    webauthnChallenges: await count(db.delete(webauthnChallenges).where(before(webauthnChallenges.expiresAt)).returning({ id: webauthnChallenges.id })),
    verifications: await count(db.delete(verifications).where(before(verifications.expiresAt)).returning({ id: verifications.id })),
    oidcModels: await count(db.delete(oidcModels).where(before(oidcModels.expiresAt)).returning({ id: oidcModels.id })),
  };
}

/**
 * Runs housekeeping now and then every `intervalMs` until stopped. A failed run is reported by
 * `onError` (its name, never the rows) and the next one tries again.
 */
export function scheduleHousekeeping(
  db: Executor,
  onError: (error: unknown) => void,
  intervalMs = HOUSEKEEPING_INTERVAL_MS,
  accounts?: { db: Db; deps: Pick<AuthDeps, "config" | "mailer"> },
): () => void {
  // Accounts whose requested deletion is due go, then notification mail a delivery missed (an
  // outage, a commit slower than its retries) goes out.
  const run = () =>
    void runHousekeeping(db)
      .then(() => (accounts ? deleteDueAccounts(accounts.db, accounts.deps) : 0))
      .then(deliverPendingNotificationMail)
      .catch(onError);
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
