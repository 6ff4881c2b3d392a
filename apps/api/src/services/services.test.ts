import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, credentials, memberships as memberships_, organizations, roles } from "@plinto/db/schema";
import { getTestInstance } from "../../test/instance";
import { verifyPassword } from "../lib/password";
import type { TestDatabase } from "@plinto/db/testing";
import { recordAuditEvent, verifyAuditChain } from "./audit/audit";
import { systemContext } from "./context";
import { API_KEY_SCOPES, authenticateApiKey } from "./api-keys/api-keys";
import { findApplicationByClientId } from "./applications/applications";
import { seedDevelopment } from "./dev/seed";
import { ServiceError } from "./errors";
import { createTenant } from "./tenants/tenants";
import { createUser, findUserByEmail, getPasswordHash } from "./users/users";

let database: TestDatabase;
beforeAll(async () => {
  ({ database } = await getTestInstance());
});
afterAll(async () => {
  await database?.dispose();
});

describe("tenants", () => {
  it("creates a tenant and records it in the tenant's audit chain", async () => {
    const tenant = await database.db.transaction((tx) => createTenant(tx, systemContext, { slug: "acme-prod", name: "Acme" }));
    expect(tenant.id).toMatch(/^ten_/);
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id));
    expect(events.map((e) => e.action)).toEqual(["tenant.created"]);
  });

  it("refuses slugs that cannot sit in an issuer URL, and duplicates", async () => {
    for (const slug of ["Acme", "-acme", "acme-", "a/b", "", "a".repeat(49)]) {
      await expect(createTenant(database.db, systemContext, { slug, name: "x" })).rejects.toMatchObject({
        code: "validation_failed",
      });
    }
    await createTenant(database.db, systemContext, { slug: "taken", name: "Taken" });
    await expect(createTenant(database.db, systemContext, { slug: "taken", name: "Again" })).rejects.toMatchObject({
      code: "conflict",
    });
  });
});

describe("users", () => {
  it("stores the password as argon2id at OWASP parameters, never as given", async () => {
    const tenant = await createTenant(database.db, systemContext, { slug: "users-a", name: "Users A" });
    const password = "correct horse battery staple";
    const user = await database.db.transaction((tx) =>
      createUser(tx, systemContext, { tenantId: tenant.id, email: "Grace@Example.com", password }),
    );
    const stored = await getPasswordHash(database.db, tenant.id, user.id);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).not.toContain(password);
    expect(await verifyPassword(stored!, password)).toBe(true);
    expect(await verifyPassword(stored!, "correct horse battery stapler")).toBe(false);
  });

  it("treats emails case-insensitively within a tenant only", async () => {
    const a = await createTenant(database.db, systemContext, { slug: "users-b", name: "B" });
    const b = await createTenant(database.db, systemContext, { slug: "users-c", name: "C" });
    await createUser(database.db, systemContext, { tenantId: a.id, email: "lin@example.com" });
    await expect(
      createUser(database.db, systemContext, { tenantId: a.id, email: "LIN@example.com" }),
    ).rejects.toMatchObject({ code: "conflict" });
    const other = await createUser(database.db, systemContext, { tenantId: b.id, email: "LIN@example.com" });
    expect((await findUserByEmail(database.db, b.id, "lin@EXAMPLE.com"))?.id).toBe(other.id);
    expect((await findUserByEmail(database.db, a.id, "nobody@example.com"))).toBeUndefined();
  });

  it("refuses a bad email or a short password with a field error and writes nothing", async () => {
    const tenant = await createTenant(database.db, systemContext, { slug: "users-d", name: "D" });
    const badEmail = await createUser(database.db, systemContext, { tenantId: tenant.id, email: "not-an-email" }).catch(
      (e: unknown) => e,
    );
    expect(badEmail).toBeInstanceOf(ServiceError);
    expect((badEmail as ServiceError).fields?.[0]?.path).toBe("email");
    await expect(
      database.db.transaction((tx) =>
        createUser(tx, systemContext, { tenantId: tenant.id, email: "ok@example.com", password: "short" }),
      ),
    ).rejects.toMatchObject({ code: "validation_failed" });
    expect(await findUserByEmail(database.db, tenant.id, "ok@example.com")).toBeUndefined();
    // Code points, not bytes: eight emoji are eight characters.
    await createUser(database.db, systemContext, { tenantId: tenant.id, email: "emoji@example.com", password: "🔑".repeat(8) });
  });
});

describe("audit chain", () => {
  it("links each event to the last and detects a forged one", async () => {
    const tenant = await createTenant(database.db, systemContext, { slug: "audit-a", name: "Audit" });
    for (const action of ["user.created", "user.blocked", "user.unblocked"]) {
      await database.db.transaction((tx) => recordAuditEvent(tx, systemContext, { tenantId: tenant.id, action }));
    }
    expect(await verifyAuditChain(database.db, tenant.id)).toEqual({ ok: true });

    await database.db.insert(auditEvents).values({
      tenantId: tenant.id,
      seq: 5,
      action: "user.deleted",
      actorType: "system",
      hash: "0".repeat(64),
    });
    expect(await verifyAuditChain(database.db, tenant.id)).toEqual({ ok: false, brokenAtSeq: 5 });
  });

  it("keeps concurrent writers in one unbroken sequence", async () => {
    const tenant = await createTenant(database.db, systemContext, { slug: "audit-b", name: "Audit B" });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        database.db.transaction((tx) => recordAuditEvent(tx, systemContext, { tenantId: tenant.id, action: `test.${i}` })),
      ),
    );
    expect(await verifyAuditChain(database.db, tenant.id)).toEqual({ ok: true });
  });
});

describe("development seed", () => {
  const sites = { admin: "http://localhost:3002", app: "http://localhost:3003", demo: "http://localhost:3004" };

  it("creates the tenants, applications and a demo user whose password works, and is idempotent", async () => {
    const first = await seedDevelopment(database.db, { apiUrl: "http://localhost:4000", sites });
    expect(first.tenants.map((t) => [t.slug, t.issuer])).toEqual([
      ["plinto", "http://localhost:4000/t/plinto"],
      ["demo", "http://localhost:4000/t/demo"],
    ]);
    expect(first.apiKeys.demo?.secret).toMatch(/^plinto_sk_/);
    expect(first.applications.plinto?.admin).toMatchObject({
      clientId: "plinto-admin",
      redirectUris: ["http://localhost:3002/api/auth/callback/plinto"],
      postLogoutRedirectUris: ["http://localhost:3002/"],
    });
    expect(first.applications.plinto?.admin?.clientSecret).toEqual(expect.any(String));
    expect(first.applications.demo?.spa?.clientSecret).toBeUndefined();
    expect(first.applications.demo?.machine?.clientSecret).toEqual(expect.any(String));
    // The demo site is a confidential web application of the demo tenant (its server keeps the tokens),
    // allowed the organizations scope it shows.
    const demoTenantRow = await database.db.query.tenants.findFirst({ where: (t, { eq }) => eq(t.slug, "demo") });
    const demoApp = await findApplicationByClientId(database.db, demoTenantRow!.id, "plinto-demo");
    expect(demoApp).toMatchObject({ type: "web", allowedScopes: ["openid", "profile", "email", "offline_access", "organizations"] });
    expect(first.applications.demo?.web).toMatchObject({
      clientId: "plinto-demo",
      clientSecret: expect.stringMatching(/^plinto_cs_/),
      redirectUris: ["http://localhost:3004/auth/callback"],
      postLogoutRedirectUris: ["http://localhost:3004/"],
    });
    const second = await seedDevelopment(database.db, {
      apiUrl: "http://localhost:4000",
      sites,
      previousPassword: first.demoUser.password,
      previousApiKeys: first.apiKeys,
      previousApplications: first.applications,
    });
    expect(second).toEqual(first);
    // A forgotten client secret (it is stored hashed) is replaced; the site URLs follow the sites.
    const moved = await seedDevelopment(database.db, {
      apiUrl: "http://localhost:4000",
      sites: { ...sites, admin: "http://localhost:13002" },
      previousPassword: first.demoUser.password,
      previousApiKeys: first.apiKeys,
    });
    expect(moved.applications.plinto?.admin?.clientSecret).not.toBe(first.applications.plinto?.admin?.clientSecret);
    expect(moved.applications.plinto?.admin?.redirectUris).toEqual(["http://localhost:13002/api/auth/callback/plinto"]);
    const demoKey = await authenticateApiKey(database.db, first.apiKeys.demo!.secret);
    expect(demoKey?.scopes).toEqual(API_KEY_SCOPES.filter((s) => !s.startsWith("tenants:")));
    const operatorKey = await authenticateApiKey(database.db, first.apiKeys.plinto!.secret);
    expect(operatorKey).toMatchObject({ tenantKind: "platform", scopes: [...API_KEY_SCOPES] });

    const demoTenant = first.tenants[1]!;
    const tenantRow = await database.db.query.tenants.findFirst({ where: (t, { eq }) => eq(t.slug, demoTenant.slug) });
    const user = await findUserByEmail(database.db, tenantRow!.id, first.demoUser.email);
    const [credential] = await database.db.select().from(credentials).where(eq(credentials.userId, user!.id));
    expect(await verifyPassword(credential!.secret!, first.demoUser.password)).toBe(true);
    expect(user!.emailVerifiedAt).not.toBeNull();
    // Two organizations, so the demo has one to switch to: owner of Acme, member of Globex.
    const joined = await database.db
      .select({ slug: organizations.slug, role: roles.key })
      .from(memberships_)
      .innerJoin(organizations, eq(organizations.id, memberships_.organizationId))
      .innerJoin(roles, eq(roles.id, memberships_.roleId))
      .where(eq(memberships_.userId, user!.id));
    expect(joined.sort((a, b) => a.slug.localeCompare(b.slug))).toEqual([
      { slug: "acme", role: "owner" },
      { slug: "globex", role: "member" },
    ]);

    // The same demo user signs in to the platform tenant (admin dashboard, account portal).
    const platform = await database.db.query.tenants.findFirst({ where: (t, { eq }) => eq(t.slug, "plinto") });
    const admin = await findUserByEmail(database.db, platform!.id, first.demoUser.email);
    expect(await verifyPassword((await getPasswordHash(database.db, platform!.id, admin!.id))!, first.demoUser.password)).toBe(true);
  });

  it("issues a new demo password when the remembered one no longer verifies", async () => {
    const again = await seedDevelopment(database.db, { apiUrl: "http://localhost:4000", sites, previousPassword: "forgotten-1" });
    expect(again.demoUser.password).not.toBe("forgotten-1");
    expect(again.demoUser.password).toMatch(/^demo-/);
  });
});
