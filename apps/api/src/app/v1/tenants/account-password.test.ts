import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordChangedResponseSchema, profileResponseSchema } from "@plinto/contracts";
import { auditEvents, oidcModels, sessions } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { accountWorld, lastMail, type Person } from "../../../../test/account";
import { getTestInstance } from "../../../../test/instance";
import { bodyOf, problemOf } from "../../../../test/responses";
import { verifyPassword } from "../../../lib/password";
import { getPasswordHash } from "../../../services/users/users";

let database: TestDatabase;
let world: Awaited<ReturnType<typeof accountWorld>>;

beforeAll(async () => {
  ({ database } = await getTestInstance());
  world = await accountWorld(database.db, "acct-password");
});
afterAll(async () => {
  await database?.dispose();
});

const NEW = "an entirely different passphrase 2026";

async function passwordIs(who: Person, password: string) {
  const hash = await getPasswordHash(database.db, world.tenant.id, who.id);
  return hash !== undefined && (await verifyPassword(hash, password));
}

async function liveSessions(who: Person) {
  const rows = await database.db.select().from(sessions).where(and(eq(sessions.tenantId, world.tenant.id), eq(sessions.userId, who.id)));
  return rows.filter((s) => s.revokedAt === null).map((s) => s.id).sort();
}

describe("POST password", () => {
  it("needs a session", async () => {
    await problemOf(await world.call("changePassword", undefined, { body: { currentPassword: "x", newPassword: NEW } }), 401, "unauthorized");
  });

  it("changes the password with the current one, keeps other sessions unless asked, tells the address and audits", async () => {
    const ada = await world.person({ label: "ada" });
    const laptop = await world.signIn(ada.id);
    const answer = await bodyOf(await world.call("changePassword", ada, { body: { currentPassword: ada.password, newPassword: NEW } }), 200, passwordChangedResponseSchema);
    expect(answer).toEqual({ status: "password_changed", sessionsEnded: 0 });
    expect(await passwordIs(ada, NEW)).toBe(true);
    expect(await passwordIs(ada, ada.password)).toBe(false);
    expect(await liveSessions(ada)).toEqual([ada.sessionId, laptop.sessionId].sort());
    expect((await lastMail(database.db, world.tenant.id, ada.email, "password-changed"))?.text).toContain("password of your");
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, world.tenant.id), eq(auditEvents.action, "user.password_changed"), eq(auditEvents.targetId, ada.id)));
    expect(event?.data).toEqual({ hadPassword: true, signedOutOtherSessions: false, sessionsEnded: 0 });
  });

  it("signs out every other session and their application tokens, but not this one or its tokens", async () => {
    const bob = await world.person({ label: "bob" });
    const phone = await world.signIn(bob.id);
    const tablet = await world.signIn(bob.id);
    const token = (id: string, sid: string, grantId: string) => ({
      tenantId: world.tenant.id, model: "RefreshToken", id, accountId: bob.id, clientId: "portal", grantId, payload: { sid, accountId: bob.id, grantId },
    });
    await database.db.insert(oidcModels).values([
      token("rt-here", bob.sessionId, "grant-here"),
      token("rt-phone", phone.sessionId, "grant-phone"),
      { tenantId: world.tenant.id, model: "Grant", id: "grant-here", accountId: bob.id, clientId: "portal", payload: { accountId: bob.id } },
      { tenantId: world.tenant.id, model: "Grant", id: "grant-phone", accountId: bob.id, clientId: "portal", payload: { accountId: bob.id } },
    ]);
    const answer = await bodyOf(
      await world.call("changePassword", bob, { body: { currentPassword: bob.password, newPassword: NEW, signOutOtherSessions: true } }),
      200,
      passwordChangedResponseSchema,
    );
    expect(answer.sessionsEnded).toBe(2);
    expect(await liveSessions(bob)).toEqual([bob.sessionId]);
    await problemOf(await world.call("getProfile", phone), 401, "unauthorized");
    await problemOf(await world.call("getProfile", tablet), 401, "unauthorized");
    await bodyOf(await world.call("getProfile", bob), 200, profileResponseSchema);
    const left = await database.db.select({ id: oidcModels.id }).from(oidcModels).where(and(eq(oidcModels.tenantId, world.tenant.id), eq(oidcModels.accountId, bob.id)));
    expect(left.map((r) => r.id).sort()).toEqual(["grant-here", "rt-here"]);
  });

  it("refuses a wrong or missing current password and a new one the policy does not allow, and changes nothing", async () => {
    const carol = await world.person({ label: "carol" });
    const wrong = await problemOf(await world.call("changePassword", carol, { body: { currentPassword: "not it at all", newPassword: NEW } }), 400, "validation_failed");
    expect(wrong.errors?.[0]?.path).toBe("currentPassword");
    const missing = await problemOf(await world.call("changePassword", carol, { body: { newPassword: NEW } }), 400, "validation_failed");
    expect(missing.errors?.[0]?.path).toBe("currentPassword");
    const weak = await problemOf(await world.call("changePassword", carol, { body: { currentPassword: carol.password, newPassword: "password" } }), 400, "validation_failed");
    expect(weak.errors?.[0]?.path).toBe("newPassword");
    const common = await problemOf(await world.call("changePassword", carol, { body: { currentPassword: carol.password, newPassword: "qwertyuiop" } }), 400, "validation_failed");
    expect(common.errors?.map((e) => e.path)).toContain("newPassword");
    expect(await passwordIs(carol, carol.password)).toBe(true);
    const failed = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, world.tenant.id), eq(auditEvents.action, "user.password_change_failed"), eq(auditEvents.targetId, carol.id)));
    expect(failed).toHaveLength(1);
  });

  it("limits wrong current passwords per account", async () => {
    const dave = await world.person({ label: "dave" });
    for (let i = 0; i < 10; i++) {
      await problemOf(await world.call("changePassword", dave, { body: { currentPassword: `wrong ${i}`, newPassword: NEW } }), 400, "validation_failed");
    }
    await problemOf(await world.call("changePassword", dave, { body: { currentPassword: dave.password, newPassword: NEW } }), 429, "rate_limited");
    expect(await passwordIs(dave, dave.password)).toBe(true);
  });

  it("lets an account without a password set one after a recent sign-in only", async () => {
    const erin = await world.person({ label: "erin", password: null });
    const stale = await world.signIn(erin.id, { signedInSecondsAgo: 600 });
    await problemOf(await world.call("changePassword", stale, { body: { newPassword: NEW } }), 403, "reauthentication_required");
    await bodyOf(await world.call("changePassword", erin, { body: { newPassword: NEW } }), 200, passwordChangedResponseSchema);
    expect(await passwordIs(erin, NEW)).toBe(true);
  });
});
