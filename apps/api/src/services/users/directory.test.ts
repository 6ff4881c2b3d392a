import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import type { RequestContext } from "../context";
import { createSession, listSessions, resolveSession } from "../sessions/sessions";
import { createTenant } from "../tenants/tenants";
import { decodeCursor, encodeCursor } from "../pagination";
import { getUser, likePattern, listUsers, updateUser, type UserQuery } from "./directory";
import { blockUser, unblockUser } from "./lifecycle";
import { createUser } from "./users";
import { outcomeOf } from "../../../test/service-errors";

let database: TestDatabase;
let tenantId: string;
let otherTenantId: string;
const admin: RequestContext = { actor: { type: "admin", id: "usr_01jbz6y0fq7m2x9d8c4v6b5n3k" } };

const list = (query: Partial<UserQuery> = {}) => listUsers(database.db, { tenantId, limit: 100, ...query });

/** Every page of a query, following nextCursor. */
async function allPages(query: Partial<UserQuery>, limit: number) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ ...query, limit, ...(cursor ? { cursor } : {}) });
    pages.push(page.users.map((u) => u.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

beforeAll(async () => {
  ({ database } = await getTestInstance());
  tenantId = (await createTenant(database.db, admin, { slug: "directory", name: "Directory" })).id;
  otherTenantId = (await createTenant(database.db, admin, { slug: "directory-other", name: "Other" })).id;
  // Twelve created in one transaction share created_at: the id must break the tie.
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < 12; i += 1) {
      await createUser(tx, admin, { tenantId, email: `batch${i}@directory.example`, name: `Batch Person ${i}`, emailVerified: i % 2 === 0 });
    }
  });
  for (let i = 0; i < 11; i += 1) {
    await database.db.transaction((tx) => createUser(tx, admin, { tenantId, email: `solo${i}@directory.example`, name: `Solo ${i}` }));
  }
  await database.db.transaction(async (tx) => {
    await createUser(tx, admin, { tenantId, email: "Grace.Hopper@Navy.example", name: "Grace Hopper", emailVerified: true });
    await createUser(tx, admin, { tenantId, email: "percent@directory.example", name: "100% real" });
    await createUser(tx, admin, { tenantId, email: "under_score@directory.example", name: "Under Score" });
    await createUser(tx, admin, { tenantId: otherTenantId, email: "grace@other.example", name: "Grace Elsewhere" });
  });
});
afterAll(async () => {
  await database?.dispose();
});

describe("listing users", () => {
  it("searches email and name case-insensitively, in this tenant only", async () => {
    expect((await list({ q: "grace" })).users.map((u) => u.email)).toEqual(["Grace.Hopper@Navy.example"]);
    expect((await list({ q: "NAVY.EX" })).users).toHaveLength(1);
    expect((await list({ q: "hopper" })).users).toHaveLength(1);
    expect((await list({ q: "batch person" })).users).toHaveLength(12);
    expect((await list({ q: "" })).users).toHaveLength(26);
  });

  it("matches % and _ literally", async () => {
    expect(likePattern("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
    expect((await list({ q: "%" })).users.map((u) => u.email)).toEqual(["percent@directory.example"]);
    expect((await list({ q: "_" })).users.map((u) => u.email)).toEqual(["under_score@directory.example"]);
  });

  it("filters by status and by a confirmed email address", async () => {
    const blocked = (await list({ q: "solo3@" })).users[0]!;
    await database.db.transaction((tx) => blockUser(tx, admin, { tenantId, userId: blocked.id }));
    expect((await list({ status: "blocked" })).users.map((u) => u.id)).toEqual([blocked.id]);
    expect((await list({ status: "active" })).users).toHaveLength(25);
    const verified = (await list({ emailVerified: true })).users;
    expect(verified).toHaveLength(7);
    expect(verified.every((u) => u.emailVerifiedAt !== null)).toBe(true);
    expect((await list({ emailVerified: false, q: "batch" })).users).toHaveLength(6);
    await database.db.transaction((tx) => unblockUser(tx, admin, { tenantId, userId: blocked.id }));
  });

  it("pages newest first by (created_at, id), every user once, and the order of one big page", async () => {
    const whole = (await list({ limit: 100 })).users.map((u) => u.id);
    expect(whole).toHaveLength(26);
    const pages = await allPages({}, 7);
    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 5]);
    expect(pages.flat()).toEqual(whole);
    const rows = await database.db.select().from(users).where(eq(users.tenantId, tenantId));
    const expected = rows
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((u) => u.id);
    expect(whole).toEqual(expected);
    const ascending = (await allPages({ sort: "created_at:asc" }, 5)).flat();
    expect(ascending).toEqual([...whole].reverse());
  });

  it("stays stable when users are added between pages", async () => {
    const first = await list({ limit: 10 });
    const added = await database.db.transaction((tx) => createUser(tx, admin, { tenantId, email: "latecomer@directory.example" }));
    const rest: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await list({ limit: 10, cursor });
      rest.push(...page.users.map((u) => u.id));
      cursor = page.nextCursor;
    }
    const seen = [...first.users.map((u) => u.id), ...rest];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(26);
    expect(seen).not.toContain(added.id);
    // Filters and pages combine: the last page of "batch" stops with a null cursor.
    const batch = await allPages({ q: "batch" }, 5);
    expect(batch.flat()).toHaveLength(12);
  });

  it("pages rows apart by microseconds within one millisecond, each once (the cursor carries milliseconds)", async () => {
    const micro = (await createTenant(database.db, admin, { slug: "directory-micro", name: "Micro" })).id;
    for (const [i, time] of ["2026-01-01T00:00:00.123999Z", "2026-01-01T00:00:00.123001Z", "2026-01-01T00:00:00.123500Z", "2026-01-01T00:00:00.124000Z"].entries()) {
      await database.db.insert(users).values({ tenantId: micro, email: `micro${i}@directory.example`, createdAt: sql`${time}::timestamptz` });
    }
    for (const sort of ["created_at:desc", "created_at:asc"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listUsers(database.db, { tenantId: micro, limit: 1, sort, ...(cursor ? { cursor } : {}) });
        seen.push(...page.users.map((u) => u.email));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(4);
      expect(seen).toHaveLength(4);
      expect(sort === "created_at:desc" ? seen[0] : seen[3]).toBe("micro3@directory.example");
    }
  });

  it("refuses a cursor it did not give", async () => {
    const good = encodeCursor({ createdAt: new Date("2026-11-27T09:30:00.000Z"), id: "usr_01jbz6y0fq7m2x9d8c4v6b5n3k" });
    expect(decodeCursor(good).id).toBe("usr_01jbz6y0fq7m2x9d8c4v6b5n3k");
    for (const bad of ["not base64!", Buffer.from("yesterday|usr_x").toString("base64url"), Buffer.from("2026-11-27T09:30:00.000Z").toString("base64url"), "AAAA"]) {
      expect(await outcomeOf(list({ cursor: bad })), bad).toBe("validation_failed");
    }
  });
});

describe("creating and changing users", () => {
  it("refuses a second user with the same email in any case, and a password the policy refuses", async () => {
    const attempt = database.db.transaction((tx) => createUser(tx, admin, { tenantId, email: "GRACE.HOPPER@navy.example" }));
    expect(await outcomeOf(attempt)).toBe("conflict");
    expect(await outcomeOf(database.db.transaction((tx) => createUser(tx, admin, { tenantId, email: "weak@directory.example", password: "password" })))).toBe(
      "validation_failed",
    );
    // The same address in another tenant is another person.
    expect(await outcomeOf(database.db.transaction((tx) => createUser(tx, admin, { tenantId: otherTenantId, email: "grace.hopper@navy.example" })))).toBe("ok");
  });

  it("changes the fields given, clears with null, confirms the address by hand: audited by field name", async () => {
    const user = await database.db.transaction((tx) => createUser(tx, admin, { tenantId, email: "edit@directory.example", name: "Before" }));
    const updated = await database.db.transaction((tx) =>
      updateUser(tx, admin, { tenantId, userId: user.id, givenName: "Ada", locale: "en-GB", metadata: { plan: "team" }, name: null, emailVerified: true }),
    );
    expect(updated).toMatchObject({ givenName: "Ada", locale: "en-GB", metadata: { plan: "team" }, name: null, familyName: null });
    expect(updated.emailVerifiedAt).toBeInstanceOf(Date);
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.targetId, user.id)));
    expect(events.find((e) => e.action === "user.updated")?.data).toEqual({ fields: ["name", "givenName", "locale", "metadata"] });
    expect(events.find((e) => e.action === "user.email_verified")).toMatchObject({ actorType: "admin", data: { method: "manual" } });
    // Already confirmed: nothing more is recorded.
    await database.db.transaction((tx) => updateUser(tx, admin, { tenantId, userId: user.id, emailVerified: true }));
    const again = await database.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "user.email_verified")));
    expect(again).toHaveLength(1);
  });

  it("does not find or change another tenant's user", async () => {
    const stranger = (await listUsers(database.db, { tenantId: otherTenantId, limit: 10, q: "elsewhere" })).users[0]!;
    expect(await outcomeOf(getUser(database.db, tenantId, stranger.id))).toBe("not_found");
    expect(await outcomeOf(database.db.transaction((tx) => updateUser(tx, admin, { tenantId, userId: stranger.id, name: "Mine now" })))).toBe("not_found");
    expect((await getUser(database.db, otherTenantId, stranger.id)).name).toBe("Grace Elsewhere");
  });

  it("blocking a user ends their sessions", async () => {
    const user = await database.db.transaction((tx) => createUser(tx, admin, { tenantId, email: "blockme@directory.example" }));
    const { token } = await database.db.transaction((tx) => createSession(tx, admin, { tenantId, userId: user.id, amr: ["pwd"] }));
    expect(await listSessions(database.db, tenantId, user.id)).toHaveLength(1);
    await database.db.transaction((tx) => blockUser(tx, admin, { tenantId, userId: user.id }));
    expect(await listSessions(database.db, tenantId, user.id)).toHaveLength(0);
    expect(await resolveSession(database.db, tenantId, token)).toBeUndefined();
  });
});
