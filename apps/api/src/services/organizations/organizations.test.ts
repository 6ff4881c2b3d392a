import { Resolver } from "node:dns/promises";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, invitations, memberships, organizations } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { hashToken } from "../../lib/crypto";
import { createRateLimiter } from "../../lib/rate-limit";
import type { Runtime } from "../../lib/runtime";
import { verifyAuditChain } from "../audit/audit";
import type { RequestContext } from "../context";
import { systemContext } from "../context";
import { ServiceError } from "../errors";
import { listOutbox } from "../mail/outbox";
import { DEMO_ORGANIZATION, DEMO_TENANT, DEMO_USER, seedDevelopment } from "../dev/seed";
import { createTenant, findTenantBySlug } from "../tenants/tenants";
import { createUser, findUserById } from "../users/users";
import { startDnsServer, type DnsServer } from "./dns-testing";
import { addDomain, autoJoinByDomain, normalizeDomain, removeDomain, updateDomain, verificationRecord, verifyDomain } from "./domains";
import {
  acceptInvitation,
  createInvitation,
  declineInvitation,
  invitationStatus,
  listInvitations,
  pendingInvitationsFor,
  resendInvitation,
  revokeInvitation,
} from "./invitations";
import {
  addMember,
  createOrganization,
  deleteOrganization,
  getMember,
  getOrganization,
  listMembers,
  listOrganizations,
  mfaPolicyOf,
  removeMember,
  updateMember,
  updateOrganization,
} from "./organizations";
import { createPermission, createRole, deletePermission, deleteRole, getRole, listPermissions, listRoles, updateRole } from "./roles";

let runtime: Runtime;
let database: TestDatabase;
let dns: DnsServer;
let resolver: Resolver;
const tenants = { a: "", b: "" };
const limiter = createRateLimiter({ redisUrl: undefined });
let counter = 0;

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  tenants.a = (await createTenant(database.db, systemContext, { slug: "orgs-a", name: "Orgs A" })).id;
  tenants.b = (await createTenant(database.db, systemContext, { slug: "orgs-b", name: "Orgs B" })).id;
  dns = await startDnsServer();
  resolver = new Resolver({ timeout: 2_000, tries: 1 });
  resolver.setServers([dns.address]);
});
afterAll(async () => {
  await limiter.close();
  await dns?.close();
  await database?.dispose();
});

const tx = <T>(work: (tx: Parameters<Parameters<TestDatabase["db"]["transaction"]>[0]>[0]) => Promise<T>) => database.db.transaction(work);
const fresh = (label: string) => `${label}-${++counter}`;

async function failure(attempt: Promise<unknown>, code: string): Promise<ServiceError> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).code).toBe(code);
  return error as ServiceError;
}

async function organization(tenantId = tenants.a, slug = fresh("org")) {
  return tx((t) => createOrganization(t, systemContext, { tenantId, name: `Org ${slug}`, slug }));
}
async function user(tenantId = tenants.a, email = `${fresh("person")}@example.com`, emailVerified = true) {
  return tx((t) => createUser(t, systemContext, { tenantId, email, emailVerified }));
}
async function member(organizationId: string, role = "member", tenantId = tenants.a) {
  const u = await user(tenantId);
  await tx((t) => addMember(t, systemContext, { tenantId, organizationId, userId: u.id, role }));
  return u;
}

describe("organizations", () => {
  it("creates one with a slug unique per tenant, audited; the same slug in another tenant is fine", async () => {
    const slug = fresh("acme");
    const created = await organization(tenants.a, slug);
    expect(created.id).toMatch(/^org_/);
    await failure(organization(tenants.a, slug), "conflict");
    expect((await organization(tenants.b, slug)).slug).toBe(slug);
    await failure(organization(tenants.a, "Not A Slug"), "validation_failed");
    await failure(organization(tenants.a, "-edge"), "validation_failed");
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, created.id), eq(auditEvents.action, "organization.created")));
    expect(event?.data).toMatchObject({ slug });
  });

  it("pages newest first with a cursor and searches name and slug, never across tenants", async () => {
    const tag = fresh("pagetag");
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await organization(tenants.a, `${tag}-${i}`));
    await organization(tenants.b, `${tag}-b`);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listOrganizations(database.db, tenants.a, { limit: 2, cursor, q: tag });
      expect(page.organizations.length).toBeLessThanOrEqual(2);
      seen.push(...page.organizations.map((o) => o.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(made.map((o) => o.id).reverse());
    expect((await listOrganizations(database.db, tenants.a, { limit: 20, q: `${tag}-3` })).organizations.map((o) => o.id)).toEqual([made[3]!.id]);
    expect((await listOrganizations(database.db, tenants.a, { limit: 20, q: "%" })).organizations).toEqual([]);
    await failure(listOrganizations(database.db, tenants.a, { limit: 2, cursor: "junk" }), "validation_failed");
  });

  it("updates name, slug and metadata; refuses a taken slug; another tenant's is not_found", async () => {
    const one = await organization();
    const two = await organization();
    const updated = await tx((t) => updateOrganization(t, systemContext, { tenantId: tenants.a, organizationId: one.id, name: " Renamed ", metadata: { plan: "pro" } }));
    expect(updated).toMatchObject({ name: "Renamed", slug: one.slug, metadata: { plan: "pro" } });
    await failure(tx((t) => updateOrganization(t, systemContext, { tenantId: tenants.a, organizationId: one.id, slug: two.slug })), "conflict");
    await failure(getOrganization(database.db, tenants.b, one.id), "not_found");
    await failure(tx((t) => deleteOrganization(t, systemContext, { tenantId: tenants.b, organizationId: one.id })), "not_found");
    await tx((t) => deleteOrganization(t, systemContext, { tenantId: tenants.a, organizationId: one.id }));
    await failure(getOrganization(database.db, tenants.a, one.id), "not_found");
  });

  it("sets its own second-factor policy: becoming required stamps when, and staying required keeps it", async () => {
    const one = await organization();
    expect(mfaPolicyOf(one)).toEqual({ mode: "optional", gracePeriodDays: 0, requiredSince: null });
    const t1 = new Date("2031-02-01T10:00:00.000Z");
    const required = await tx((t) =>
      updateOrganization(t, systemContext, { tenantId: tenants.a, organizationId: one.id, mfaPolicy: { mode: "required", gracePeriodDays: 7 }, now: t1 }),
    );
    expect(mfaPolicyOf(required)).toEqual({ mode: "required", gracePeriodDays: 7, requiredSince: t1.toISOString() });
    const longer = await tx((t) =>
      updateOrganization(t, systemContext, { tenantId: tenants.a, organizationId: one.id, mfaPolicy: { mode: "required", gracePeriodDays: 14 }, now: new Date() }),
    );
    expect(mfaPolicyOf(longer)).toEqual({ mode: "required", gracePeriodDays: 14, requiredSince: t1.toISOString() });
    const relaxed = await tx((t) => updateOrganization(t, systemContext, { tenantId: tenants.a, organizationId: one.id, mfaPolicy: { mode: "optional" } }));
    expect(mfaPolicyOf(relaxed)).toEqual({ mode: "optional", gracePeriodDays: 14, requiredSince: null });
  });

  it("leaves organizations that administer a tenant to tenant administration", async () => {
    const managed = await tx((t) => createTenant(t, systemContext, { slug: fresh("managed"), name: "Managed" }));
    // Stands in for the platform tenant's organization that administers `managed`.
    const platformId = tenants.a;
    const [admin] = await database.db
      .insert(organizations)
      .values({ tenantId: platformId, name: "Managed", slug: fresh("tenant-managed"), managedTenantId: managed.id })
      .returning();
    await failure(tx((t) => updateOrganization(t, systemContext, { tenantId: platformId, organizationId: admin!.id, name: "Other" })), "conflict");
    await failure(tx((t) => updateOrganization(t, systemContext, { tenantId: platformId, organizationId: admin!.id, slug: fresh("x") })), "conflict");
    await failure(tx((t) => deleteOrganization(t, systemContext, { tenantId: platformId, organizationId: admin!.id })), "conflict");
    const u = await user(platformId);
    await failure(tx((t) => addMember(t, systemContext, { tenantId: platformId, organizationId: admin!.id, userId: u.id, role: "owner" })), "conflict");
    // Metadata is not tenant administration's business.
    const changed = await tx((t) => updateOrganization(t, systemContext, { tenantId: platformId, organizationId: admin!.id, metadata: { note: "x" } }));
    expect(changed.managedTenantId).toBe(managed.id);
  });
});

describe("members", () => {
  it("adds, lists (with email, name and role key), changes and removes members", async () => {
    const org = await organization();
    const owner = await member(org.id, "owner");
    const ada = await member(org.id, "member");
    const page1 = await listMembers(database.db, tenants.a, org.id, { limit: 1 });
    expect(page1.members.map((m) => [m.userId, m.role, m.email])).toEqual([[owner.id, "owner", owner.email]]);
    const page2 = await listMembers(database.db, tenants.a, org.id, { limit: 1, cursor: page1.nextCursor! });
    expect(page2.members.map((m) => m.userId)).toEqual([ada.id]);
    expect(page2.nextCursor).toBeNull();
    await failure(tx((t) => addMember(t, systemContext, { tenantId: tenants.a, organizationId: org.id, userId: ada.id, role: "admin" })), "conflict");
    const newcomer = await user();
    await failure(tx((t) => addMember(t, systemContext, { tenantId: tenants.a, organizationId: org.id, userId: newcomer.id, role: "nope" })), "validation_failed");
    const changed = await tx((t) => updateMember(t, systemContext, { tenantId: tenants.a, organizationId: org.id, userId: ada.id, role: "admin" }));
    expect(changed.role).toBe("admin");
    await tx((t) => removeMember(t, systemContext, { tenantId: tenants.a, organizationId: org.id, userId: ada.id }));
    await failure(getMember(database.db, tenants.a, org.id, ada.id), "not_found");
  });

  it("never reaches across tenants: another tenant's user, organization or member is not_found", async () => {
    const org = await organization();
    const outsider = await user(tenants.b);
    await failure(tx((t) => addMember(t, systemContext, { tenantId: tenants.a, organizationId: org.id, userId: outsider.id, role: "member" })), "not_found");
    const theirs = await organization(tenants.b);
    const m = await member(org.id);
    await failure(listMembers(database.db, tenants.b, org.id, { limit: 10 }), "not_found");
    await failure(tx((t) => removeMember(t, systemContext, { tenantId: tenants.b, organizationId: org.id, userId: m.id })), "not_found");
    await failure(tx((t) => removeMember(t, systemContext, { tenantId: tenants.a, organizationId: theirs.id, userId: m.id })), "not_found");
  });

  it("keeps the last owner: they cannot be removed or demoted until another owner exists", async () => {
    const org = await organization();
    const first = await member(org.id, "owner");
    const at = { tenantId: tenants.a, organizationId: org.id };
    const last = await failure(tx((t) => removeMember(t, systemContext, { ...at, userId: first.id })), "conflict");
    expect(last.message).toMatch(/last owner/);
    await failure(tx((t) => updateMember(t, systemContext, { ...at, userId: first.id, role: "admin" })), "conflict");
    const second = await member(org.id, "owner");
    await tx((t) => updateMember(t, systemContext, { ...at, userId: first.id, role: "admin" }));
    await failure(tx((t) => removeMember(t, systemContext, { ...at, userId: second.id })), "conflict");
    expect((await getMember(database.db, tenants.a, org.id, second.id)).role).toBe("owner");
  });
});

describe("roles and permissions", () => {
  it("lists the built-in roles with their permissions", async () => {
    const roles = await listRoles(database.db, tenants.a);
    expect(roles.filter((r) => r.builtIn).map((r) => r.key).sort()).toEqual(["admin", "member", "owner"]);
    expect(roles.find((r) => r.key === "member")!.permissions).toEqual(["members:read"]);
    expect((await listPermissions(database.db, tenants.a)).some((p) => p.key === "domains:manage" && p.builtIn)).toBe(true);
  });

  it("creates, changes and deletes custom roles from the tenant's own permissions", async () => {
    const key = `billing_${++counter}`;
    await tx((t) => createPermission(t, systemContext, { tenantId: tenants.a, key: `${key}:manage`, description: "Invoices" }));
    await failure(tx((t) => createPermission(t, systemContext, { tenantId: tenants.a, key: `${key}:manage` })), "conflict");
    await failure(tx((t) => createPermission(t, systemContext, { tenantId: tenants.a, key: "Bad Key" })), "validation_failed");
    const role = await tx((t) => createRole(t, systemContext, { tenantId: tenants.a, key, name: "Billing", permissions: [`${key}:manage`, "members:read"] }));
    expect(role.permissions).toEqual([`${key}:manage`, "members:read"].sort());
    await failure(tx((t) => createRole(t, systemContext, { tenantId: tenants.a, key, name: "Again", permissions: [] })), "conflict");
    const unknown = await failure(tx((t) => createRole(t, systemContext, { tenantId: tenants.a, key: `${key}_x`, name: "X", permissions: ["no:such"] })), "validation_failed");
    expect(unknown.fields).toEqual([{ path: "permissions", message: expect.stringContaining("no:such") }]);
    // Another tenant has no such permission, nor the role.
    await failure(tx((t) => createRole(t, systemContext, { tenantId: tenants.b, key, name: "X", permissions: [`${key}:manage`] })), "validation_failed");
    await failure(getRole(database.db, tenants.b, role.id), "not_found");

    const updated = await tx((t) => updateRole(t, systemContext, { tenantId: tenants.a, role: key, name: "Billing team", permissions: ["members:read"] }));
    expect(updated).toMatchObject({ name: "Billing team", permissions: ["members:read"] });
    // Deleting a permission takes it out of the roles that held it.
    await tx((t) => updateRole(t, systemContext, { tenantId: tenants.a, role: role.id, permissions: [`${key}:manage`] }));
    await tx((t) => deletePermission(t, systemContext, { tenantId: tenants.a, permission: `${key}:manage` }));
    expect((await getRole(database.db, tenants.a, role.id)).permissions).toEqual([]);

    const org = await organization();
    const m = await member(org.id, key);
    const inUse = await failure(tx((t) => deleteRole(t, systemContext, { tenantId: tenants.a, role: key })), "conflict");
    expect(inUse.message).toMatch(/in use/);
    await tx((t) => removeMember(t, systemContext, { tenantId: tenants.a, organizationId: org.id, userId: m.id }));
    await tx((t) => deleteRole(t, systemContext, { tenantId: tenants.a, role: key }));
    await failure(getRole(database.db, tenants.a, key), "not_found");
  });

  it("keeps built-in roles and permissions as they are", async () => {
    for (const key of ["owner", "admin", "member"]) {
      await failure(tx((t) => updateRole(t, systemContext, { tenantId: tenants.a, role: key, name: "Mine" })), "conflict");
      await failure(tx((t) => deleteRole(t, systemContext, { tenantId: tenants.a, role: key })), "conflict");
    }
    await failure(tx((t) => deletePermission(t, systemContext, { tenantId: tenants.a, permission: "members:read" })), "conflict");
    expect((await getRole(database.db, tenants.a, "owner")).name).toBe("Owner");
  });

  it("a role in use by an invitation cannot be deleted", async () => {
    const key = `invited_${++counter}`;
    await tx((t) => createRole(t, systemContext, { tenantId: tenants.a, key, name: "Invited", permissions: [] }));
    const org = await organization();
    await createInvitation(database.db, runtime, systemContext, { tenantId: tenants.a, organizationId: org.id, email: `${fresh("x")}@example.com`, role: key });
    await failure(tx((t) => deleteRole(t, systemContext, { tenantId: tenants.a, role: key })), "conflict");
  });
});

describe("invitations", () => {
  const ctx = (ip: string): RequestContext => ({ actor: { type: "user" }, ipAddress: ip });
  async function invite(orgId: string, email: string, role = "admin", extra: { expiresInDays?: number; now?: Date } = {}) {
    const invitation = await createInvitation(database.db, runtime, systemContext, { tenantId: tenants.a, organizationId: orgId, email, role, ...extra });
    const [mail] = await listOutbox(database.db, { tenantId: tenants.a, to: email, kind: "organization-invitation", limit: 1 });
    const token = /invitation\?token=([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
    return { invitation, token, mail: mail! };
  }

  it("mails a link whose token is stored only hashed; accepting makes the invited user a member with the role", async () => {
    const org = await organization();
    const email = `${fresh("Grace")}@Example.com`;
    const { invitation, token, mail } = await invite(org.id, email);
    expect(mail.text).toContain(`${runtime.config.publicUrl}/t/orgs-a/invitation?token=`);
    expect(mail.subject).toContain(org.name);
    const [row] = await database.db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(invitation.expiresAt.getTime() - invitation.createdAt.getTime()).toBe(7 * 86_400_000);
    await failure(
      createInvitation(database.db, runtime, systemContext, { tenantId: tenants.a, organizationId: org.id, email: email.toLowerCase(), role: "member" }),
      "conflict",
    );

    const invited = await user(tenants.a, email.toLowerCase());
    const result = await acceptInvitation(database.db, { limiter }, ctx("192.0.2.1"), { tenantId: tenants.a, user: invited, which: { token } });
    expect(result).toEqual({ status: "accepted", organizationId: org.id, role: "admin" });
    expect((await getMember(database.db, tenants.a, org.id, invited.id)).role).toBe("admin");
    const [listed] = await listInvitations(database.db, tenants.a, org.id);
    expect(listed).toMatchObject({ status: "accepted", respondedAt: expect.any(Date) });
    // A second use of the link is refused.
    await failure(acceptInvitation(database.db, { limiter }, ctx("192.0.2.1"), { tenantId: tenants.a, user: invited, which: { token } }), "invalid_verification");
    // Someone already a member cannot be invited again.
    await failure(createInvitation(database.db, runtime, systemContext, { tenantId: tenants.a, organizationId: org.id, email, role: "member" }), "conflict");
  });

  it("only the invited, confirmed address can answer", async () => {
    const org = await organization();
    const email = `${fresh("lin")}@example.com`;
    const { token } = await invite(org.id, email, "member");
    const other = await user();
    await failure(acceptInvitation(database.db, { limiter }, ctx("192.0.2.2"), { tenantId: tenants.a, user: other, which: { token } }), "forbidden");
    const unconfirmed = await user(tenants.a, email, false);
    await failure(acceptInvitation(database.db, { limiter }, ctx("192.0.2.2"), { tenantId: tenants.a, user: unconfirmed, which: { token } }), "email_not_verified");
    // The token is the tenant's: another tenant's user with the address cannot use it.
    const elsewhere = await user(tenants.b, email);
    await failure(acceptInvitation(database.db, { limiter }, ctx("192.0.2.2"), { tenantId: tenants.b, user: elsewhere, which: { token } }), "invalid_verification");
    const confirmed = (await findUserById(database.db, tenants.a, unconfirmed.id))!;
    expect(confirmed.emailVerifiedAt).toBeNull();
  });

  it("lists a user's pending invitations, and takes an answer by id only from the invited, confirmed address", async () => {
    const org = await organization();
    const email = `${fresh("ivy")}@example.com`;
    const { invitation } = await invite(org.id, email.toUpperCase(), "member");
    const unconfirmed = await user(tenants.a, email, false);
    expect(await pendingInvitationsFor(database.db, tenants.a, unconfirmed)).toEqual([]);
    const other = await user();
    expect(await pendingInvitationsFor(database.db, tenants.a, other)).toEqual([]);
    await failure(
      acceptInvitation(database.db, { limiter }, ctx("192.0.2.7"), { tenantId: tenants.a, user: other, which: { invitationId: invitation.id } }),
      "forbidden",
    );

    const invited = { ...unconfirmed, emailVerifiedAt: new Date() };
    expect(await pendingInvitationsFor(database.db, tenants.a, invited)).toMatchObject([{ id: invitation.id, organizationName: org.name, role: "member" }]);
    // Another tenant's user with the same address sees nothing of tenant A.
    expect(await pendingInvitationsFor(database.db, tenants.b, await user(tenants.b, email))).toEqual([]);
    const result = await acceptInvitation(database.db, { limiter }, ctx("192.0.2.7"), { tenantId: tenants.a, user: invited, which: { invitationId: invitation.id } });
    expect(result).toEqual({ status: "accepted", organizationId: org.id, role: "member" });
    expect(await pendingInvitationsFor(database.db, tenants.a, invited)).toEqual([]);
  });

  it("an accepting existing member keeps their role", async () => {
    const org = await organization();
    const existing = await member(org.id, "owner");
    // Invited before they joined: create the invitation directly under the member's address.
    const { invitation, token } = await (async () => {
      const otherOrg = await organization();
      return invite(otherOrg.id, existing.email, "member");
    })();
    await database.db.update(invitations).set({ organizationId: org.id }).where(eq(invitations.id, invitation.id));
    const result = await acceptInvitation(database.db, { limiter }, ctx("192.0.2.3"), { tenantId: tenants.a, user: existing, which: { token } });
    expect(result.status).toBe("accepted");
    expect((await getMember(database.db, tenants.a, org.id, existing.id)).role).toBe("owner");
  });

  it("declines, and a declined invitation makes nobody a member", async () => {
    const org = await organization();
    const email = `${fresh("dee")}@example.com`;
    const { token } = await invite(org.id, email, "member");
    const invited = await user(tenants.a, email);
    expect(await declineInvitation(database.db, { limiter }, ctx("192.0.2.4"), { tenantId: tenants.a, user: invited, which: { token } })).toEqual({ status: "declined" });
    await failure(getMember(database.db, tenants.a, org.id, invited.id), "not_found");
    await failure(acceptInvitation(database.db, { limiter }, ctx("192.0.2.4"), { tenantId: tenants.a, user: invited, which: { token } }), "invalid_verification");
    expect((await listInvitations(database.db, tenants.a, org.id))[0]!.status).toBe("declined");
  });

  it("expires: listed as expired, refused, and then marked expired in the store", async () => {
    const org = await organization();
    const email = `${fresh("exp")}@example.com`;
    const { invitation, token } = await invite(org.id, email, "member", { expiresInDays: 1 });
    const later = new Date(invitation.expiresAt.getTime() + 1000);
    expect(invitationStatus(invitation, later)).toBe("expired");
    expect(invitationStatus(invitation, new Date(invitation.expiresAt.getTime() - 1000))).toBe("pending");
    const invited = await user(tenants.a, email);
    const expired = await failure(acceptInvitation(database.db, { limiter }, ctx("192.0.2.5"), { tenantId: tenants.a, user: invited, which: { token }, now: later }), "invalid_verification");
    expect(expired.message).toMatch(/expired/);
    const [row] = await database.db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(row!.status).toBe("expired");
    await failure(getMember(database.db, tenants.a, org.id, invited.id), "not_found");
    await failure(invite(org.id, email, "member", { expiresInDays: 31 }), "validation_failed");
  });

  it("revoke kills the link; resend issues a new link, new expiry, and the old link dies", async () => {
    const org = await organization();
    const email = `${fresh("rev")}@example.com`;
    const { invitation, token: first } = await invite(org.id, email, "member");
    const at = { tenantId: tenants.a, organizationId: org.id, invitationId: invitation.id };
    const later = new Date(Date.now() + 3 * 86_400_000);
    const resent = await resendInvitation(database.db, runtime, systemContext, { ...at, now: later });
    expect(resent.expiresAt.getTime()).toBe(later.getTime() + 7 * 86_400_000);
    const [mail] = await listOutbox(database.db, { tenantId: tenants.a, to: email, kind: "organization-invitation", limit: 1 });
    const second = /token=([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
    expect(second).not.toBe(first);
    const invited = await user(tenants.a, email);
    await failure(acceptInvitation(database.db, { limiter }, ctx("192.0.2.6"), { tenantId: tenants.a, user: invited, which: { token: first } }), "invalid_verification");

    await tx((t) => revokeInvitation(t, systemContext, at));
    await failure(acceptInvitation(database.db, { limiter }, ctx("192.0.2.6"), { tenantId: tenants.a, user: invited, which: { token: second } }), "invalid_verification");
    await failure(tx((t) => revokeInvitation(t, systemContext, at)), "conflict");
    await failure(resendInvitation(database.db, runtime, systemContext, at), "conflict");
    // Another tenant's caller cannot see or touch it.
    await failure(tx((t) => revokeInvitation(t, systemContext, { ...at, tenantId: tenants.b })), "not_found");
    expect((await listInvitations(database.db, tenants.a, org.id))[0]!.status).toBe("revoked");
  });
});

describe("domains", () => {
  it("normalizes and checks domain names", () => {
    expect(normalizeDomain(" Acme.Example. ")).toBe("acme.example");
    for (const bad of ["acme", "-acme.com", "acme..com", "1.2.3.4", "a_b.com", `${"a".repeat(64)}.com`]) {
      expect(() => normalizeDomain(bad), bad).toThrow(ServiceError);
    }
  });

  it("verifies with the TXT record from a real DNS server; a missing or wrong record fails", async () => {
    const org = await organization();
    const name = `${fresh("verify")}.example`;
    const domain = await tx((t) => addDomain(t, systemContext, { tenantId: tenants.a, organizationId: org.id, domain: name.toUpperCase() }));
    expect(domain.domain).toBe(name);
    const record = verificationRecord(domain);
    expect(record.name).toBe(`_plinto-challenge.${name}`);
    const at = { tenantId: tenants.a, organizationId: org.id, domainId: domain.id };

    const none = await failure(verifyDomain(database.db, systemContext, at, resolver), "domain_verification_failed");
    expect(none.message).toMatch(/no TXT record/);
    expect(dns.questions).toContain(record.name);

    dns.txt.set(record.name, [["v=spf1 -all"], ["plinto-verification=not-the-token"]]);
    const wrong = await failure(verifyDomain(database.db, systemContext, at, resolver), "domain_verification_failed");
    expect(wrong.message).toMatch(/do not include/);

    // A record split into strings counts joined.
    const half = Math.floor(record.value.length / 2);
    dns.txt.set(record.name, [["v=spf1 -all"], [record.value.slice(0, half), record.value.slice(half)]]);
    const verified = await verifyDomain(database.db, systemContext, at, resolver);
    expect(verified.verifiedAt).toBeInstanceOf(Date);
    // Another tenant cannot verify, change or remove it.
    await failure(verifyDomain(database.db, systemContext, { ...at, tenantId: tenants.b }, resolver), "not_found");
    await failure(tx((t) => updateDomain(t, systemContext, { ...at, tenantId: tenants.b, autoJoin: true })), "not_found");
    await failure(tx((t) => removeDomain(t, systemContext, { ...at, tenantId: tenants.b })), "not_found");
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, domain.id), eq(auditEvents.action, "organization.domain_verified")));
    expect(event).toBeDefined();
  });

  it("a domain is claimed once per tenant", async () => {
    const name = `${fresh("claim")}.example`;
    const one = await organization();
    const two = await organization();
    await tx((t) => addDomain(t, systemContext, { tenantId: tenants.a, organizationId: one.id, domain: name }));
    await failure(tx((t) => addDomain(t, systemContext, { tenantId: tenants.a, organizationId: two.id, domain: name })), "conflict");
  });

  it("auto-joins users with a confirmed address at a verified auto-join domain, as member", async () => {
    const org = await organization();
    const name = `${fresh("join")}.example`;
    const domain = await tx((t) => addDomain(t, systemContext, { tenantId: tenants.a, organizationId: org.id, domain: name, autoJoin: true }));
    // Not verified yet: nobody joins.
    const early = await user(tenants.a, `early@${name}`);
    await failure(getMember(database.db, tenants.a, org.id, early.id), "not_found");
    dns.txt.set(verificationRecord(domain).name, [[verificationRecord(domain).value]]);
    await verifyDomain(database.db, systemContext, { tenantId: tenants.a, organizationId: org.id, domainId: domain.id }, resolver);

    const joined = await user(tenants.a, `Ada@${name.toUpperCase()}`);
    expect((await getMember(database.db, tenants.a, org.id, joined.id)).role).toBe("member");
    // An unconfirmed address does not join; nor one at another tenant with the same domain.
    const unconfirmed = await user(tenants.a, `later@${name}`, false);
    await failure(getMember(database.db, tenants.a, org.id, unconfirmed.id), "not_found");
    const elsewhere = await user(tenants.b, `ada@${name}`);
    expect(await database.db.select().from(memberships).where(eq(memberships.userId, elsewhere.id))).toEqual([]);
    // Twice is a no-op; turning auto-join off stops it.
    expect(await tx((t) => autoJoinByDomain(t, systemContext, { tenantId: tenants.a, userId: joined.id, email: joined.email }))).toEqual([]);
    await tx((t) => updateDomain(t, systemContext, { tenantId: tenants.a, organizationId: org.id, domainId: domain.id, autoJoin: false }));
    const after = await user(tenants.a, `after@${name}`);
    await failure(getMember(database.db, tenants.a, org.id, after.id), "not_found");
  });

  it("keeps the audit chain whole", async () => {
    expect((await verifyAuditChain(database.db, tenants.a)).ok).toBe(true);
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenants.a)).orderBy(asc(auditEvents.seq));
    expect(events.some((e) => e.action === "organization.member_auto_joined")).toBe(true);
  });
});

describe("the development seed", () => {
  it("gives the demo tenant the organization Acme with the demo user as owner, once", async () => {
    const sites = { admin: "http://localhost:3002", app: "http://localhost:3003", demo: "http://localhost:3004" };
    const first = await seedDevelopment(database.db, { apiUrl: "http://localhost:4000", sites });
    await seedDevelopment(database.db, { apiUrl: "http://localhost:4000", sites, previousPassword: first.demoUser.password });
    const demo = (await findTenantBySlug(database.db, DEMO_TENANT.slug))!;
    const found = await listOrganizations(database.db, demo.id, { limit: 10, q: DEMO_ORGANIZATION.slug });
    expect(found.organizations.map((o) => [o.name, o.slug])).toEqual([[DEMO_ORGANIZATION.name, DEMO_ORGANIZATION.slug]]);
    const { members } = await listMembers(database.db, demo.id, found.organizations[0]!.id, { limit: 10 });
    expect(members.map((m) => [m.email, m.role])).toEqual([[DEMO_USER.email, "owner"]]);
  });
});
