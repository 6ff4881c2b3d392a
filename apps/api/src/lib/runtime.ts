import { createDb, migrate, type Database } from "@plinto/db";
import { loadConfig, type Config } from "./config";
import { createMailer, type Mailer } from "./mail";
import { createRateLimiter, type RateLimiter } from "./rate-limit";
import { developmentBillingProvider, type BillingProvider } from "./billing";
import { installNotificationDelivery } from "../services/notifications/delivery";

/**
 * What the API process holds open: its configuration, its one database handle, its mailer and
 * its rate limiter. The custom server builds it before Next starts; route handlers, compiled into
 * Next's own bundles, reach the same object through `globalThis` (a module-level variable would be
 * a second copy per bundle, and a second PGlite opener would corrupt the embedded database).
 */
export interface Runtime {
  config: Config;
  database: Database;
  mailer: Mailer;
  limiter: RateLimiter;
  /** The payment provider behind plans (the development one needs no network and moves no money). */
  billing: BillingProvider;
  startedAt: number;
}

const KEY = Symbol.for("plinto.api.runtime");
type Holder = { [KEY]?: Promise<Runtime> };
const holder = globalThis as Holder;

/** Wires a runtime around an open database: the pieces every service call may need. */
export function assembleRuntime(config: Config, database: Database): Runtime {
  const runtime: Runtime = {
    config,
    database,
    mailer: createMailer(config, database.db, { from: config.mailFrom }),
    limiter: createRateLimiter(config),
    billing: developmentBillingProvider(),
    startedAt: Date.now(),
  };
  // Notifications made inside a service's transaction mail after it commits, through this runtime.
  installNotificationDelivery({ db: database.db, mailer: runtime.mailer, config });
  return runtime;
}

export async function startRuntime(config: Config = loadConfig()): Promise<Runtime> {
  const database = await createDb({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return assembleRuntime(config, database);
}

export async function stopRuntime(runtime: Runtime): Promise<void> {
  await runtime.mailer.close().catch(() => {});
  await runtime.limiter.close().catch(() => {});
  await runtime.database.close();
}

/** Installs the process-wide runtime (server start-up), or returns the one already there. */
export function installRuntime(runtime: Promise<Runtime>): Promise<Runtime> {
  holder[KEY] ??= runtime;
  return holder[KEY];
}

/** The process-wide runtime; started on first use when no custom server installed one (`next dev`). */
export function getRuntime(): Promise<Runtime> {
  return (holder[KEY] ??= startRuntime());
}
