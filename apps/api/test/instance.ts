import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "@plinto/db/testing";
import { loadConfig } from "../src/lib/config";
import { assembleRuntime, installRuntime, type Runtime } from "../src/lib/runtime";

/**
 * A fresh, migrated database (PostgreSQL when DATABASE_URL is set, in-memory PGlite otherwise)
 * installed as the process runtime, so services and route handlers run exactly as in the server.
 */
export async function getTestInstance(env: Record<string, string> = {}): Promise<{ runtime: Runtime; database: TestDatabase }> {
  const database = await createTestDatabase();
  const home = mkdtempSync(join(tmpdir(), "plinto-api-test-"));
  const config = loadConfig({ PLINTO_HOME: home, PLINTO_SECRET: "test-secret-that-is-long-enough-000000", ...env });
  // Outbox mail and in-memory rate limits: the embedded defaults, private to this test file.
  const runtime = await installRuntime(Promise.resolve({ ...assembleRuntime(config, database), startedAt: Date.now() - 5_000 }));
  return { runtime, database };
}
