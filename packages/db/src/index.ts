import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import journal from "../drizzle/meta/_journal.json";
import * as schema from "./schema";

export * from "./id";
export { schema };

export type Schema = typeof schema;
/** The query surface both drivers share; services take this (or a transaction of it). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  driver: "postgres" | "pglite";
  /** Where it lives, with any password removed: safe to print. */
  location: string;
  /** Runs `fn` while holding a cross-process lock named `key` (PGlite is single-process already). */
  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A `postgres://` URL. Without one, the embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data directory; omitted means in memory. Ignored when `url` is set. */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  max?: number;
}

/** A problem with the database configuration or reachability, phrased for one line of output. */
export class DatabaseError extends Error {
  override name = "DatabaseError";
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/** Checks a DATABASE_URL's shape; returns a reason when it is not a PostgreSQL URL. */
export function checkDatabaseUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is not a URL (expected postgres://user:password@host:5432/database)";
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    return `has protocol "${parsed.protocol}" (expected postgres: or postgresql:)`;
  }
  if (!parsed.hostname && !parsed.searchParams.get("host")) return "has no host";
  return null;
}

function describeConnectError(error: unknown, location: string): string {
  const code = (error as { code?: string } | null)?.code;
  const reasons: Record<string, string> = {
    ECONNREFUSED: "connection refused (is PostgreSQL running and listening there?)",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "host name could not be resolved",
    ETIMEDOUT: "timed out",
    CONNECT_TIMEOUT: "timed out",
    "3D000": "database does not exist",
    "28P01": "password authentication failed",
    "28000": "role or authentication method not accepted",
  };
  const reason = (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
  return `cannot connect to PostgreSQL at ${location}: ${reason}`;
}

const here = dirname(fileURLToPath(import.meta.url));
export const migrationsFolder = resolve(here, "../drizzle");

/**
 * PGlite serves one process. A second process opening the same directory would corrupt it, so the
 * directory is claimed with a lock file naming the owner's pid.
 */
const openDataDirs = new Set<string>();

function claimDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  if (openDataDirs.has(dataDir)) {
    throw new DatabaseError(`the embedded database at ${dataDir} is already open in this process`);
  }
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, "utf8").trim());
    let alive = false;
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
    }
    if (alive) {
      throw new DatabaseError(
        `the embedded database at ${dataDir} is in use by process ${pid}; stop it first (is Plinto already running?)`,
      );
    }
  }
  mkdirSync(dirname(lockFile), { recursive: true });
  writeFileSync(lockFile, String(process.pid));
  openDataDirs.add(dataDir);
  return () => {
    openDataDirs.delete(dataDir);
    rmSync(lockFile, { force: true });
  };
}

export async function createDb(options: DatabaseOptions = {}): Promise<Database> {
  if (options.url) {
    const problem = checkDatabaseUrl(options.url);
    const location = redactUrl(options.url);
    if (problem) throw new DatabaseError(`DATABASE_URL ${problem}`);
    const client = postgres(options.url, {
      max: options.max ?? 10,
      connect_timeout: 10,
      onnotice: () => {},
    });
    try {
      await client`select 1`;
    } catch (error) {
      await client.end({ timeout: 1 }).catch(() => {});
      throw new DatabaseError(describeConnectError(error, location));
    }
    return {
      db: drizzlePostgres({ client, schema }) as unknown as Db,
      driver: "postgres",
      location,
      exclusive: async (key, fn) => {
        const held = await client.reserve();
        try {
          await held`select pg_advisory_lock(hashtext(${key}))`;
          return await fn();
        } finally {
          await held`select pg_advisory_unlock(hashtext(${key}))`.catch(() => {});
          held.release();
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  const release = options.dataDir ? claimDataDir(options.dataDir) : () => {};
  let client: PGlite;
  try {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    client = new PGlite(options.dataDir ?? "memory://");
    await client.waitReady;
  } catch (error) {
    release();
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseError(`cannot open the embedded database at ${options.dataDir ?? "memory"}: ${reason}`);
  }
  return {
    db: drizzlePglite({ client, schema }) as unknown as Db,
    driver: "pglite",
    location: options.dataDir ?? "memory://",
    exclusive: (_key, fn) => fn(),
    close: async () => {
      await client.close();
      release();
    },
  };
}

/** Applies the committed migrations. On PostgreSQL an advisory lock keeps two starting servers apart. */
export async function migrate(database: Database, folder: string = migrationsFolder): Promise<void> {
  await database.exclusive("plinto:migrate", async () => {
    if (database.driver === "pglite") await migratePglite(database.db as never, { migrationsFolder: folder });
    else await migratePostgres(database.db as never, { migrationsFolder: folder });
  });
}

export interface MigrationStatus {
  expected: number;
  applied: number;
  upToDate: boolean;
}

/** How many of the committed migrations the database has applied. */
export async function migrationStatus(db: Executor): Promise<MigrationStatus> {
  const expected = journal.entries.length;
  const exists = await db.execute<{ present: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  const present = rows<{ present: boolean }>(exists)[0]?.present === true;
  let applied = 0;
  if (present) {
    const counted = await db.execute<{ count: number }>(
      sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
    );
    applied = Number(rows<{ count: number }>(counted)[0]?.count ?? 0);
  }
  return { expected, applied, upToDate: applied >= expected };
}

/** `execute` returns an array on postgres-js and `{ rows }` on PGlite; this reads either. */
export function rows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
