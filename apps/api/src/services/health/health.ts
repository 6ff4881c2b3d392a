import { sql } from "drizzle-orm";
import type { HealthResponse, ReadyResponse } from "@plinto/contracts";
import { migrationStatus, type Database } from "@plinto/db";
import packageJson from "../../../package.json";

export function health(startedAt: number, now: number = Date.now()): HealthResponse {
  return {
    status: "ok",
    service: "plinto-api",
    version: packageJson.version,
    uptimeSeconds: Math.max(0, Math.round((now - startedAt) / 1000)),
  };
}

/** Ready when the database answers and has every committed migration. Never exposes error text with secrets. */
export async function readiness(database: Database): Promise<ReadyResponse> {
  const result: ReadyResponse = {
    status: "not_ready",
    checks: {
      database: { status: "fail", driver: database.driver },
      migrations: { status: "fail", applied: 0, expected: 0 },
    },
  };
  try {
    await database.db.execute(sql`select 1`);
    result.checks.database.status = "ok";
  } catch {
    result.checks.database.detail = "the database did not answer";
    return result;
  }
  const migrations = await migrationStatus(database.db);
  result.checks.migrations = {
    status: migrations.upToDate ? "ok" : "fail",
    applied: migrations.applied,
    expected: migrations.expected,
  };
  if (migrations.upToDate) result.status = "ready";
  return result;
}
