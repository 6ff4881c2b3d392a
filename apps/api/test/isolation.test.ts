/**
 * Tenant isolation, as a matrix: every management operation in the contract, called through its
 * real route handler with a credential of tenant A — its API key, and its admin's access token —
 * against the resources of tenant B. Each answer must be 403 or 404 (or, for an operation that names
 * no resource, an answer about A alone), no answer may carry anything of B's, and afterwards B's
 * resources are all there, unchanged. A new management route is in the matrix the day it is added
 * (the list comes from the contract); one whose path names a resource the fixtures do not know
 * fails here until the fixtures learn it. Inside one tenant, a member of one organization gets
 * nothing of another through the end-user organization routes.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations, type Operation } from "@plinto/contracts";
import { apiKeys, applications, auditEvents, domains, invitations, memberships, notifications, organizations, permissions, roles, sessions, users } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { hashToken, randomToken } from "../src/lib/crypto";
import type { Runtime } from "../src/lib/runtime";
import { API_KEY_SCOPES, createApiKey } from "../src/services/api-keys/api-keys";
import { createApplication } from "../src/services/applications/applications";
import { systemContext } from "../src/services/context";
import { createSession } from "../src/services/sessions/sessions";
import { setTenantAdmin } from "../src/services/tenants/admins";
import { createTenant } from "../src/services/tenants/tenants";
import { createUser } from "../src/services/users/users";
import { mintAdminToken } from "./admin-token";
import { getTestInstance } from "./instance";
import { callOperation } from "./routes";

let runtime: Runtime;
let database: TestDatabase;
let platform: { id: string; slug: string };
let adminClient: string;

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  platform = await database.db.transaction((tx) => createTenant(tx, systemContext, { slug: "plinto", name: "Plinto", kind: "platform" }));
  const site = await database.db.transaction((tx) =>
    createApplication(tx, systemContext, {
      tenantId: platform.id,
      name: "Admin",
      type: "web",
      redirectUris: ["https://admin.example/callback"],
      grantTypes: ["authorization_code"],
    }),
  );
  adminClient = site.application.clientId;
});
afterAll(async () => {
  await database?.dispose();
});

/** One tenant's worth of resources, each named with `marker` so a leak shows in any answer. */
async function world(marker: string) {
  const db = database.db;
  const tenant = await db.transaction((tx) => createTenant(tx, systemContext, { slug: marker, name: `${marker} tenant` }));
  const tenantId = tenant.id;
  const user = await db.transaction((tx) =>
    createUser(tx, systemContext, { tenantId, email: `${marker}-user@${marker}.example`, name: `${marker} person`, emailVerified: true }),
  );
  const { session } = await db.transaction((tx) => createSession(tx, systemContext, { tenantId, userId: user.id, amr: ["pwd"] }));
  const [organization] = await db.insert(organizations).values({ tenantId, name: `${marker} org`, slug: `${marker}-org` }).returning();
  const [member] = await db.select().from(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.key, "member")));
  const [role] = await db.insert(roles).values({ tenantId, key: `${marker}-role`, name: `${marker} role` }).returning();
  const [permission] = await db.insert(permissions).values({ tenantId, key: `${marker}:permission` }).returning();
  const [membership] = await db.insert(memberships).values({ tenantId, organizationId: organization!.id, userId: user.id, roleId: member!.id }).returning();
  const [invitation] = await db
    .insert(invitations)
    .values({
      tenantId,
      organizationId: organization!.id,
      email: `${marker}-invitee@${marker}.example`,
      roleId: member!.id,
      tokenHash: hashToken(randomToken(32)),
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning();
  const [domain] = await db
    .insert(domains)
    .values({ tenantId, organizationId: organization!.id, domain: `${marker}.example`, verificationToken: randomToken(16) })
    .returning();
  const application = await db.transaction((tx) =>
    createApplication(tx, systemContext, { tenantId, name: `${marker} app`, type: "web", redirectUris: [`https://${marker}.example/cb`], grantTypes: ["authorization_code"] }),
  );
  const key = await db.transaction((tx) =>
    createApiKey(tx, systemContext, { tenantId, name: `${marker} key`, scopes: API_KEY_SCOPES.filter((s) => !s.startsWith("tenants:")) }),
  );
  const [notification] = await db
    .insert(notifications)
    .values({ tenantId, userId: user.id, kind: "password_changed", category: "security", data: { title: `${marker} notice`, body: `${marker} body` } })
    .returning();
  // The tenant's newest audit event (the key's creation), named by id like any resource.
  const [event] = await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenantId)).orderBy(desc(auditEvents.seq)).limit(1);
  const ids = {
    tenant: tenant.slug,
    user: user.id,
    session: session.id,
    organization: organization!.id,
    role: role!.id,
    permission: permission!.id,
    membership: membership!.id,
    invitation: invitation!.id,
    domain: domain!.id,
    application: application.application.id,
    apiKey: key.apiKey.id,
    event: event!.id,
    notification: notification!.id,
  };
  return { tenant, ids, secret: key.secret, marker };
}

type World = Awaited<ReturnType<typeof world>>;

/** Path parameter names → the fixture they name. */
const PARAMS: Record<string, keyof World["ids"]> = {
  tenant: "tenant",
  user: "user",
  session: "session",
  organization: "organization",
  role: "role",
  permission: "permission",
  member: "user",
  membership: "membership",
  invitation: "invitation",
  domain: "domain",
  application: "application",
  apiKey: "apiKey",
  key: "apiKey",
  event: "event",
  notification: "notification",
};

/** Ids in an example body (`usr_…`, `org_…`, …) swapped for tenant B's of the same kind. */
function aimedAt(value: unknown, ids: World["ids"]): unknown {
  if (typeof value === "string") {
    const kind = Object.values(ids).find((id) => id.split("_")[0] === value.split("_")[0] && /^[a-z]+_[0-9a-z]{26}$/i.test(value));
    return kind ?? value;
  }
  if (Array.isArray(value)) return value.map((v) => aimedAt(v, ids));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, aimedAt(v, ids)]));
  return value;
}

/** Everything of B's that must stay exactly as it was. */
async function snapshot(b: World) {
  const db = database.db;
  const t = b.tenant.id;
  return {
    users: await db.select().from(users).where(eq(users.tenantId, t)),
    sessions: await db.select({ id: sessions.id, revokedAt: sessions.revokedAt }).from(sessions).where(eq(sessions.tenantId, t)),
    organizations: await db.select().from(organizations).where(eq(organizations.tenantId, t)),
    roles: await db.select().from(roles).where(eq(roles.tenantId, t)),
    permissions: await db.select().from(permissions).where(eq(permissions.tenantId, t)),
    memberships: await db.select().from(memberships).where(eq(memberships.tenantId, t)),
    invitations: await db.select().from(invitations).where(eq(invitations.tenantId, t)),
    domains: await db.select().from(domains).where(eq(domains.tenantId, t)),
    applications: await db.select().from(applications).where(eq(applications.tenantId, t)),
    apiKeys: await db.select({ id: apiKeys.id, revokedAt: apiKeys.revokedAt, scopes: apiKeys.scopes }).from(apiKeys).where(eq(apiKeys.tenantId, t)),
    auditEvents: await db.select().from(auditEvents).where(eq(auditEvents.tenantId, t)),
    notifications: await db.select().from(notifications).where(eq(notifications.tenantId, t)),
  };
}

const management = operations.filter((op) => op.security === "management");
const label = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;

describe("tenant isolation of the management API", () => {
  let a: World;
  let b: World;
  let credentials: Array<{ name: string; headers: Record<string, string> }>;

  beforeAll(async () => {
    a = await world("iso-alpha");
    b = await world("iso-bravo");
    // A's admin: a platform user who owns tenant A and nothing else.
    const admin = await database.db.transaction((tx) =>
      createUser(tx, systemContext, { tenantId: platform.id, email: "alpha-admin@plinto.example", emailVerified: true }),
    );
    await database.db.transaction((tx) => setTenantAdmin(tx, systemContext, { tenant: a.tenant, userId: admin.id, role: "owner" }));
    const token = await mintAdminToken(database.db, {
      publicUrl: runtime.config.publicUrl,
      secret: runtime.config.secret,
      platform,
      userId: admin.id,
      clientId: adminClient,
    });
    credentials = [
      { name: "A's API key", headers: { authorization: `Bearer ${a.secret}` } },
      { name: "A's admin token", headers: { authorization: `Bearer ${token}`, "plinto-tenant": a.tenant.slug } },
      // The same admin naming B: not theirs, so nothing at all.
      { name: "A's admin token naming B", headers: { authorization: `Bearer ${token}`, "plinto-tenant": b.tenant.slug } },
    ];
  });

  it("covers every management operation the contract lists", () => {
    expect(management.length).toBeGreaterThanOrEqual(8);
    for (const op of management) {
      for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) {
        expect(PARAMS[name!], `${label(op)}: the fixtures know {${name}}`).toBeDefined();
      }
    }
  });

  it("answers 403 or 404 for B's resources and never shows B's data", async () => {
    const before = await snapshot(b);
    const leaks = [b.marker, ...Object.values(b.ids).filter((id) => id !== b.tenant.slug)];
    const failures: string[] = [];
    for (const op of management) {
      const params = Object.fromEntries([...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, b.ids[PARAMS[name!]!]]));
      const namesB = Object.keys(params).length > 0;
      const body = op.body ? aimedAt(op.examples?.request, b.ids) : undefined;
      for (const credential of credentials) {
        const response = await callOperation(op, { params, body, headers: credential.headers });
        const text = await response.text();
        const where = `${label(op)} with ${credential.name}: ${response.status}`;
        const leaked = leaks.filter((leak) => text.includes(leak));
        if (leaked.length > 0) failures.push(`${where} shows ${leaked.join(", ")}`);
        if (response.status >= 500) failures.push(`${where} (server error)`);
        const denied = response.status === 403 || response.status === 404;
        if (credential.name.endsWith("naming B") && response.status !== 403) failures.push(`${where}, expected 403`);
        if (namesB && !denied) failures.push(`${where}, expected 403 or 404`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot(b)).toEqual(before);
  });
});

describe("organization isolation inside one tenant", () => {
  const op = (operationId: string) => operations.find((o) => o.operationId === operationId)!;

  it("a member of organization A sees, joins and answers nothing of organization B", async () => {
    const db = database.db;
    const tenant = await db.transaction((tx) => createTenant(tx, systemContext, { slug: "iso-orgs", name: "Orgs" }));
    const person = (label: string) =>
      db.transaction((tx) => createUser(tx, systemContext, { tenantId: tenant.id, email: `${label}@orgs.example`, name: label, emailVerified: true }));
    const alice = await person("alice");
    const bob = await person("bob");
    const [owner] = await db.select().from(roles).where(and(eq(roles.tenantId, tenant.id), eq(roles.key, "owner")));
    const [orgA] = await db.insert(organizations).values({ tenantId: tenant.id, name: "Alpha org", slug: "alpha" }).returning();
    const [orgB] = await db.insert(organizations).values({ tenantId: tenant.id, name: "Bravo org", slug: "bravo" }).returning();
    await db.insert(memberships).values([
      { tenantId: tenant.id, organizationId: orgA!.id, userId: alice.id, roleId: owner!.id },
      { tenantId: tenant.id, organizationId: orgB!.id, userId: bob.id, roleId: owner!.id },
    ]);
    // B invites someone else; Alice somehow holds the link's token.
    const token = randomToken(32);
    const [invitation] = await db
      .insert(invitations)
      .values({ tenantId: tenant.id, organizationId: orgB!.id, email: "carol@orgs.example", roleId: owner!.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 86_400_000) })
      .returning();
    const { token: session } = await db.transaction((tx) => createSession(tx, systemContext, { tenantId: tenant.id, userId: alice.id, amr: ["pwd"] }));
    const asAlice = { authorization: `Bearer ${session}` };
    const leaks = [orgB!.id, "Bravo org", "bravo"];
    const params = { tenant: tenant.slug };

    const mine = await callOperation(op("listMyOrganizations"), { params, headers: asAlice });
    const text = await mine.text();
    expect(mine.status).toBe(200);
    expect(text).toContain(orgA!.id);
    expect(leaks.filter((leak) => text.includes(leak))).toEqual([]);

    const switched = await callOperation(op("switchOrganization"), { params, headers: asAlice, body: { organizationId: orgB!.id } });
    expect(switched.status).toBe(404);
    const switchedText = await switched.text();
    expect(leaks.filter((leak) => switchedText.includes(leak))).toEqual([]);

    for (const answer of ["acceptInvitation", "declineInvitation"]) {
      const refused = await callOperation(op(answer), { params, headers: asAlice, body: { token } });
      expect([403, 404], answer).toContain(refused.status);
    }
    expect(await db.select().from(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.organizationId, orgB!.id)))).toHaveLength(1);
    const [after] = await db.select().from(invitations).where(eq(invitations.id, invitation!.id));
    expect(after!.status).toBe("pending");

    // Nor to Bob's notifications.
    const [bobs] = await db
      .insert(notifications)
      .values({ tenantId: tenant.id, userId: bob.id, kind: "organization_role_changed", category: "organization_activity", data: { title: "Bravo org", body: "bravo" } })
      .returning();
    expect((await callOperation(op("markNotificationRead"), { params: { ...params, notification: bobs!.id }, headers: asAlice })).status).toBe(404);
    const alicesNotes = await (await callOperation(op("listNotifications"), { params, headers: asAlice })).text();
    expect(leaks.filter((leak) => alicesNotes.includes(leak))).toEqual([]);
    expect((await db.select().from(notifications).where(eq(notifications.id, bobs!.id)))[0]!.readAt).toBeNull();

    // Alice's session is no key to another tenant's organizations either.
    const elsewhere = await callOperation(op("listMyOrganizations"), { params: { tenant: "plinto" }, headers: asAlice });
    expect(elsewhere.status).toBe(401);
  });
});


describe("tenant isolation of the account API", () => {
  const account = operations.filter((o) => o.tag === "Account" && o.security === "session");
  /** Path parameters that name no resource of a tenant, only a fixed choice. */
  const fixed: Record<string, string> = { step: "second_factor" };

  it("a session of tenant A is no key to tenant B's account routes, and B's data stays as it was", async () => {
    const a = await world("iso-acct-alpha");
    const b = await world("iso-acct-bravo");
    const { token } = await database.db.transaction((tx) => createSession(tx, systemContext, { tenantId: a.tenant.id, userId: a.ids.user, amr: ["pwd"] }));
    const before = await snapshot(b);
    const failures: string[] = [];
    expect(account.length).toBeGreaterThan(0);
    for (const o of account) {
      for (const [, name] of o.path.matchAll(/\{(\w+)\}/g)) expect(PARAMS[name!] ?? fixed[name!], `${label(o)}: the fixtures know {${name}}`).toBeDefined();
    }
    for (const o of account) {
      const params = Object.fromEntries([...o.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, fixed[name!] ?? b.ids[PARAMS[name!]!]]));
      const body = o.body ? aimedAt(o.examples?.request, b.ids) : undefined;
      const response = await callOperation(o, { params, body, headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      if (response.status !== 401) failures.push(`${label(o)}: ${response.status}, expected 401`);
      const leaked = [b.marker, ...Object.values(b.ids).filter((id) => id !== b.tenant.slug)].filter((leak) => text.includes(leak));
      if (leaked.length > 0) failures.push(`${label(o)} shows ${leaked.join(", ")}`);
    }
    expect(failures).toEqual([]);
    expect(await snapshot(b)).toEqual(before);
  });
});
