import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "./support/database";
import { e2eEnv } from "./support/env";
// The same code `npm start` uses to run the sites.
import { startSites } from "../scripts/lib/sites.mjs";

const root = join(import.meta.dirname, "..");

/**
 * Brings up all six built sites against a fresh home and database — PostgreSQL when DATABASE_URL is
 * set (CI), the embedded PGlite otherwise — seeds them the way `npm start` does, and returns the
 * teardown that stops them and drops the database.
 */
export default async function globalSetup() {
  const home = mkdtempSync(join(tmpdir(), "plinto-e2e-"));
  const env: NodeJS.ProcessEnv = { ...e2eEnv, PLINTO_HOME: home, NODE_ENV: "production" };
  let database: Awaited<ReturnType<typeof createDatabase>> | undefined;
  if (process.env.DATABASE_URL) {
    database = await createDatabase(process.env.DATABASE_URL, "e2e");
    env.DATABASE_URL = database.url;
    process.env.PLINTO_E2E_DATABASE_URL = database.url;
    env.PLINTO_SECRET = randomBytes(32).toString("base64url");
  }
  process.env.PLINTO_E2E_HOME = home;
  process.env.PLINTO_E2E_DRIVER = database ? "postgres" : "pglite";

  const { siteEnv } = await import("../scripts/lib/sites.mjs");
  const seed = spawnSync(process.execPath, ["--import", "tsx", "scripts/seed.ts"], {
    cwd: join(root, "apps", "api"),
    env: { ...env, ...siteEnv(env) },
    encoding: "utf8",
  });
  if (seed.status !== 0) throw new Error(`seed failed: ${seed.stderr || seed.stdout}`);

  mkdirSync(join(import.meta.dirname, "test-results"), { recursive: true });
  const log = createWriteStream(join(import.meta.dirname, "test-results", "sites.log"));
  const running = await startSites({ env, log });

  return async () => {
    await running.stop();
    log.end();
    await database?.drop();
  };
}
