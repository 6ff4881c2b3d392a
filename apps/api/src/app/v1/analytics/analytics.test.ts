import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyticsSummaryResponseSchema, analyticsTimeseriesResponseSchema } from "@plinto/contracts";
import type { TestDatabase } from "@plinto/db/testing";
import { mintAdminToken } from "../../../../test/admin-token";
import { getTestInstance } from "../../../../test/instance";
import { bodyOf, problemOf } from "../../../../test/responses";
import type { Runtime } from "../../../lib/runtime";
import { createApiKey } from "../../../services/api-keys/api-keys";
import { createApplication } from "../../../services/applications/applications";
import { systemContext } from "../../../services/context";
import { setTenantAdmin } from "../../../services/tenants/admins";
import { createTenant } from "../../../services/tenants/tenants";
import { createUser } from "../../../services/users/users";
import { GET as summary } from "./summary/route";
import { GET as timeseries } from "./timeseries/route";

let runtime: Runtime;
let database: TestDatabase;
const keys = { a: "", b: "", usersOnly: "" };
let viewerToken: string;

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  const db = database.db;
  const platform = await db.transaction((tx) => createTenant(tx, systemContext, { slug: "plinto", name: "Plinto", kind: "platform" }));
  const a = await db.transaction((tx) => createTenant(tx, systemContext, { slug: "analytics-a", name: "A" }));
  const b = await db.transaction((tx) => createTenant(tx, systemContext, { slug: "analytics-b", name: "B" }));
  for (const email of ["one@a.example", "two@a.example"]) await db.transaction((tx) => createUser(tx, systemContext, { tenantId: a.id, email }));
  await db.transaction((tx) => createUser(tx, systemContext, { tenantId: b.id, email: "only@b.example" }));
  keys.a = (await createApiKey(db, systemContext, { tenantId: a.id, name: "numbers", scopes: ["analytics:read"] })).secret;
  keys.b = (await createApiKey(db, systemContext, { tenantId: b.id, name: "numbers", scopes: ["analytics:read"] })).secret;
  keys.usersOnly = (await createApiKey(db, systemContext, { tenantId: a.id, name: "users", scopes: ["users:read"] })).secret;

  const site = await db.transaction((tx) =>
    createApplication(tx, systemContext, { tenantId: platform.id, name: "Admin", type: "web", redirectUris: ["https://admin.example/cb"], grantTypes: ["authorization_code"] }),
  );
  const viewer = await db.transaction((tx) => createUser(tx, systemContext, { tenantId: platform.id, email: "viewer@plinto.example", emailVerified: true }));
  await db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: a, userId: viewer.id, role: "viewer" }));
  viewerToken = await mintAdminToken(db, {
    publicUrl: runtime.config.publicUrl,
    secret: runtime.config.secret,
    platform,
    userId: viewer.id,
    clientId: site.application.clientId,
  });
});
afterAll(async () => {
  await database?.dispose();
});

const request = (path: string, headers: Record<string, string>) => new Request(`http://localhost:4000/v1/analytics/${path}`, { headers });
const key = (secret: string) => ({ authorization: `Bearer ${secret}` });
// Today and the day before: covers the users created by this test file.
const range = () => {
  const to = new Date(Date.now() + 60_000);
  return `from=${encodeURIComponent(new Date(to.getTime() - 2 * 86_400_000).toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
};

describe("GET /v1/analytics/summary", () => {
  it("answers the calling tenant's numbers only", async () => {
    const a = await bodyOf(await summary(request(`summary?${range()}`, key(keys.a))), 200, analyticsSummaryResponseSchema);
    expect(a.summary.signUps).toBe(2);
    const b = await bodyOf(await summary(request(`summary?${range()}`, key(keys.b))), 200, analyticsSummaryResponseSchema);
    expect(b.summary.signUps).toBe(1);
  });

  it("is open to every admin role, a viewer too", async () => {
    const answer = await summary(request(`summary?${range()}`, { authorization: `Bearer ${viewerToken}`, "plinto-tenant": "analytics-a" }));
    expect((await bodyOf(answer, 200, analyticsSummaryResponseSchema)).summary.signUps).toBe(2);
    await problemOf(await summary(request("summary", { authorization: `Bearer ${viewerToken}`, "plinto-tenant": "analytics-b" })), 403, "forbidden");
  });

  it("needs analytics:read and a credential", async () => {
    await problemOf(await summary(request("summary", key(keys.usersOnly))), 403, "forbidden");
    await problemOf(await summary(request("summary", {})), 401, "unauthorized");
  });

  it("refuses a range that is backwards or not a date", async () => {
    const backwards = await problemOf(await summary(request("summary?from=2026-03-08T00:00:00Z&to=2026-03-01T00:00:00Z", key(keys.a))), 400, "validation_failed");
    expect(JSON.stringify(backwards)).toContain("from must come before to");
    await problemOf(await summary(request("summary?from=yesterday", key(keys.a))), 400, "validation_failed");
  });
});

describe("GET /v1/analytics/timeseries", () => {
  it("answers a point per day with the tenant's sign-ups", async () => {
    const answer = await timeseries(request(`timeseries?metric=sign_ups&interval=day&${range()}`, key(keys.a)));
    const { timeseries: series } = await bodyOf(answer, 200, analyticsTimeseriesResponseSchema);
    expect(series.points.length).toBeGreaterThanOrEqual(2);
    expect(series.points.reduce((sum, p) => sum + p.value, 0)).toBe(2);
  });

  it("refuses an unknown metric, a long daily range, and daily active users by month", async () => {
    await problemOf(await timeseries(request("timeseries?metric=page_views", key(keys.a))), 400, "validation_failed");
    await problemOf(await timeseries(request("timeseries?metric=sign_ups&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", key(keys.a))), 400, "validation_failed");
    await problemOf(await timeseries(request("timeseries?metric=daily_active_users&interval=month", key(keys.a))), 400, "validation_failed");
  });
});
