import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_CSV_COLUMNS, AUDIT_EXPORT_LIMIT, auditEventExportJsonSchema, auditEventListResponseSchema, auditEventResponseSchema, type ManagementScope } from "@plinto/contracts";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../../test/instance";
import { bodyOf, problemOf } from "../../../../test/responses";
import { createApiKey } from "../../../services/api-keys/api-keys";
import { systemContext } from "../../../services/context";
import { createTenant } from "../../../services/tenants/tenants";
import { createUser } from "../../../services/users/users";
import { GET as getOne } from "./[event]/route";
import { GET as exportEvents } from "./export/route";
import { GET as list } from "./route";

const API = "http://localhost:4000/v1";
let database: TestDatabase;
const keys = {} as Record<"a" | "b" | "usersOnly", string>;
let bUserId: string;
// Nothing secret in an event; hashes are the chain's and belong in it.
const secrets = /plinto_sk_|\$argon2|"password"/i;

beforeAll(async () => {
  ({ database } = await getTestInstance());
  const a = await createTenant(database.db, systemContext, { slug: "audit-routes-a", name: "A" });
  const b = await createTenant(database.db, systemContext, { slug: "audit-routes-b", name: "B" });
  const key = async (tenantId: string, scopes: ManagementScope[]) => (await createApiKey(database.db, systemContext, { tenantId, name: "audit", scopes })).secret;
  keys.a = await key(a.id, ["audit:read", "users:write"]);
  keys.b = await key(b.id, ["audit:read"]);
  keys.usersOnly = await key(a.id, ["users:read"]);
  const ctx = { actor: { type: "admin" as const, id: "usr_01jbz6y0fq7m2x9d8c4v6b5n3m" }, userAgent: "=cmd|' /C calc'!A0" };
  await database.db.transaction((tx) => createUser(tx, ctx, { tenantId: a.id, email: "ada@a.example", name: 'Ada, "the first"' }));
  await database.db.transaction((tx) => createUser(tx, ctx, { tenantId: a.id, email: "grace@a.example" }));
  bUserId = (await database.db.transaction((tx) => createUser(tx, systemContext, { tenantId: b.id, email: "bravo@b.example" }))).id;
});
afterAll(async () => {
  await database?.dispose();
});

function get(path: string, key?: string) {
  return new Request(`${API}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
}
const at = (event: string) => ({ params: Promise.resolve({ event }) });

describe("GET /v1/audit-events", () => {
  it("lists the caller's tenant's events newest first, filtered, and pages", async () => {
    const all = await bodyOf(await list(get("/audit-events?action=user.created", keys.a)), 200, auditEventListResponseSchema, secrets);
    expect(all.events).toHaveLength(2);
    expect(all.events[0]!.seq).toBeGreaterThan(all.events[1]!.seq);
    expect(all.events.some((e) => e.targetId === bUserId)).toBe(false);
    const first = await bodyOf(await list(get("/audit-events?limit=1&action=user.", keys.a)), 200, auditEventListResponseSchema, secrets);
    expect(first.events).toHaveLength(1);
    const second = await bodyOf(
      await list(get(`/audit-events?limit=1&action=user.&cursor=${first.nextCursor}`, keys.a)),
      200,
      auditEventListResponseSchema,
      secrets,
    );
    expect(second.events[0]!.seq).toBeLessThan(first.events[0]!.seq);
    const none = await bodyOf(await list(get("/audit-events?actorType=directory", keys.a)), 200, auditEventListResponseSchema, secrets);
    expect(none).toEqual({ events: [], nextCursor: null });
  });

  it("refuses bad filters, no credential and a credential without audit:read", async () => {
    for (const query of ["action=USER%20blocked", "actorType=robot", "from=yesterday", "from=2026-11-27T10:00:00Z&to=2026-11-27T09:00:00Z", "limit=0", "actor="]) {
      await problemOf(await list(get(`/audit-events?${query}`, keys.a)), 400, "validation_failed");
    }
    await problemOf(await list(get("/audit-events")), 401, "unauthorized");
    await problemOf(await list(get("/audit-events", keys.usersOnly)), 403, "forbidden");
  });
});

describe("GET /v1/audit-events/{event}", () => {
  it("answers the tenant's event with everything it recorded, and 404 for another tenant's", async () => {
    const [event] = (await bodyOf(await list(get("/audit-events?limit=1", keys.a)), 200, auditEventListResponseSchema, secrets)).events;
    const one = await bodyOf(await getOne(get(`/audit-events/${event!.id}`, keys.a), at(event!.id)), 200, auditEventResponseSchema, secrets);
    expect(one.event).toEqual(event);
    expect(one.event.hash).toMatch(/^[0-9a-f]{64}$/);
    await problemOf(await getOne(get(`/audit-events/${event!.id}`, keys.b), at(event!.id)), 404, "not_found");
    await problemOf(await getOne(get(`/audit-events/${event!.id}`, keys.usersOnly), at(event!.id)), 403, "forbidden");
  });
});

describe("GET /v1/audit-events/export", () => {
  it("sends a CSV file with a header row, quoted cells and formulas defused", async () => {
    const response = await exportEvents(get("/audit-events/export?action=user.created", keys.a));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-audit-routes-a-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get("plinto-export-truncated")).toBe("false");
    const text = await response.text();
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(4); // header, two events, the final CRLF
    expect(lines[1]).toMatch(/^evt_[0-9a-z]{26},\d+,\d{4}-[^,]+,user\.created,admin,usr_/);
    // The user agent someone sent starts with =: it reaches the file as text, never a formula.
    expect(text).toContain(",'=cmd|' /C calc'!A0,");
    expect(text).not.toMatch(/,=cmd/);
    // data is JSON in one quoted cell, its quotes doubled.
    expect(lines[1]).toContain(',"{""withPassword"":false,""emailVerified"":false}",');
    expect(text).not.toContain(bUserId);
  });

  it("sends a JSON file of the same events", async () => {
    const response = await exportEvents(get("/audit-events/export?format=json&action=user.", keys.a));
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("content-disposition")).toMatch(/filename="audit-audit-routes-a-[\d-]+\.json"$/);
    const body = auditEventExportJsonSchema.parse(await response.json());
    expect(body.truncated).toBe(false);
    expect(body.events.map((e) => e.action)).toEqual(["user.created", "user.created"]);
    const other = auditEventExportJsonSchema.parse(await (await exportEvents(get("/audit-events/export?format=json&targetType=user", keys.b))).json());
    expect(other.events.map((e) => e.targetId)).toEqual([bUserId]);
  });

  it(`stops at ${AUDIT_EXPORT_LIMIT} events, newest first, and says it stopped`, async () => {
    const big = await createTenant(database.db, systemContext, { slug: "audit-routes-big", name: "Big" });
    const bigKey = (await createApiKey(database.db, systemContext, { tenantId: big.id, name: "audit", scopes: ["audit:read"] })).secret;
    // Many events at once, straight into the table (the chain's hashes do not matter to an export).
    await database.db.execute(sql`
      insert into audit_events (tenant_id, id, seq, occurred_at, action, actor_type, data, hash)
      select ${big.id}, 'evt_' || lpad(g::text, 26, '0'), g + 1000, now(), 'user.signed_in', 'user', '{}'::jsonb, md5(g::text)
      from generate_series(1, ${AUDIT_EXPORT_LIMIT + 5}) as g`);
    const json = await exportEvents(get("/audit-events/export?format=json&action=user.signed_in", bigKey));
    expect(json.headers.get("plinto-export-truncated")).toBe("true");
    const body = auditEventExportJsonSchema.parse(await json.json());
    expect(body.truncated).toBe(true);
    expect(body.events).toHaveLength(AUDIT_EXPORT_LIMIT);
    expect(body.events[0]!.seq).toBe(AUDIT_EXPORT_LIMIT + 5 + 1000);
    const csv = await (await exportEvents(get("/audit-events/export?action=user.signed_in", bigKey))).text();
    expect(csv.split("\r\n")).toHaveLength(AUDIT_EXPORT_LIMIT + 2);
  });

  it("refuses a bad format, bad filters and a credential without audit:read", async () => {
    await problemOf(await exportEvents(get("/audit-events/export?format=xlsx", keys.a)), 400, "validation_failed");
    await problemOf(await exportEvents(get("/audit-events/export?to=soon", keys.a)), 400, "validation_failed");
    await problemOf(await exportEvents(get("/audit-events/export", keys.usersOnly)), 403, "forbidden");
  });
});
