import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailChangeStartedResponseSchema, profileResponseSchema } from "@plinto/contracts";
import { auditEvents } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { accountWorld, lastMail } from "../../../../test/account";
import { getTestInstance } from "../../../../test/instance";
import { bodyOf, problemOf } from "../../../../test/responses";
import { requestPasswordReset, resetPassword } from "../../../services/auth/auth";
import { systemContext } from "../../../services/context";
import { findUserByEmail } from "../../../services/users/users";
import type { Runtime } from "../../../lib/runtime";

let runtime: Runtime;
let database: TestDatabase;
let world: Awaited<ReturnType<typeof accountWorld>>;

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  world = await accountWorld(database.db, "acct-email");
});
afterAll(async () => {
  await database?.dispose();
});

const codeOf = (text: string) => /code is (\d{6})/.exec(text)?.[1];
const tokenOf = (text: string) => /confirm-email\?token=([\w-]+)/.exec(text)?.[1];

describe("changing the email address", () => {
  it("needs a recent sign-in", async () => {
    const ada = await world.person({ signedInSecondsAgo: 600 });
    await problemOf(await world.call("startEmailChange", ada, { body: { email: "new-ada@acct-email.example" } }), 403, "reauthentication_required");
    await problemOf(await world.call("startEmailChange", undefined, { body: { email: "x@acct-email.example" } }), 401, "unauthorized");
    expect(await lastMail(database.db, world.tenant.id, "new-ada@acct-email.example", "email-change-confirm")).toBeUndefined();
  });

  it("mails a code to the new address and a notice to the old; the account moves only once the code is confirmed", async () => {
    const ada = await world.person({ label: "ada" });
    const started = await bodyOf(await world.call("startEmailChange", ada, { body: { email: "Ada.New@acct-email.example" } }), 202, emailChangeStartedResponseSchema);
    expect(started).toMatchObject({ status: "verification_sent", email: "Ada.New@acct-email.example" });
    const confirm = await lastMail(database.db, world.tenant.id, "ada.new@acct-email.example", "email-change-confirm");
    const notice = await lastMail(database.db, world.tenant.id, ada.email, "email-change-requested");
    expect(notice?.text).toContain("Ada.New@acct-email.example");
    expect(notice?.text).not.toMatch(/\d{6}/);

    // Not yet: the profile shows the pending address, the account keeps its own.
    const pending = await bodyOf(await world.call("getProfile", ada), 200, profileResponseSchema);
    expect(pending.profile).toMatchObject({ email: ada.email, pendingEmail: { email: "Ada.New@acct-email.example" } });
    expect(await findUserByEmail(database.db, world.tenant.id, "ada.new@acct-email.example")).toBeUndefined();

    await problemOf(await world.call("confirmEmailChange", ada, { body: { code: codeOf(confirm!.text) === "000000" ? "111111" : "000000" } }), 400, "invalid_verification");
    const done = await bodyOf(await world.call("confirmEmailChange", ada, { body: { code: codeOf(confirm!.text)! } }), 200, profileResponseSchema);
    expect(done.profile).toMatchObject({ id: ada.id, email: "Ada.New@acct-email.example", emailVerified: true, pendingEmail: null });
    const told = await lastMail(database.db, world.tenant.id, ada.email, "email-changed");
    expect(told?.text).toContain("Ada.New@acct-email.example");
    const events = await database.db
      .select({ action: auditEvents.action, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, world.tenant.id), eq(auditEvents.targetId, ada.id)));
    expect(events).toEqual(
      expect.arrayContaining([
        { action: "user.email_change_requested", data: { to: "Ada.New@acct-email.example" } },
        { action: "user.email_changed", data: { from: ada.email, to: "Ada.New@acct-email.example" } },
      ]),
    );
    // The code worked once.
    await problemOf(await world.call("confirmEmailChange", ada, { body: { code: codeOf(confirm!.text)! } }), 400, "invalid_verification");
  });

  it("confirms with the link's token without a session, and spends links mailed to the old address", async () => {
    const bob = await world.person({ label: "bob" });
    await requestPasswordReset(database.db, runtime, systemContext, { tenantSlug: world.tenant.slug, email: bob.email });
    const reset = await lastMail(database.db, world.tenant.id, bob.email, "reset-password");
    const resetToken = /token=([\w-]+)/.exec(reset!.text)![1]!;
    await world.call("startEmailChange", bob, { body: { email: "bob-moved@acct-email.example" } });
    const mail = await lastMail(database.db, world.tenant.id, "bob-moved@acct-email.example", "email-change-confirm");
    const done = await bodyOf(await world.call("confirmEmailChange", undefined, { body: { token: tokenOf(mail!.text)! } }), 200, profileResponseSchema);
    expect(done.profile.email).toBe("bob-moved@acct-email.example");
    await expect(resetPassword(database.db, runtime, systemContext, { tenantSlug: world.tenant.slug, token: resetToken, password: "another long passphrase 42" })).rejects.toMatchObject({
      code: "invalid_verification",
    });
    // A code without a session names no account.
    await problemOf(await world.call("confirmEmailChange", undefined, { body: { code: "123456" } }), 401, "unauthorized");
  });

  it("refuses an address another account has, the same address, and a malformed one", async () => {
    const carol = await world.person({ label: "carol" });
    const dave = await world.person({ label: "dave" });
    await problemOf(await world.call("startEmailChange", carol, { body: { email: dave.email.toUpperCase() } }), 409, "conflict");
    await problemOf(await world.call("startEmailChange", carol, { body: { email: carol.email } }), 400, "validation_failed");
    await problemOf(await world.call("startEmailChange", carol, { body: { email: "not-an-address" } }), 400, "validation_failed");
  });

  it("refuses at confirmation an address taken meanwhile, and keeps the account as it was", async () => {
    const erin = await world.person({ label: "erin" });
    await world.call("startEmailChange", erin, { body: { email: "contested@acct-email.example" } });
    const mail = await lastMail(database.db, world.tenant.id, "contested@acct-email.example", "email-change-confirm");
    await world.person({ label: "contested" }).then(async (other) => {
      // Someone else takes the address first (here: an account moved onto it directly).
      const { users } = await import("@plinto/db/schema");
      await database.db.update(users).set({ email: "contested@acct-email.example" }).where(eq(users.id, other.id));
    });
    await problemOf(await world.call("confirmEmailChange", erin, { body: { code: codeOf(mail!.text)! } }), 409, "conflict");
    const { profile } = await bodyOf(await world.call("getProfile", erin), 200, profileResponseSchema);
    expect(profile.email).toBe(erin.email);
  });

  it("a pending change can be dropped; its code then fails", async () => {
    const finn = await world.person({ label: "finn" });
    await world.call("startEmailChange", finn, { body: { email: "finn-new@acct-email.example" } });
    const mail = await lastMail(database.db, world.tenant.id, "finn-new@acct-email.example", "email-change-confirm");
    const dropped = await bodyOf(await world.call("cancelEmailChange", finn), 200, profileResponseSchema);
    expect(dropped.profile.pendingEmail).toBeNull();
    await problemOf(await world.call("confirmEmailChange", finn, { body: { code: codeOf(mail!.text)! } }), 400, "invalid_verification");
  });
});
