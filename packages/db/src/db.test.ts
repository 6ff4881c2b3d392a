import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, DatabaseError, migrate, migrationStatus, newId, rows } from "./index";
import { auditEvents, credentials, tenants, users } from "./schema";
import { createTestDatabase, type TestDatabase } from "./testing";

// The same migrations and queries must run on the embedded database and on PostgreSQL: every
// case below runs on PGlite, and again on a fresh PostgreSQL database when DATABASE_URL is set.
const backends: Array<{ name: string; url: string | undefined }> = [{ name: "PGlite", url: undefined }];
if (process.env.DATABASE_URL) backends.push({ name: "PostgreSQL", url: process.env.DATABASE_URL });

describe.each(backends)("schema on $name", ({ url }) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(url);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function makeTenant(slug: string) {
    const [tenant] = await database.db.insert(tenants).values({ slug, name: slug }).returning();
    return tenant!;
  }

  it("applies every committed migration, and applying again changes nothing", async () => {
    const before = await migrationStatus(database.db);
    expect(before.upToDate).toBe(true);
    expect(before.applied).toBe(before.expected);
    await migrate(database);
    expect(await migrationStatus(database.db)).toEqual(before);
  });

  it("stores and finds users by email case-insensitively within a tenant", async () => {
    const acme = await makeTenant("acme");
    const [created] = await database.db
      .insert(users)
      .values({ tenantId: acme.id, email: "Ada@Example.com", name: "Ada" })
      .returning();
    expect(created!.id).toMatch(/^usr_/);

    const found = await database.db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, acme.id), sql`lower(${users.email}) = lower(${"ADA@example.COM"})`));
    expect(found.map((u) => u.id)).toEqual([created!.id]);

    await expect(
      database.db.insert(users).values({ tenantId: acme.id, email: "ada@example.com" }),
    ).rejects.toThrow();
  });

  it("lets two tenants hold the same email", async () => {
    const one = await makeTenant("one");
    const two = await makeTenant("two");
    await database.db.insert(users).values({ tenantId: one.id, email: "same@example.com" });
    await database.db.insert(users).values({ tenantId: two.id, email: "same@example.com" });
    const all = await database.db.select().from(users).where(sql`lower(${users.email}) = 'same@example.com'`);
    expect(new Set(all.map((u) => u.tenantId))).toEqual(new Set([one.id, two.id]));
  });

  it("refuses a row that points at another tenant's user", async () => {
    const mine = await makeTenant("mine");
    const theirs = await makeTenant("theirs");
    const [victim] = await database.db
      .insert(users)
      .values({ tenantId: theirs.id, email: "victim@example.com" })
      .returning();
    await expect(
      database.db.insert(credentials).values({ tenantId: mine.id, userId: victim!.id, type: "password", secret: "x" }),
    ).rejects.toThrow();
    // The same row in the right tenant is fine.
    await database.db
      .insert(credentials)
      .values({ tenantId: theirs.id, userId: victim!.id, type: "password", secret: "x" });
  });

  it("keeps the audit log append-only, yet removable with its tenant", async () => {
    const tenant = await makeTenant("audited");
    await database.db.insert(auditEvents).values({
      tenantId: tenant.id,
      seq: 1,
      action: "user.created",
      actorType: "system",
      hash: "h1",
    });
    await expect(
      database.db.update(auditEvents).set({ action: "nothing.happened" }).where(eq(auditEvents.tenantId, tenant.id)),
    ).rejects.toThrow();
    await expect(database.db.delete(auditEvents).where(eq(auditEvents.tenantId, tenant.id))).rejects.toThrow();
    expect(await database.db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id))).toHaveLength(1);

    await database.db.delete(tenants).where(eq(tenants.id, tenant.id));
    expect(await database.db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id))).toHaveLength(0);
  });

  it("runs raw SQL through the shared executor on both drivers", async () => {
    const result = await database.db.execute<{ answer: number }>(sql`select 41 + 1 as answer`);
    expect(rows<{ answer: number }>(result)[0]?.answer).toBe(42);
  });
});

describe("createDb", () => {
  it("explains a malformed DATABASE_URL in one line", async () => {
    const error = await createDb({ url: "not a url" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as Error).message).toMatch(/^DATABASE_URL is not a URL/);
    expect((error as Error).message).not.toContain("\n");
  });

  it("refuses a URL of another database kind", async () => {
    await expect(createDb({ url: "mysql://root@127.0.0.1/x" })).rejects.toThrow(/protocol "mysql:"/);
  });

  it("explains an unreachable server without leaking the password", async () => {
    const error = await createDb({ url: "postgres://app:hunter2@127.0.0.1:1/plinto" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as Error).message).toMatch(/cannot connect to PostgreSQL at .*connection refused/);
    expect((error as Error).message).not.toContain("hunter2");
  });

  describe("embedded data directory", () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "plinto-db-"));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("keeps data across reopen and refuses a second opener", async () => {
      const dataDir = join(dir, "data");
      const first = await createDb({ dataDir });
      await migrate(first);
      const tenantId = newId("tenant");
      await first.db.insert(tenants).values({ id: tenantId, slug: "kept", name: "Kept" });
      await expect(createDb({ dataDir })).rejects.toThrow(/already open/);
      await first.close();

      const second = await createDb({ dataDir });
      const kept = await second.db.select().from(tenants).where(eq(tenants.id, tenantId));
      expect(kept).toHaveLength(1);
      await second.close();
    });
  });
});
