/**
 * The account API (every operation tagged Account, the signed-in user's own account) reached
 * through @plinto/sdk's PlintoAccountClient: the client's fetch hands each request to the route
 * handler Next would call, over a fresh database. Scenarios drive the client like the account
 * portal does; the last test checks that no account operation was left without an SDK method.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations, type Operation } from "@plinto/contracts";
import { PlintoAccountClient, PlintoApiError } from "@plinto/sdk";
import type { TestDatabase } from "@plinto/db/testing";
import type { Runtime } from "../../src/lib/runtime";
import { accountWorld, lastMail, type Person } from "../account";
import { getTestInstance } from "../instance";
import { callOperation } from "../routes";

const account = operations.filter((op) => op.tag === "Account" && op.security === "session");
const reached = new Set<string>();

const patterns = operations
  .filter((op) => op.tag === "Account")
  .map((op) => ({
    op,
    names: [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name!),
    regex: new RegExp(`^${op.path.replace(/\{\w+\}/g, "([^/]+)")}$`),
  }));

const routerFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  for (const { op, names, regex } of patterns) {
    const match = regex.exec(url.pathname);
    if (!match || op.method.toUpperCase() !== request.method) continue;
    reached.add(op.operationId);
    const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
    const headers = Object.fromEntries(request.headers);
    const bytes = request.method === "GET" || request.method === "DELETE" ? undefined : new Uint8Array(await request.arrayBuffer());
    const json = headers["content-type"]?.startsWith("application/json");
    return callOperation(op as Operation, {
      params,
      query: Object.fromEntries(url.searchParams),
      ...(bytes && bytes.length > 0 ? (json ? { body: JSON.parse(new TextDecoder().decode(bytes)) } : { raw: { bytes, contentType: headers["content-type"] } }) : {}),
      headers,
    });
  }
  return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
};

let runtime: Runtime;
let database: TestDatabase;
let world: Awaited<ReturnType<typeof accountWorld>>;

const clientFor = (who: Person) => new PlintoAccountClient({ baseUrl: runtime.config.publicUrl, tenant: "sdk-account", token: who.token, fetch: routerFetch });

async function apiError(promise: Promise<unknown>): Promise<PlintoApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlintoApiError);
  return error as PlintoApiError;
}

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  world = await accountWorld(database.db, "sdk-account");
});
afterAll(async () => {
  await database?.dispose();
});

describe("PlintoAccountClient", () => {
  it("refuses options that cannot work", () => {
    expect(() => new PlintoAccountClient({ baseUrl: "nope", tenant: "a", token: "t" })).toThrow(TypeError);
    expect(() => new PlintoAccountClient({ baseUrl: "http://localhost", tenant: "../x", token: "t" })).toThrow(TypeError);
    expect(() => new PlintoAccountClient({ baseUrl: "http://localhost", tenant: "a", token: "" })).toThrow(TypeError);
  });

  it("profile: read, change, upload and remove a picture", async () => {
    const ada = await world.person({ label: "ada" });
    const me = clientFor(ada);
    expect(await me.profile.get()).toMatchObject({ id: ada.id, email: ada.email });
    expect(await me.profile.update({ givenName: "Ada", locale: "en" })).toMatchObject({ givenName: "Ada", locale: "en" });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const withPicture = await me.profile.uploadAvatar(new Blob([png], { type: "image/png" }));
    expect(withPicture.picture).toContain("/v1/tenants/sdk-account/avatars/avt_");
    expect((await routerFetch(withPicture.picture!)).headers.get("content-type")).toBe("image/png");
    expect((await apiError(me.profile.uploadAvatar(new TextEncoder().encode("<svg/>")))).code).toBe("unsupported_media_type");
    expect((await me.profile.removeAvatar()).picture).toBeNull();
    const stranger = new PlintoAccountClient({ baseUrl: runtime.config.publicUrl, tenant: "sdk-account", token: "x".repeat(43), fetch: routerFetch });
    expect((await apiError(stranger.profile.get())).code).toBe("unauthorized");
  });

  it("email: start, cancel, start again and confirm a new address", async () => {
    const bea = await world.person({ label: "bea" });
    const me = clientFor(bea);
    expect(await me.email.startChange("bea-new@sdk-account.example")).toMatchObject({ status: "verification_sent" });
    expect((await me.profile.get()).pendingEmail?.email).toBe("bea-new@sdk-account.example");
    expect((await me.email.cancelChange()).pendingEmail).toBeNull();
    await me.email.startChange("bea-new@sdk-account.example");
    const mail = await lastMail(database.db, world.tenant.id, "bea-new@sdk-account.example", "email-change-confirm");
    const code = /code is (\d{6})/.exec(mail!.text)![1]!;
    expect(await me.email.confirmChange({ code })).toMatchObject({ email: "bea-new@sdk-account.example", pendingEmail: null });
    expect((await apiError(me.email.startChange("bea-new@sdk-account.example"))).code).toBe("validation_failed");
  });

  it("password: change it with the current one, and see the policy's refusal", async () => {
    const cy = await world.person({ label: "cy" });
    const me = clientFor(cy);
    const weak = await apiError(me.password.change({ currentPassword: cy.password, newPassword: "password" }));
    expect(weak.code).toBe("validation_failed");
    expect(await me.password.change({ currentPassword: cy.password, newPassword: "a brand new long passphrase", signOutOtherSessions: true })).toEqual({
      status: "password_changed",
      sessionsEnded: 0,
    });
  });

  it("notifications: list, count, mark read, and mail preferences", async () => {
    const di = await world.person({ label: "di" });
    await world.signIn(di.id, { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0", ipAddress: "192.0.2.1" });
    const me = clientFor(di);
    const page = await me.notifications.list({ unread: "true", limit: 10 });
    expect(page.notifications.map((n) => n.kind)).toEqual(["new_sign_in"]);
    expect(await me.notifications.unreadCount()).toBe(1);
    expect((await me.notifications.markRead(page.notifications[0]!.id)).readAt).not.toBeNull();
    expect(await me.notifications.markAllRead()).toBe(0);
    await expect(me.notifications.markRead("../x")).rejects.toThrow(TypeError);
    expect((await me.notifications.preferences.update({ product_updates: true })).find((p) => p.category === "product_updates")?.email).toBe(true);
    expect((await me.notifications.preferences.get()).find((p) => p.category === "security")).toEqual({ category: "security", email: true, locked: true });
    expect((await apiError(me.notifications.preferences.update({ security: false }))).code).toBe("validation_failed");
  });

  it("onboarding: read the steps and skip an optional one; a required one is refused", async () => {
    const ed = await world.person({ label: "ed" });
    const me = clientFor(ed);
    expect((await me.onboarding.get()).steps.map((s) => s.step)).toEqual(["verify_email", "complete_profile", "second_factor", "organization"]);
    expect((await me.onboarding.skip("organization")).steps.find((s) => s.step === "organization")?.status).toBe("skipped");
    expect((await apiError(me.onboarding.skip("verify_email"))).code).toBe("forbidden");
  });

  it("organizations: create, list members, invite, change a role, leave", async () => {
    const flo = await world.person({ label: "flo" });
    const gil = await world.person({ label: "gil" });
    const me = clientFor(flo);
    const crew = await me.organizations.create({ name: "SDK crew" });
    expect(crew).toMatchObject({ slug: "sdk-crew", role: "owner" });
    expect(await me.organizations.invite(crew.id, { email: gil.email, role: "member" })).toMatchObject({ status: "pending" });
    const { addMember } = await import("../../src/services/organizations/organizations");
    const { systemContext } = await import("../../src/services/context");
    await database.db.transaction((tx) => addMember(tx, systemContext, { tenantId: world.tenant.id, organizationId: crew.id, userId: gil.id, role: "member" }));
    expect(await me.organizations.changeRole(crew.id, gil.id, "admin")).toMatchObject({ role: "admin" });
    expect((await me.organizations.members(crew.id)).members.map((m) => m.role)).toEqual(["owner", "admin"]);
    await clientFor(gil).organizations.leave(crew.id);
    expect((await apiError(me.organizations.leave(crew.id))).code).toBe("conflict");
    await expect(me.organizations.members("../../x")).rejects.toThrow(TypeError);
  });

  it("privacy: export, schedule and cancel a deletion", async () => {
    const hu = await world.person({ label: "hu" });
    const me = clientFor(hu);
    const data = await me.privacy.export();
    expect(data.profile.id).toBe(hu.id);
    const scheduled = await me.privacy.scheduleDeletion();
    expect((await me.profile.get()).deletionScheduledFor).toBe(scheduled.scheduledFor);
    await me.privacy.cancelDeletion();
    expect((await me.profile.get()).deletionScheduledFor).toBeNull();
    expect((await apiError(me.privacy.cancelDeletion("x".repeat(43)))).code).toBe("invalid_verification");
  });

  it("left no account operation without an SDK method", () => {
    expect(account.length).toBeGreaterThan(0);
    expect(account.map((op) => op.operationId).filter((id) => !reached.has(id))).toEqual([]);
  });
});
