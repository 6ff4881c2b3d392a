import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountExportSchema, deletionCancelledResponseSchema, deletionScheduledResponseSchema, profileResponseSchema, totpEnrolmentResponseSchema } from "@plinto/contracts";
import { auditEvents, tenants, users, verifications } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { URI, type TOTP } from "otpauth";
import { accountWorld, lastMail } from "../../../../test/account";
import { getTestInstance } from "../../../../test/instance";
import { bodyOf, problemOf } from "../../../../test/responses";
import type { Runtime } from "../../../lib/runtime";
import { deleteDueAccounts } from "../../../services/account/deletion";
import { findUserById } from "../../../services/users/users";

let runtime: Runtime;
let database: TestDatabase;
let world: Awaited<ReturnType<typeof accountWorld>>;

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  world = await accountWorld(database.db, "acct-privacy");
});
afterAll(async () => {
  await database?.dispose();
});

const DAY = 86_400_000;
const cancelTokenOf = (text: string) => /cancel-deletion\?token=([\w-]+)/.exec(text)?.[1];

describe("GET account/export", () => {
  it("gives the caller's data in every section, as a download, with no secret, hash or token anywhere", async () => {
    const ada = await world.person({ label: "ada" });
    await world.signIn(ada.id, { userAgent: "Firefox/133.0", ipAddress: "203.0.113.7" });
    await world.call("updateProfile", ada, { body: { givenName: "Ada", locale: "en" } });
    const started = await bodyOf(await world.call("startTotpEnrolment", ada), 201, totpEnrolmentResponseSchema);
    await world.call("confirmTotpEnrolment", ada, { body: { code: (URI.parse(started.otpauthUri) as TOTP).generate() } });
    await world.call("createOwnOrganization", ada, { body: { name: "Ada's club" } });

    const response = await world.call("exportAccount", ada);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="account-export.json"');
    const text = await response.clone().text();
    // Nothing secret: no password or code hash, no TOTP secret, no session or link token.
    const [secretRow] = await database.db.select().from(verifications).where(eq(verifications.userId, ada.id)).limit(1);
    for (const forbidden of [/\$argon2/, /hash/i, /secret/i, started.secret, ada.token, ...(secretRow ? [secretRow.tokenHash] : [])]) {
      expect(text).not.toMatch(forbidden instanceof RegExp ? forbidden : new RegExp(forbidden.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    }
    const data = await bodyOf(response, 200, accountExportSchema, /\$argon2/);
    expect(data.profile).toMatchObject({ id: ada.id, givenName: "Ada", locale: "en" });
    expect(data.password).toEqual({ set: true });
    expect(data.sessions.map((s) => s.userAgent)).toEqual(["Firefox/133.0", "vitest"]);
    expect(data.factors.map((f) => f.type)).toEqual(["totp"]);
    expect(data.recoveryCodes.remaining).toBe(10);
    expect(data.memberships.map((m) => [m.name, m.role])).toEqual([["Ada's club", "owner"]]);
    expect(data.notifications.map((n) => n.kind)).toEqual(expect.arrayContaining(["factor_added", "new_sign_in"]));
    expect(data.auditEvents.map((e) => e.action)).toEqual(expect.arrayContaining(["user.created", "user.profile_updated", "mfa.factor_added"]));
    expect(data.emailPreferences).toHaveLength(3);
    expect(data.onboarding.steps).toHaveLength(4);
  });

  it("holds nothing of anyone else, and needs a session", async () => {
    const bob = await world.person({ label: "bob" });
    const carol = await world.person({ label: "carol" });
    const text = await (await world.call("exportAccount", bob)).text();
    expect(text).not.toContain(carol.id);
    expect(text).not.toContain(carol.email);
    await problemOf(await world.call("exportAccount", undefined), 401, "unauthorized");
  });
});

describe("account deletion", () => {
  it("needs a recent sign-in", async () => {
    const dan = await world.person({ signedInSecondsAgo: 600 });
    await problemOf(await world.call("scheduleAccountDeletion", dan), 403, "reauthentication_required");
  });

  it("is scheduled after the grace period, mails a single-use cancel link kept only as a hash, and shows in the profile", async () => {
    const eve = await world.person({ label: "eve" });
    const before = Date.now();
    const scheduled = await bodyOf(await world.call("scheduleAccountDeletion", eve), 202, deletionScheduledResponseSchema);
    const when = new Date(scheduled.scheduledFor).getTime();
    expect(when).toBeGreaterThanOrEqual(before + 14 * DAY);
    expect(when).toBeLessThan(Date.now() + 14 * DAY + 1000);
    expect((await bodyOf(await world.call("getProfile", eve), 200, profileResponseSchema)).profile.deletionScheduledFor).toBe(scheduled.scheduledFor);
    await problemOf(await world.call("scheduleAccountDeletion", eve), 409, "conflict");

    const mail = await lastMail(database.db, world.tenant.id, eve.email, "account-deletion-scheduled");
    const token = cancelTokenOf(mail!.text)!;
    const stored = await database.db.select().from(verifications).where(and(eq(verifications.userId, eve.id), eq(verifications.purpose, "cancel_deletion")));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);

    // The link works without a session, once.
    await bodyOf(await world.call("cancelAccountDeletion", undefined, { body: { token } }), 200, deletionCancelledResponseSchema);
    await problemOf(await world.call("cancelAccountDeletion", undefined, { body: { token } }), 400, "invalid_verification");
    expect((await bodyOf(await world.call("getProfile", eve), 200, profileResponseSchema)).profile.deletionScheduledFor).toBeNull();
    expect(await lastMail(database.db, world.tenant.id, eve.email, "account-deletion-cancelled")).toBeDefined();
    const actions = (await database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, eve.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["user.deletion_scheduled", "user.deletion_cancelled"]));
  });

  it("is cancelled while signed in, which spends the mailed link", async () => {
    const fay = await world.person({ label: "fay" });
    await world.call("scheduleAccountDeletion", fay);
    const token = cancelTokenOf((await lastMail(database.db, world.tenant.id, fay.email, "account-deletion-scheduled"))!.text)!;
    await bodyOf(await world.call("cancelAccountDeletion", fay), 200, deletionCancelledResponseSchema);
    await problemOf(await world.call("cancelAccountDeletion", fay), 409, "conflict");
    await problemOf(await world.call("cancelAccountDeletion", undefined, { body: { token } }), 400, "invalid_verification");
    await problemOf(await world.call("cancelAccountDeletion", undefined), 401, "unauthorized");
  });

  it("is carried out by housekeeping once the grace period has passed, not before, with the tenant's own grace", async () => {
    await database.db.update(tenants).set({ settings: { account: { deletionGracePeriodDays: 3 } } }).where(eq(tenants.id, world.tenant.id));
    try {
      const gus = await world.person({ label: "gus" });
      const hal = await world.person({ label: "hal" });
      const scheduled = await bodyOf(await world.call("scheduleAccountDeletion", gus), 202, deletionScheduledResponseSchema);
      expect(new Date(scheduled.scheduledFor).getTime() - Date.now()).toBeLessThanOrEqual(3 * DAY);
      const deps = { config: runtime.config, mailer: runtime.mailer };
      expect(await deleteDueAccounts(database.db, deps, { now: new Date(Date.now() + 2 * DAY) })).toBe(0);
      expect(await findUserById(database.db, world.tenant.id, gus.id)).toBeDefined();
      expect(await deleteDueAccounts(database.db, deps, { now: new Date(Date.now() + 3 * DAY + 60_000) })).toBe(1);
      expect(await findUserById(database.db, world.tenant.id, gus.id)).toBeUndefined();
      expect(await findUserById(database.db, world.tenant.id, hal.id)).toBeDefined();
      expect(await lastMail(database.db, world.tenant.id, gus.email, "account-deleted")).toBeDefined();
      const trail = await database.db
        .select({ action: auditEvents.action, actor: auditEvents.actorType })
        .from(auditEvents)
        .where(and(eq(auditEvents.tenantId, world.tenant.id), eq(auditEvents.targetId, gus.id)));
      expect(trail).toEqual(expect.arrayContaining([{ action: "user.deletion_completed", actor: "system" }, { action: "user.deleted", actor: "system" }]));
      // Its session is gone with it.
      await problemOf(await world.call("getProfile", gus), 401, "unauthorized");
      const remaining = await database.db.select({ id: users.id }).from(users).where(eq(users.id, gus.id));
      expect(remaining).toEqual([]);
    } finally {
      await database.db.update(tenants).set({ settings: {} }).where(eq(tenants.id, world.tenant.id));
    }
  });
});

