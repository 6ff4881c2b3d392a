import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readyResponseSchema, healthResponseSchema } from "@plinto/contracts";
import { createDb } from "@plinto/db";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../test/instance";
import { readiness } from "../services/health/health";
import { GET as getHealth } from "./health/route";
import { GET as getReady } from "./ready/route";

let database: TestDatabase;
beforeAll(async () => {
  ({ database } = await getTestInstance());
});
afterAll(async () => {
  await database?.dispose();
});

describe("GET /health", () => {
  it("answers the contract's shape, uncached", async () => {
    const response = await getHealth();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = healthResponseSchema.parse(await response.json());
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(5);
  });
});

describe("GET /ready", () => {
  it("is ready on a migrated database", async () => {
    const response = await getReady();
    expect(response.status).toBe(200);
    const body = readyResponseSchema.parse(await response.json());
    expect(body.status).toBe("ready");
    expect(body.checks.database).toMatchObject({ status: "ok", driver: database.driver });
    expect(body.checks.migrations.applied).toBe(body.checks.migrations.expected);
    expect(body.checks.migrations.expected).toBeGreaterThan(0);
  });

  it("is not ready before migrations run, and says why", async () => {
    const empty = await createDb();
    try {
      const body = await readiness(empty);
      expect(body.status).toBe("not_ready");
      expect(body.checks.database.status).toBe("ok");
      expect(body.checks.migrations).toMatchObject({ status: "fail", applied: 0 });
    } finally {
      await empty.close();
    }
  });

  it("is not ready when the database has gone away", async () => {
    const gone = await createDb();
    await gone.close();
    const body = await readiness(gone);
    expect(body.status).toBe("not_ready");
    expect(body.checks.database).toMatchObject({ status: "fail", detail: "the database did not answer" });
  });
});
