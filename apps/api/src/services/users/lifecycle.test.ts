import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { systemContext } from "../context";
import { createSession, listSessions, resolveSession } from "../sessions/sessions";
import { createTenant } from "../tenants/tenants";
import { blockUser, deleteUser, unblockUser } from "./lifecycle";
import { createUser, findUserByEmail } from "./users";

let database: TestDatabase;
let tenantId: string;
let otherTenantId: string;

beforeAll(async () => {
  ({ database } = await getTestInstance());
  tenantId = (await createTenant(database.db, systemContext, { slug: "lifecycle", name: "Lifecycle" })).id;
  otherTenantId = (await createTenant(database.db, systemContext, { slug: "lifecycle-other", name: "Other" })).id;
});
afterAll(async () => {
  await database?.dispose();
});

async function userWithSessions(email: string, count: number) {
  const user = await createUser(database.db, systemContext, { tenantId, email });
  const tokens = [];
  for (let i = 0; i < count; i++) {
    tokens.push((await createSession(database.db, systemContext, { tenantId, userId: user.id, amr: ["pwd"] })).token);
  }
  return { user, tokens };
}

describe("user lifecycle", () => {
  it("blocking ends every session at once; unblocking does not bring them back", async () => {
    const { user, tokens } = await userWithSessions("blocked@example.com", 3);
    await database.db.transaction((tx) => blockUser(tx, systemContext, { tenantId, userId: user.id }));
    for (const token of tokens) expect(await resolveSession(database.db, tenantId, token)).toBeUndefined();
    expect(await listSessions(database.db, tenantId, user.id)).toEqual([]);

    await database.db.transaction((tx) => unblockUser(tx, systemContext, { tenantId, userId: user.id }));
    expect((await findUserByEmail(database.db, tenantId, "blocked@example.com"))?.status).toBe("active");
    for (const token of tokens) expect(await resolveSession(database.db, tenantId, token)).toBeUndefined();
  });

  it("a session of a blocked user stops resolving even before it is revoked", async () => {
    const { user, tokens } = await userWithSessions("status-check@example.com", 1);
    const { users } = await import("@plinto/db/schema");
    const { eq } = await import("drizzle-orm");
    await database.db.update(users).set({ status: "blocked" }).where(eq(users.id, user.id));
    expect(await resolveSession(database.db, tenantId, tokens[0]!)).toBeUndefined();
  });

  it("deleting removes the user and ends their sessions", async () => {
    const { user, tokens } = await userWithSessions("deleted@example.com", 2);
    await database.db.transaction((tx) => deleteUser(tx, systemContext, { tenantId, userId: user.id }));
    expect(await findUserByEmail(database.db, tenantId, "deleted@example.com")).toBeUndefined();
    for (const token of tokens) expect(await resolveSession(database.db, tenantId, token)).toBeUndefined();
  });

  it("never reaches a user of another tenant", async () => {
    const { user } = await userWithSessions("mine@example.com", 1);
    const actions: Array<typeof deleteUser> = [blockUser, unblockUser, deleteUser].map(
      (action) => async (...args: Parameters<typeof deleteUser>) => void (await action(...args)),
    );
    for (const action of actions) {
      await expect(
        database.db.transaction((tx) => action(tx, systemContext, { tenantId: otherTenantId, userId: user.id })),
      ).rejects.toMatchObject({ code: "not_found" });
    }
    expect((await findUserByEmail(database.db, tenantId, "mine@example.com"))?.status).toBe("active");
  });
});
