import { and, eq } from "drizzle-orm";
import { URI, type TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  emailPreferencesResponseSchema,
  notificationListResponseSchema,
  notificationResponseSchema,
  notificationsMarkedReadResponseSchema,
  totpEnrolmentResponseSchema,
  unreadCountResponseSchema,
} from "@plinto/contracts";
import { notifications, organizations } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { accountWorld, lastMail, mailCount, type Person } from "../../../../test/account";
import { getTestInstance } from "../../../../test/instance";
import { bodyOf, problemOf } from "../../../../test/responses";
import type { Runtime } from "../../../lib/runtime";
import { systemContext } from "../../../services/context";
import { deliverNotificationMail } from "../../../services/notifications/delivery";
import { notify } from "../../../services/notifications/notifications";
import { createInvitation } from "../../../services/organizations/invitations";
import { addMember, updateMember } from "../../../services/organizations/organizations";
import { describeUserAgent } from "../../../services/sessions/sessions";

let runtime: Runtime;
let database: TestDatabase;
let world: Awaited<ReturnType<typeof accountWorld>>;
const deliver = () => deliverNotificationMail({ db: database.db, mailer: runtime.mailer, config: runtime.config });

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  world = await accountWorld(database.db, "acct-notes");
});
afterAll(async () => {
  await database?.dispose();
});

async function list(who: Person, query: Record<string, string> = {}) {
  return bodyOf(await world.call("listNotifications", who, { query }), 200, notificationListResponseSchema);
}
const kinds = async (who: Person) => (await list(who)).notifications.map((n) => n.kind);

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

describe("new sign-in notices", () => {
  it("tells of a sign-in from a user agent and address not seen recently, in the portal and by mail, once", async () => {
    const ada = await world.person({ label: "ada" });
    await world.signIn(ada.id); // the same device again: nothing
    expect(await kinds(ada)).toEqual([]);
    await world.signIn(ada.id, { userAgent: FIREFOX, ipAddress: "203.0.113.7" });
    const [notice] = (await list(ada)).notifications;
    expect(notice).toMatchObject({ kind: "new_sign_in", category: "security", title: "New sign-in", readAt: null });
    expect(notice!.body).toContain("Firefox on Windows (203.0.113.7)");
    // Delivered after the commit, by the runtime's own delivery or this one, whichever claims it
    // first (the other finds nothing to send, even while the first is still sending): once.
    await deliver();
    await vi.waitFor(async () => expect(await mailCount(database.db, world.tenant.id, ada.email, "new-sign-in")).toBe(1), { timeout: 5_000, interval: 50 });
    await deliver();
    const mail = await lastMail(database.db, world.tenant.id, ada.email, "new-sign-in");
    expect(mail?.text).toContain("203.0.113.7");
    expect(await mailCount(database.db, world.tenant.id, ada.email, "new-sign-in")).toBe(1);
    // Seen now: the same pair again says nothing.
    await world.signIn(ada.id, { userAgent: FIREFOX, ipAddress: "203.0.113.7" });
    expect(await kinds(ada)).toEqual(["new_sign_in"]);
  });

  it("is mailed soon after the commit without anyone asking", async () => {
    const kim = await world.person({ label: "kim" });
    await world.signIn(kim.id, { userAgent: FIREFOX, ipAddress: "198.51.100.9" });
    await vi.waitFor(async () => expect(await mailCount(database.db, world.tenant.id, kim.email, "new-sign-in")).toBe(1), { timeout: 5_000, interval: 100 });
  });

  it("says nothing at a user's first sign-in", async () => {
    const bob = await world.person({ label: "bob", userAgent: FIREFOX });
    expect(await kinds(bob)).toEqual([]);
  });

  it("names browsers and systems plainly", () => {
    expect(describeUserAgent(FIREFOX)).toBe("Firefox on Windows");
    expect(describeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1")).toBe("Safari on iOS");
    expect(describeUserAgent("curl/8.5.0")).toBe("curl/8.5.0");
  });
});

describe("notifications from account changes", () => {
  it("password changed, email changed, and an authenticator app added and removed", async () => {
    const cy = await world.person({ label: "cy" });
    await world.call("changePassword", cy, { body: { currentPassword: cy.password, newPassword: "a brand new passphrase here" } });
    const started = await bodyOf(await world.call("startTotpEnrolment", cy), 201, totpEnrolmentResponseSchema);
    const code = (URI.parse(started.otpauthUri) as TOTP).generate();
    expect((await world.call("confirmTotpEnrolment", cy, { body: { code } })).status).toBe(200);
    expect((await world.call("removeFactor", cy, { params: { factor: started.factorId } })).status).toBe(200);
    await world.call("startEmailChange", cy, { body: { email: "cy-new@acct-notes.example" } });
    const mail = await lastMail(database.db, world.tenant.id, "cy-new@acct-notes.example", "email-change-confirm");
    await world.call("confirmEmailChange", cy, { body: { code: /code is (\d{6})/.exec(mail!.text)![1]! } });
    expect(await kinds(cy)).toEqual(["email_changed", "factor_removed", "factor_added", "password_changed"]);
    // Each of these services mails its own notice already: nothing is left pending for delivery.
    const pending = await database.db.select().from(notifications).where(and(eq(notifications.userId, cy.id), eq(notifications.mailStatus, "pending")));
    expect(pending).toEqual([]);
  });

  it("an invitation to someone with an account here, and their role changing, with mail as their preference says", async () => {
    const dee = await world.person({ label: "dee" });
    const [org] = await database.db.insert(organizations).values({ tenantId: world.tenant.id, name: "Dee's club", slug: "dees-club" }).returning();
    await createInvitation(database.db, runtime, systemContext, { tenantId: world.tenant.id, organizationId: org!.id, email: dee.email.toUpperCase(), role: "member" });
    await createInvitation(database.db, runtime, systemContext, { tenantId: world.tenant.id, organizationId: org!.id, email: "nobody-here@acct-notes.example", role: "member" });
    const [invited] = (await list(dee)).notifications;
    expect(invited).toMatchObject({ kind: "invitation_received", category: "organization_activity", data: { organizationId: org!.id, role: "member" } });
    expect(JSON.stringify(invited)).not.toMatch(/token/i);

    await database.db.transaction((tx) => addMember(tx, systemContext, { tenantId: world.tenant.id, organizationId: org!.id, userId: dee.id, role: "member" }));
    await database.db.transaction((tx) => updateMember(tx, systemContext, { tenantId: world.tenant.id, organizationId: org!.id, userId: dee.id, role: "admin" }));
    await deliver();
    // (The runtime's own delivery may have claimed it first and still be sending: wait for the mail.)
    await vi.waitFor(async () => expect((await lastMail(database.db, world.tenant.id, dee.email, "organization-role-changed"))?.subject).toBe("Your role in Dee's club changed"), { timeout: 5_000, interval: 50 });

    // Switched off: the notification still comes, the mail does not.
    await bodyOf(await world.call("updateEmailPreferences", dee, { body: { organization_activity: false } }), 200, emailPreferencesResponseSchema);
    await database.db.transaction((tx) => updateMember(tx, systemContext, { tenantId: world.tenant.id, organizationId: org!.id, userId: dee.id, role: "member" }));
    await deliver();
    expect(await mailCount(database.db, world.tenant.id, dee.email, "organization-role-changed")).toBe(1);
    expect((await list(dee)).notifications.filter((n) => n.kind === "organization_role_changed")).toHaveLength(2);
    const statuses = () =>
      database.db.select({ s: notifications.mailStatus }).from(notifications).where(and(eq(notifications.userId, dee.id), eq(notifications.kind, "organization_role_changed")));
    await vi.waitFor(async () => expect((await statuses()).map((r) => r.s).sort()).toEqual(["sent", "skipped"]), { timeout: 5_000, interval: 50 });
  });

  it("leaves no notification and sends no mail when the change's transaction fails", async () => {
    const eve = await world.person({ label: "eve" });
    await expect(
      database.db.transaction(async (tx) => {
        await notify(tx, { tenantId: world.tenant.id, userId: eve.id, kind: "new_sign_in", title: "t", body: "b", mail: true });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await deliver();
    expect(await mailCount(database.db, world.tenant.id, eve.email, "new-sign-in")).toBe(0);
    expect(await kinds(eve)).toEqual([]);
  });

  it("sends a pending mail once even when two deliveries run together", async () => {
    const fay = await world.person({ label: "fay" });
    await database.db.transaction((tx) => notify(tx, { tenantId: world.tenant.id, userId: fay.id, kind: "new_sign_in", title: "New sign-in", body: "b", data: { at: "now" }, mail: true }));
    const [a, b] = await Promise.all([deliver(), deliver()]);
    expect(a + b).toBeLessThanOrEqual(1);
    await deliver();
    await vi.waitFor(async () => expect(await mailCount(database.db, world.tenant.id, fay.email, "new-sign-in")).toBe(1), { timeout: 5_000, interval: 50 });
    await deliver();
    expect(await mailCount(database.db, world.tenant.id, fay.email, "new-sign-in")).toBe(1);
  });
});

describe("reading notifications", () => {
  async function seed(who: Person, n: number) {
    for (let i = 0; i < n; i++) {
      await database.db.transaction((tx) => notify(tx, { tenantId: world.tenant.id, userId: who.id, kind: "password_changed", title: `Note ${i}`, body: "b" }));
    }
  }

  it("pages newest first, filters unread, counts, and marks one or all read", async () => {
    const gus = await world.person({ label: "gus" });
    await seed(gus, 5);
    const first = await list(gus, { limit: "2" });
    expect(first.notifications.map((n) => n.title)).toEqual(["Note 4", "Note 3"]);
    expect(first.unreadCount).toBe(5);
    const second = await list(gus, { limit: "2", cursor: first.nextCursor! });
    const third = await list(gus, { limit: "2", cursor: second.nextCursor! });
    expect([...second.notifications, ...third.notifications].map((n) => n.title)).toEqual(["Note 2", "Note 1", "Note 0"]);
    expect(third.nextCursor).toBeNull();

    const read = await bodyOf(await world.call("markNotificationRead", gus, { params: { notification: first.notifications[0]!.id } }), 200, notificationResponseSchema);
    expect(read.notification.readAt).not.toBeNull();
    expect((await bodyOf(await world.call("countUnreadNotifications", gus), 200, unreadCountResponseSchema)).unreadCount).toBe(4);
    expect((await list(gus, { unread: "true" })).notifications.map((n) => n.title)).toEqual(["Note 3", "Note 2", "Note 1", "Note 0"]);
    // Marking again keeps the first time.
    const again = await bodyOf(await world.call("markNotificationRead", gus, { params: { notification: first.notifications[0]!.id } }), 200, notificationResponseSchema);
    expect(again.notification.readAt).toBe(read.notification.readAt);
    expect(await bodyOf(await world.call("markAllNotificationsRead", gus), 200, notificationsMarkedReadResponseSchema)).toEqual({ markedRead: 4 });
    expect((await list(gus, { unread: "true" })).notifications).toEqual([]);
    await problemOf(await world.call("listNotifications", gus, { query: { unread: "maybe" } }), 400, "validation_failed");
    await problemOf(await world.call("listNotifications", gus, { query: { cursor: "not-a-cursor!" } }), 400, "validation_failed");
  });

  it("never shows or marks another user's notifications", async () => {
    const hal = await world.person({ label: "hal" });
    const ivy = await world.person({ label: "ivy" });
    await seed(ivy, 1);
    const [ivys] = (await list(ivy)).notifications;
    expect((await list(hal)).notifications).toEqual([]);
    await problemOf(await world.call("markNotificationRead", hal, { params: { notification: ivys!.id } }), 404, "not_found");
    await problemOf(await world.call("markNotificationRead", hal, { params: { notification: "ntf_nope" } }), 404, "not_found");
    await world.call("markAllNotificationsRead", hal);
    expect((await list(ivy)).notifications[0]!.readAt).toBeNull();
    await problemOf(await world.call("listNotifications", undefined), 401, "unauthorized");
  });
});

describe("mail preferences", () => {
  it("defaults, switches optional categories, and refuses to switch security notices off", async () => {
    const jo = await world.person({ label: "jo" });
    const initial = await bodyOf(await world.call("getEmailPreferences", jo), 200, emailPreferencesResponseSchema);
    expect(initial.preferences).toEqual([
      { category: "security", email: true, locked: true },
      { category: "organization_activity", email: true, locked: false },
      { category: "product_updates", email: false, locked: false },
    ]);
    const refused = await problemOf(await world.call("updateEmailPreferences", jo, { body: { security: false, product_updates: true } }), 400, "validation_failed");
    expect(refused.errors?.[0]?.path).toBe("security");
    const changed = await bodyOf(await world.call("updateEmailPreferences", jo, { body: { product_updates: true, security: true } }), 200, emailPreferencesResponseSchema);
    expect(changed.preferences.find((p) => p.category === "product_updates")?.email).toBe(true);
    await problemOf(await world.call("updateEmailPreferences", jo, { body: { marketing: true } }), 400, "validation_failed");
    expect((await bodyOf(await world.call("getEmailPreferences", jo), 200, emailPreferencesResponseSchema)).preferences).toEqual(changed.preferences);
  });
});
