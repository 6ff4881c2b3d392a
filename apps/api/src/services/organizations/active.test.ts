import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, memberships, organizations, roles, sessions } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { systemContext } from "../context";
import { ServiceError } from "../errors";
import { createSession } from "../sessions/sessions";
import { createTenant } from "../tenants/tenants";
import { createUser } from "../users/users";
import { activeOrganization, organizationsOf, switchOrganization } from "./active";
import { ensureBuiltInRoles, permissionsOfRole } from "./roles";

let database: TestDatabase;
const home = { id: "", slug: "active-org" };
const other = { id: "", slug: "active-org-other" };

beforeAll(async () => {
  ({ database } = await getTestInstance());
  for (const tenant of [home, other]) {
    const created = await createTenant(database.db, systemContext, { slug: tenant.slug, name: tenant.slug });
    tenant.id = created.id;
    await ensureBuiltInRoles(database.db, created);
  }
});
afterAll(async () => {
  await database?.dispose();
});

let count = 0;
async function user(tenant = home) {
  count += 1;
  return createUser(database.db, systemContext, { tenantId: tenant.id, email: `active${count}@example.com` });
}

async function organization(name: string, tenant = home) {
  count += 1;
  const [row] = await database.db.insert(organizations).values({ tenantId: tenant.id, name, slug: `${name.toLowerCase()}-${count}` }).returning();
  return row!;
}

async function roleId(key: string, tenant = home) {
  const [row] = await database.db.select({ id: roles.id }).from(roles).where(and(eq(roles.tenantId, tenant.id), eq(roles.key, key)));
  return row!.id;
}

async function join(org: { id: string }, member: { id: string }, role: string, tenant = home) {
  await database.db.insert(memberships).values({ tenantId: tenant.id, organizationId: org.id, userId: member.id, roleId: await roleId(role, tenant) });
}

async function sessionOf(member: { id: string }) {
  return (await createSession(database.db, systemContext, { tenantId: home.id, userId: member.id, amr: ["pwd"] })).session;
}

describe("organizationsOf", () => {
  it("lists the user's memberships in this tenant with the role key, by name", async () => {
    const alice = await user();
    const zeta = await organization("Zeta");
    const alpha = await organization("Alpha");
    await organization("Unjoined");
    await join(zeta, alice, "owner");
    await join(alpha, alice, "member");
    expect(await organizationsOf(database.db, { tenantId: home.id, userId: alice.id })).toEqual([
      expect.objectContaining({ id: alpha.id, slug: alpha.slug, name: "Alpha", role: "member" }),
      expect.objectContaining({ id: zeta.id, slug: zeta.slug, name: "Zeta", role: "owner" }),
    ]);
    // The same user id asked in another tenant has nothing there.
    expect(await organizationsOf(database.db, { tenantId: other.id, userId: alice.id })).toEqual([]);
  });
});

describe("activeOrganization", () => {
  it("is the session's choice while the user is a member, with the role's permissions", async () => {
    const bob = await user();
    const a = await organization("A");
    const b = await organization("B");
    await join(a, bob, "admin");
    await join(b, bob, "member");
    const active = await activeOrganization(database.db, { tenantId: home.id, userId: bob.id, sessionActiveOrganizationId: a.id });
    expect(active).toEqual({
      id: a.id,
      slug: a.slug,
      name: "A",
      role: "admin",
      permissions: await permissionsOfRole(database.db, home.id, await roleId("admin")),
    });
    expect(active!.permissions).toContain("members:manage");
  });

  it("is none with two organizations and no choice, and the only one with one", async () => {
    const carol = await user();
    const who = { tenantId: home.id, userId: carol.id, sessionActiveOrganizationId: null };
    expect(await activeOrganization(database.db, who)).toBeUndefined();
    const a = await organization("A");
    await join(a, carol, "member");
    expect((await activeOrganization(database.db, who))?.id).toBe(a.id);
    await join(await organization("B"), carol, "member");
    expect(await activeOrganization(database.db, who)).toBeUndefined();
  });

  it("forgets a choice the user is no longer a member of", async () => {
    const dave = await user();
    const a = await organization("A");
    const b = await organization("B");
    await join(a, dave, "member");
    await join(b, dave, "member");
    await database.db.delete(memberships).where(and(eq(memberships.organizationId, a.id), eq(memberships.userId, dave.id)));
    // Left A: B is now the only organization, so it is the active one.
    expect((await activeOrganization(database.db, { tenantId: home.id, userId: dave.id, sessionActiveOrganizationId: a.id }))?.id).toBe(b.id);
  });
});

describe("switchOrganization", () => {
  it("stores the choice on the session and audits it", async () => {
    const erin = await user();
    const a = await organization("A");
    await join(a, erin, "owner");
    await join(await organization("B"), erin, "member");
    const session = await sessionOf(erin);
    const active = await database.db.transaction((tx) =>
      switchOrganization(tx, { actor: { type: "user", id: erin.id } }, { tenantId: home.id, sessionId: session.id, userId: erin.id, organizationId: a.id }),
    );
    expect(active).toMatchObject({ id: a.id, role: "owner" });
    const [row] = await database.db.select({ active: sessions.activeOrganizationId }).from(sessions).where(eq(sessions.id, session.id));
    expect(row!.active).toBe(a.id);
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, home.id), eq(auditEvents.action, "session.organization_switched"), eq(auditEvents.targetId, session.id)));
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toEqual({ organizationId: a.id });

    await database.db.transaction((tx) =>
      switchOrganization(tx, systemContext, { tenantId: home.id, sessionId: session.id, userId: erin.id, organizationId: null }),
    );
    const [cleared] = await database.db.select({ active: sessions.activeOrganizationId }).from(sessions).where(eq(sessions.id, session.id));
    expect(cleared!.active).toBeNull();
  });

  it("refuses an organization the user is not in (another tenant's too) and another user's session, as not_found", async () => {
    const frank = await user();
    const mine = await organization("Mine");
    await join(mine, frank, "member");
    const theirs = await organization("Theirs");
    const elsewhere = await organization("Elsewhere", other);
    const session = await sessionOf(frank);
    const stranger = await user();
    const strangersSession = await sessionOf(stranger);

    const attempts = [
      { sessionId: session.id, organizationId: theirs.id },
      { sessionId: session.id, organizationId: elsewhere.id },
      // A member of `mine` cannot set it on a session that is not theirs.
      { sessionId: strangersSession.id, organizationId: mine.id },
    ];
    for (const attempt of attempts) {
      const error = await database.db
        .transaction((tx) => switchOrganization(tx, systemContext, { tenantId: home.id, userId: frank.id, ...attempt }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).code).toBe("not_found");
    }
    const [own] = await database.db.select({ active: sessions.activeOrganizationId }).from(sessions).where(eq(sessions.id, session.id));
    expect(own!.active).toBeNull();
    const [strangers] = await database.db.select({ active: sessions.activeOrganizationId }).from(sessions).where(eq(sessions.id, strangersSession.id));
    expect(strangers!.active).toBeNull();
  });
});
