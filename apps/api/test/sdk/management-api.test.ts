/**
 * Every management operation of the contract, reached through @plinto/sdk: the client's fetch hands
 * each request to the route handler Next would call (matched from the contract's own path
 * templates), over a fresh database. A scenario per resource drives the SDK like a customer's
 * backend would, and the last test checks no management operation was left without an SDK method.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MANAGEMENT_SCOPES, operations, type Operation } from "@plinto/contracts";
import { PlintoApiError, PlintoClient } from "@plinto/sdk";
import type { TestDatabase } from "@plinto/db/testing";
import type { Runtime } from "../../src/lib/runtime";
import { createApiKey } from "../../src/services/api-keys/api-keys";
import { createApplication } from "../../src/services/applications/applications";
import { systemContext } from "../../src/services/context";
import { createSession } from "../../src/services/sessions/sessions";
import { setTenantAdmin } from "../../src/services/tenants/admins";
import { createTenant } from "../../src/services/tenants/tenants";
import { createUser } from "../../src/services/users/users";
import { mintAdminToken } from "../admin-token";
import { getTestInstance } from "../instance";
import { callOperation } from "../routes";

const management = operations.filter((op) => op.security === "management");
const reached = new Set<string>();

/** The contract's path templates as patterns, so a request finds its operation as Next's router would find its file. */
const patterns = management.map((op) => ({
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
    const text = request.method === "GET" || request.method === "DELETE" ? undefined : await request.text();
    return callOperation(op as Operation, {
      params,
      query: Object.fromEntries(url.searchParams),
      ...(text ? { body: JSON.parse(text) } : {}),
      headers: Object.fromEntries(request.headers),
    });
  }
  return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
};

let runtime: Runtime;
let database: TestDatabase;
let plinto: PlintoClient;
let operator: PlintoClient;
let tenantId: string;

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
  const db = database.db;
  const platform = await db.transaction((tx) => createTenant(tx, systemContext, { slug: "plinto", name: "Plinto", kind: "platform" }));
  tenantId = (await db.transaction((tx) => createTenant(tx, systemContext, { slug: "sdk-acme", name: "Acme" }))).id;
  const key = async (tenant: string, scopes: string[]) =>
    (await db.transaction((tx) => createApiKey(tx, systemContext, { tenantId: tenant, name: "sdk", scopes: scopes as never }))).secret;
  const baseUrl = runtime.config.publicUrl;
  plinto = new PlintoClient({ baseUrl, apiKey: await key(tenantId, MANAGEMENT_SCOPES.filter((s) => !s.startsWith("tenants:"))), fetch: routerFetch });
  operator = new PlintoClient({ baseUrl, apiKey: await key(platform.id, [...MANAGEMENT_SCOPES]), fetch: routerFetch });
});
afterAll(async () => {
  await database?.dispose();
});

describe("users", () => {
  it("create, search, read, update, block, unblock, sessions, factor reset, password reset and delete", async () => {
    const ada = await plinto.users.create({ email: "ada@acme.example", name: "Ada Lovelace", emailVerified: true });
    await plinto.users.create({ email: "grace@acme.example", name: "Grace Hopper" });
    const found = await plinto.users.list({ q: "ADA", limit: 10 });
    expect(found.users.map((u) => u.email)).toEqual(["ada@acme.example"]);
    const unverified = await plinto.users.list({ emailVerified: false });
    expect(unverified.users.map((u) => u.email)).toEqual(["grace@acme.example"]);
    const firstPage = await plinto.users.list({ limit: 1 });
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    const all = [];
    for await (const user of plinto.paginate((cursor) => plinto.users.list({ limit: 1, ...(cursor ? { cursor } : {}) }), "users")) all.push(user.email);
    expect(all.sort()).toEqual(["ada@acme.example", "grace@acme.example"]);

    expect(await plinto.users.get(ada.id)).toMatchObject({ email: "ada@acme.example", emailVerified: true });
    expect(await plinto.users.update(ada.id, { givenName: "Ada" })).toMatchObject({ givenName: "Ada" });
    expect(await plinto.users.block(ada.id)).toMatchObject({ status: "blocked" });
    expect(await plinto.users.unblock(ada.id)).toMatchObject({ status: "active" });

    const sessions = await Promise.all(
      [1, 2, 3].map(() => database.db.transaction((tx) => createSession(tx, systemContext, { tenantId, userId: ada.id, amr: ["pwd"] }))),
    );
    expect(await plinto.users.sessions.list(ada.id)).toHaveLength(3);
    await plinto.users.sessions.revoke(ada.id, sessions[0]!.session.id);
    expect(await plinto.users.sessions.revokeAll(ada.id)).toEqual({ status: "revoked", count: 2 });
    expect(await plinto.users.resetFactors(ada.id)).toMatchObject({ status: "reset" });
    const impersonation = await plinto.users.impersonate(ada.id, { reason: "Support ticket 7", minutes: 5 });
    expect(impersonation.url).toContain("/t/sdk-acme/impersonate?ticket=");
    expect(await plinto.users.sendPasswordReset(ada.id)).toEqual({ status: "reset_sent" });

    // Support tools: the sign-in report reads without counting, unlock clears it, memberships list.
    const report = await plinto.users.signInSecurity(ada.id);
    expect(report).toMatchObject({ locked: false, lockedUntil: null, recentFailures: [] });
    expect(report.limits.map((l) => l.name)).toEqual(["sign_in", "sign_in_daily", "mfa", "mfa_daily"]);
    expect(await plinto.users.unlock(ada.id)).toMatchObject({ locked: false });
    const labs = await plinto.organizations.create({ name: "Ada's Lab", slug: "ada-lab" });
    expect(await plinto.users.organizations(ada.id)).toEqual([]);
    await plinto.organizations.members.add(labs.id, { userId: ada.id, role: "admin" });
    expect(await plinto.users.organizations(ada.id)).toEqual([
      { id: labs.id, name: "Ada's Lab", slug: "ada-lab", membershipId: expect.stringMatching(/^mem_/), role: "admin", roleName: expect.any(String), joinedAt: expect.any(String) },
    ]);
    await plinto.organizations.delete(labs.id);

    await plinto.users.delete(ada.id);
    expect((await apiError(plinto.users.get(ada.id))).code).toBe("not_found");
    await expect(plinto.users.get("..")).rejects.toThrow(TypeError);
  });
});

describe("organizations, members, invitations and domains", () => {
  it("run through the SDK, with the API's errors as typed errors", async () => {
    const member = await plinto.users.create({ email: "linus@acme.example", emailVerified: true });
    const org = await plinto.organizations.create({ name: "Acme Labs", slug: "acme-labs" });
    expect((await plinto.organizations.list({ q: "labs" })).organizations.map((o) => o.slug)).toEqual(["acme-labs"]);
    expect((await apiError(plinto.organizations.create({ name: "Again", slug: "acme-labs" }))).code).toBe("conflict");
    expect(await plinto.organizations.get(org.id)).toMatchObject({ name: "Acme Labs" });
    const strict = await plinto.organizations.update(org.id, { mfaPolicy: { mode: "required", gracePeriodDays: 3 } });
    expect(strict.mfaPolicy).toMatchObject({ mode: "required", gracePeriodDays: 3, requiredSince: expect.any(String) });

    await plinto.organizations.members.add(org.id, { userId: member.id, role: "owner" });
    expect((await plinto.organizations.members.list(org.id)).members.map((m) => [m.email, m.role])).toEqual([["linus@acme.example", "owner"]]);
    // The last owner stays.
    expect((await apiError(plinto.organizations.members.update(org.id, member.id, { role: "member" }))).code).toBe("conflict");

    const invitation = await plinto.organizations.invitations.create(org.id, { email: "new@acme.example", role: "member" });
    expect((await plinto.organizations.invitations.list(org.id)).map((i) => i.email)).toEqual(["new@acme.example"]);
    const resent = await plinto.organizations.invitations.resend(org.id, invitation.id);
    expect(resent.id).toBe(invitation.id);
    await plinto.organizations.invitations.revoke(org.id, invitation.id);

    const domain = await plinto.organizations.domains.add(org.id, { domain: "acme-labs.example" });
    expect((await plinto.organizations.domains.list(org.id)).map((d) => d.domain)).toEqual(["acme-labs.example"]);
    expect(await plinto.organizations.domains.update(org.id, domain.id, { autoJoin: true })).toMatchObject({ autoJoin: true });
    // No TXT record anywhere for this name: refused, and said why.
    const refused = await apiError(plinto.organizations.domains.verify(org.id, domain.id));
    expect(refused.status).toBeGreaterThanOrEqual(400);
    await plinto.organizations.domains.remove(org.id, domain.id);

    const second = await plinto.users.create({ email: "second@acme.example", emailVerified: true });
    await plinto.organizations.members.add(org.id, { userId: second.id, role: "member" });
    expect(await plinto.organizations.members.update(org.id, second.id, { role: "admin" })).toMatchObject({ role: "admin" });
    await plinto.organizations.members.remove(org.id, second.id);
    await plinto.organizations.delete(org.id);
    expect((await apiError(plinto.organizations.get(org.id))).code).toBe("not_found");
  });
});

describe("roles and permissions", () => {
  it("custom roles from the tenant's own permissions", async () => {
    const permission = await plinto.permissions.create({ key: "reports:read", description: "Read reports" });
    expect((await plinto.permissions.list()).map((p) => p.key)).toContain("reports:read");
    const role = await plinto.roles.create({ key: "analyst", name: "Analyst", permissions: ["reports:read", "members:read"] });
    expect((await plinto.roles.list()).map((r) => r.key)).toEqual(expect.arrayContaining(["owner", "admin", "member", "analyst"]));
    expect(await plinto.roles.get("analyst")).toMatchObject({ id: role.id });
    expect(await plinto.roles.update(role.id, { name: "Data analyst" })).toMatchObject({ name: "Data analyst" });
    expect((await apiError(plinto.roles.delete("owner"))).code).toBe("conflict");
    await plinto.roles.delete(role.id);
    await plinto.permissions.delete(permission.id);
    expect((await plinto.permissions.list()).map((p) => p.key)).not.toContain("reports:read");
  });
});

describe("API keys, settings, applications, signing keys and billing", () => {
  it("a key is shown once and hands out only the caller's scopes; settings change field by field", async () => {
    const created = await plinto.apiKeys.create({ name: "CI", scopes: ["users:read"] });
    expect(created.secret).toMatch(/^plinto_sk_/);
    expect((await plinto.apiKeys.list()).map((k) => k.id)).toContain(created.apiKey.id);
    expect(await plinto.apiKeys.get(created.apiKey.id)).not.toHaveProperty("secret");
    const narrow = new PlintoClient({ baseUrl: runtime.config.publicUrl, apiKey: created.secret, fetch: routerFetch });
    expect((await apiError(narrow.users.create({ email: "nope@acme.example" }))).code).toBe("forbidden");
    await plinto.apiKeys.revoke(created.apiKey.id);
    expect((await apiError(narrow.users.list())).code).toBe("unauthorized");

    await plinto.settings.update({ mfaPolicy: { mode: "optional", allowEmailCode: true } });
    expect((await plinto.settings.get()).mfaPolicy).toMatchObject({ mode: "optional", allowEmailCode: true });

    const app = await plinto.applications.create({ name: "Portal", type: "web", redirectUris: ["https://portal.acme.example/cb"] });
    expect((await plinto.applications.list()).map((a) => a.id)).toContain(app.application.id);
    await plinto.applications.get(app.application.id);
    await plinto.applications.update(app.application.id, { name: "Portal 2" });
    await plinto.applications.rotateSecret(app.application.id);
    await plinto.applications.delete(app.application.id);
    await plinto.signingKeys.rotate();
    expect(await plinto.signingKeys.list()).toHaveLength(3);

    expect((await plinto.billing.get()).plan.key).toBe("free");
    const { billing, invoice } = await plinto.billing.changePlan("pro");
    expect(billing.plan.key).toBe("pro");
    expect((await plinto.billing.invoices()).map((i) => i.number)).toEqual([invoice!.number]);
  });
});

describe("analytics", () => {
  it("counts the users the scenarios above signed up, in a summary and per day", async () => {
    const everyone: string[] = [];
    for await (const user of plinto.paginate((cursor) => plinto.users.list({ limit: 100, ...(cursor ? { cursor } : {}) }), "users")) everyone.push(user.id);
    expect(everyone.length).toBeGreaterThan(0);
    const to = new Date(Date.now() + 60_000).toISOString();
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const summary = await plinto.analytics.summary({ from, to });
    expect(summary.signUps).toBe(everyone.length);
    const series = await plinto.analytics.timeseries({ metric: "sign_ups", interval: "day", from, to });
    expect(series.points.reduce((sum, p) => sum + p.value, 0)).toBe(everyone.length);
    expect((await apiError(plinto.analytics.summary({ from: to, to: from }))).code).toBe("validation_failed");
  });
});

describe("audit log", () => {
  it("lists, filters, pages, reads and exports the tenant's events", async () => {
    const lin = await plinto.users.create({ email: "audited@acme.example", name: "=1+1, \"quoted\"" });
    await plinto.users.block(lin.id);
    const { events } = await plinto.auditEvents.list({ action: "user.blocked", targetId: lin.id });
    expect(events.map((e) => [e.action, e.actorType, e.targetId])).toEqual([["user.blocked", "api_key", lin.id]]);
    const page = await plinto.auditEvents.list({ action: "user.", limit: 1 });
    expect(page.nextCursor).toEqual(expect.any(String));
    const userEvents = [];
    for await (const event of plinto.paginate((cursor) => plinto.auditEvents.list({ action: "user.", limit: 2, ...(cursor ? { cursor } : {}) }), "events")) {
      userEvents.push(event);
    }
    expect(userEvents.every((e) => e.action.startsWith("user."))).toBe(true);
    expect(new Set(userEvents.map((e) => e.id)).size).toBe(userEvents.length);
    expect(await plinto.auditEvents.get(events[0]!.id)).toEqual(events[0]);
    expect((await apiError(plinto.auditEvents.get("evt_01jbz6y0fq7m2x9d8c4v6b5n3k"))).code).toBe("not_found");

    const csv = await plinto.auditEvents.export({ targetId: lin.id });
    expect(csv.split("\r\n")[0]).toMatch(/^id,seq,occurredAt,action,/);
    expect(csv).toContain(`${events[0]!.id},`);
    const json = JSON.parse(await plinto.auditEvents.export({ targetId: lin.id, format: "json" })) as { events: Array<{ id: string }>; truncated: boolean };
    expect(json.events.map((e) => e.id)).toContain(events[0]!.id);
    expect(json.truncated).toBe(false);
    expect((await apiError(plinto.auditEvents.export({ format: "xml" as never }))).code).toBe("validation_failed");
  });
});

describe("tenants, for platform operators and admins", () => {
  it("an operator creates, reads, renames and suspends tenants and names their admins; an admin lists theirs", async () => {
    const { tenant: created, apiKey } = await operator.tenants.create({
      slug: "globex",
      name: "Globex",
      initialApiKey: { name: "provisioning", scopes: ["settings:write", "settings:read"] },
    });
    // The new tenant's own key configures it.
    const globex = new PlintoClient({ baseUrl: runtime.config.publicUrl, apiKey: apiKey!.secret, fetch: routerFetch });
    expect((await globex.settings.update({ passwordPolicy: { minLength: 12 } })).passwordPolicy).toMatchObject({ minLength: 12 });
    expect((await operator.tenants.list()).tenants.map((t) => t.slug)).toEqual(expect.arrayContaining(["plinto", "sdk-acme", "globex"]));
    expect(await operator.tenants.get("globex")).toMatchObject({ id: created.id, name: "Globex" });
    expect(await operator.tenants.update("globex", { name: "Globex Corp" })).toMatchObject({ name: "Globex Corp" });
    // A customer tenant's key cannot manage tenants at all.
    expect((await apiError(plinto.tenants.list())).code).toBe("forbidden");

    const [platform] = (await operator.tenants.list()).tenants.filter((t) => t.slug === "plinto");
    const admin = await database.db.transaction((tx) =>
      createUser(tx, systemContext, { tenantId: platform!.id, email: "ops@plinto.example", emailVerified: true }),
    );
    expect(await operator.tenants.admins.set("globex", admin.id, { role: "owner" })).toMatchObject({ email: "ops@plinto.example", role: "owner" });
    await database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: { id: tenantId, slug: "sdk-acme", name: "Acme" }, userId: admin.id, role: "viewer" }));

    // The admin, with an access token of the platform tenant's own site.
    const site = await database.db.transaction((tx) =>
      createApplication(tx, systemContext, { tenantId: platform!.id, name: "Admin", type: "web", redirectUris: ["https://admin.example/cb"], grantTypes: ["authorization_code"] }),
    );
    const token = await mintAdminToken(database.db, {
      publicUrl: runtime.config.publicUrl,
      secret: runtime.config.secret,
      platform: { id: platform!.id, slug: "plinto" },
      userId: admin.id,
      clientId: site.application.clientId,
    });
    const asAdmin = new PlintoClient({ baseUrl: runtime.config.publicUrl, token, fetch: routerFetch });
    expect((await asAdmin.tenants.mine()).map((t) => [t.slug, t.role])).toEqual([
      ["sdk-acme", "viewer"],
      ["globex", "owner"],
    ]);
    const inAcme = new PlintoClient({ baseUrl: runtime.config.publicUrl, token, tenant: "sdk-acme", fetch: routerFetch });
    expect((await inAcme.users.list()).users.length).toBeGreaterThan(0);
    // A viewer reads the audit log.
    expect((await inAcme.auditEvents.list({ limit: 1 })).events).toHaveLength(1);
    expect((await apiError(inAcme.users.create({ email: "viewer-cannot@acme.example" }))).code).toBe("forbidden");
    expect(() => new PlintoClient({ baseUrl: runtime.config.publicUrl, apiKey: "plinto_sk_x", tenant: "sdk-acme" })).toThrow(TypeError);

    expect((await operator.tenants.admins.list("globex")).map((a) => a.email)).toEqual(["ops@plinto.example"]);
    const other = await database.db.transaction((tx) =>
      createUser(tx, systemContext, { tenantId: platform!.id, email: "second-ops@plinto.example", emailVerified: true }),
    );
    await operator.tenants.admins.set("globex", other.id, { role: "admin" });
    await operator.tenants.admins.remove("globex", other.id);
    expect(await operator.tenants.update("globex", { status: "suspended" })).toMatchObject({ status: "suspended" });
  });

  it("left no management operation without an SDK method", () => {
    expect(management.map((op) => op.operationId).filter((id) => !reached.has(id))).toEqual([]);
  });
});
