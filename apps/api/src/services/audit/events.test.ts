import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { serviceErrorOf } from "../../../test/service-errors";
import type { RequestContext } from "../context";
import { systemContext } from "../context";
import { createTenant } from "../tenants/tenants";
import { recordAuditEvent } from "./audit";
import { encodeAuditCursor, exportAuditEvents, getAuditEvent, listAuditEvents } from "./events";

let database: TestDatabase;
let a: string;
let b: string;
const admin: RequestContext = { actor: { type: "admin", id: "usr_01jbz6y0fq7m2x9d8c4v6b5n3m" }, ipAddress: "203.0.113.7" };
const key: RequestContext = { actor: { type: "api_key", id: "key_01jbz6y0fq7m2x9d8c4v6b5n3k" } };
const record = (tenantId: string, ctx: RequestContext, action: string, targetId = "usr_target") =>
  database.db.transaction((tx) => recordAuditEvent(tx, ctx, { tenantId, action, targetType: action.split(".")[0], targetId, data: { n: 1 } }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let blocked: Awaited<ReturnType<typeof record>>;
let between: { from: string; to: string };

beforeAll(async () => {
  ({ database } = await getTestInstance());
  a = (await createTenant(database.db, systemContext, { slug: "audit-a", name: "A" })).id;
  b = (await createTenant(database.db, systemContext, { slug: "audit-b", name: "B" })).id;
  await record(a, admin, "user.created", "usr_one");
  await sleep(5);
  blocked = await record(a, admin, "user.blocked", "usr_one");
  await sleep(5);
  const org = await record(a, key, "organization.created", "org_one");
  await sleep(5);
  await record(a, key, "user_x.created", "usr_two");
  await record(a, key, "userxblocked", "usr_two");
  between = { from: blocked.occurredAt.toISOString(), to: new Date(org.occurredAt.getTime() + 1).toISOString() };
  await record(b, admin, "user.blocked", "usr_b");
});
afterAll(async () => {
  await database?.dispose();
});

const actions = async (filters: Parameters<typeof listAuditEvents>[1]) => (await listAuditEvents(database.db, filters)).events.map((e) => e.action);
const page = { limit: 50 };

describe("listAuditEvents", () => {
  it("lists only the tenant's events, newest first", async () => {
    const all = await listAuditEvents(database.db, { tenantId: a, ...page });
    expect(all.events.every((e) => e.tenantId === a)).toBe(true);
    expect(all.events.map((e) => e.seq)).toEqual([...all.events.map((e) => e.seq)].sort((x, y) => y - x));
    expect(all.events.map((e) => e.action)).toEqual(expect.arrayContaining(["user.blocked", "organization.created"]));
    expect((await listAuditEvents(database.db, { tenantId: b, ...page })).events.map((e) => e.targetId)).not.toContain("usr_one");
    expect(all.nextCursor).toBeNull();
  });

  it("filters by actor, actor type, target and exact action", async () => {
    expect(await actions({ tenantId: a, ...page, actor: admin.actor.id })).toEqual(["user.blocked", "user.created"]);
    expect(await actions({ tenantId: a, ...page, actorType: "api_key" })).toEqual(["userxblocked", "user_x.created", "organization.created"]);
    expect(await actions({ tenantId: a, ...page, targetType: "organization" })).toEqual(["organization.created"]);
    expect(await actions({ tenantId: a, ...page, targetId: "usr_one" })).toEqual(["user.blocked", "user.created"]);
    expect(await actions({ tenantId: a, ...page, action: "user.blocked" })).toEqual(["user.blocked"]);
    expect(await actions({ tenantId: a, ...page, action: "user.blocked", actorType: "api_key" })).toEqual([]);
  });

  it("takes an action ending in a dot as a prefix, with _ matching only itself", async () => {
    expect(await actions({ tenantId: a, ...page, action: "user." })).toEqual(["user.blocked", "user.created"]);
    expect(await actions({ tenantId: a, ...page, action: "user_x." })).toEqual(["user_x.created"]);
  });

  it("filters by time: from inclusive, to exclusive", async () => {
    expect(await actions({ tenantId: a, ...page, ...between })).toEqual(["organization.created", "user.blocked"]);
    expect(await actions({ tenantId: a, ...page, to: blocked.occurredAt.toISOString() })).toEqual(
      expect.not.arrayContaining(["user.blocked"]),
    );
  });

  it("pages by seq with a cursor, and refuses a cursor it did not give", async () => {
    const first = await listAuditEvents(database.db, { tenantId: a, limit: 2 });
    expect(first.events).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await listAuditEvents(database.db, { tenantId: a, limit: 2, cursor: first.nextCursor! });
    expect(second.events[0]!.seq).toBeLessThan(first.events[1]!.seq);
    const seen = [...first.events, ...second.events].map((e) => e.id);
    expect(new Set(seen).size).toBe(seen.length);
    for (const cursor of ["not a cursor", Buffer.from("seq:-1").toString("base64url"), Buffer.from("seq:1;drop").toString("base64url")]) {
      expect((await serviceErrorOf(listAuditEvents(database.db, { tenantId: a, limit: 2, cursor }))).code).toBe("validation_failed");
    }
    // A cursor from another tenant's log only positions; it never shows that tenant's events.
    const other = await listAuditEvents(database.db, { tenantId: a, limit: 50, cursor: encodeAuditCursor(1_000) });
    expect(other.events.every((e) => e.tenantId === a)).toBe(true);
  });
});

describe("getAuditEvent", () => {
  it("gets the tenant's event and answers not_found for another tenant's", async () => {
    expect((await getAuditEvent(database.db, a, blocked.id)).action).toBe("user.blocked");
    expect((await serviceErrorOf(getAuditEvent(database.db, b, blocked.id))).code).toBe("not_found");
    expect((await serviceErrorOf(getAuditEvent(database.db, a, "evt_nothing"))).code).toBe("not_found");
  });
});

describe("exportAuditEvents", () => {
  it("exports every matching event up to the cap and says when it stopped", async () => {
    const all = await exportAuditEvents(database.db, { tenantId: a });
    expect(all.tenantSlug).toBe("audit-a");
    expect(all.truncated).toBe(false);
    expect(all.events.every((e) => e.tenantId === a)).toBe(true);
    const capped = await exportAuditEvents(database.db, { tenantId: a }, 2);
    expect(capped.events.map((e) => e.id)).toEqual(all.events.slice(0, 2).map((e) => e.id));
    expect(capped.truncated).toBe(true);
    const exact = await exportAuditEvents(database.db, { tenantId: a, action: "user." }, 2);
    expect([exact.events.length, exact.truncated]).toEqual([2, false]);
  });
});
