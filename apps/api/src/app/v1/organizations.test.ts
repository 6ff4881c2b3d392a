import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  domainListResponseSchema,
  domainResponseSchema,
  invitationListResponseSchema,
  invitationResponseSchema,
  memberListResponseSchema,
  memberResponseSchema,
  organizationListResponseSchema,
  organizationResponseSchema,
  permissionListResponseSchema,
  permissionResponseSchema,
  roleListResponseSchema,
  roleResponseSchema,
} from "@plinto/contracts";
import { auditEvents } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { createApiKey, type ApiKeyScope } from "../../services/api-keys/api-keys";
import { systemContext } from "../../services/context";
import { createTenant } from "../../services/tenants/tenants";
import { createUser } from "../../services/users/users";
import { DELETE as deleteDomain, PATCH as patchDomain } from "./organizations/[organization]/domains/[domain]/route";
import { POST as verifyDomain } from "./organizations/[organization]/domains/[domain]/verify/route";
import { GET as listDomains, POST as addDomain } from "./organizations/[organization]/domains/route";
import { POST as resendInvitation } from "./organizations/[organization]/invitations/[invitation]/resend/route";
import { DELETE as revokeInvitation } from "./organizations/[organization]/invitations/[invitation]/route";
import { GET as listInvitations, POST as invite } from "./organizations/[organization]/invitations/route";
import { DELETE as removeMember, PATCH as patchMember } from "./organizations/[organization]/members/[user]/route";
import { GET as listMembers, POST as addMember } from "./organizations/[organization]/members/route";
import { DELETE as deleteOrganization, GET as getOrganization, PATCH as patchOrganization } from "./organizations/[organization]/route";
import { GET as listOrganizations, POST as createOrganization } from "./organizations/route";
import { DELETE as deletePermission } from "./permissions/[permission]/route";
import { GET as listPermissions, POST as createPermission } from "./permissions/route";
import { DELETE as deleteRole, GET as getRole, PATCH as patchRole } from "./roles/[role]/route";
import { GET as listRoles, POST as createRole } from "./roles/route";
import { bodyOf, problemOf } from "../../../test/responses";

const API = "http://localhost:4000/v1";
let database: TestDatabase;
const tenants = { a: "", b: "" };
const keys = {} as Record<"a" | "b" | "readOnly" | "writeOnly" | "users", string>;
let counter = 0;

beforeAll(async () => {
  ({ database } = await getTestInstance());
  tenants.a = (await createTenant(database.db, systemContext, { slug: "org-routes-a", name: "A" })).id;
  tenants.b = (await createTenant(database.db, systemContext, { slug: "org-routes-b", name: "B" })).id;
  const key = async (tenantId: string, scopes: ApiKeyScope[]) =>
    (await createApiKey(database.db, systemContext, { tenantId, name: scopes.join(" "), scopes })).secret;
  keys.a = await key(tenants.a, ["organizations:read", "organizations:write"]);
  keys.b = await key(tenants.b, ["organizations:read", "organizations:write"]);
  keys.readOnly = await key(tenants.a, ["organizations:read"]);
  keys.writeOnly = await key(tenants.a, ["organizations:write"]);
  keys.users = await key(tenants.a, ["users:read", "users:write"]);
});
afterAll(async () => {
  await database?.dispose();
});

interface Call {
  key?: string;
  body?: unknown;
}
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

function call(handler: unknown, method: string, path: string, params: Record<string, string>, { key, body }: Call = {}) {
  const headers = new Headers(key ? { authorization: `Bearer ${key}` } : {});
  if (body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`${API}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return (handler as Handler)(request, { params: Promise.resolve(params) });
}

async function newOrganization(key = keys.a) {
  const slug = `org-${++counter}`;
  return (await bodyOf(await call(createOrganization, "POST", "/organizations", {}, { key, body: { name: `Org ${slug}`, slug } }), 201, organizationResponseSchema))
    .organization;
}
async function newUser(tenantId = tenants.a) {
  return database.db.transaction((tx) => createUser(tx, systemContext, { tenantId, email: `user${++counter}@example.com`, emailVerified: true }));
}

/** One organization of tenant A with a member, an invitation and a domain: every kind of id. */
async function fixture() {
  const organization = await newOrganization();
  const user = await newUser();
  await bodyOf(await call(addMember, "POST", "/m", { organization: organization.id }, { key: keys.a, body: { userId: user.id, role: "owner" } }), 201, memberResponseSchema);
  const { invitation } = await bodyOf(
    await call(invite, "POST", "/i", { organization: organization.id }, { key: keys.a, body: { email: `inv${++counter}@example.com`, role: "member" } }),
    201,
    invitationResponseSchema,
  );
  const { domain } = await bodyOf(
    await call(addDomain, "POST", "/d", { organization: organization.id }, { key: keys.a, body: { domain: `d${++counter}.example` } }),
    201,
    domainResponseSchema,
  );
  return { organization, user, invitation, domain };
}

function operations(f: Awaited<ReturnType<typeof fixture>>) {
  const o = { organization: f.organization.id };
  return [
    ["read", (c: Call) => call(listOrganizations, "GET", "/organizations", {}, c), false],
    ["write", (c: Call) => call(createOrganization, "POST", "/organizations", {}, { ...c, body: { name: "x", slug: `x-${++counter}` } }), false],
    ["read", (c: Call) => call(getOrganization, "GET", "/o", o, c), true],
    ["write", (c: Call) => call(patchOrganization, "PATCH", "/o", o, { ...c, body: { name: "y" } }), true],
    ["write", (c: Call) => call(deleteOrganization, "DELETE", "/o", o, c), true],
    ["read", (c: Call) => call(listMembers, "GET", "/m", o, c), true],
    ["write", (c: Call) => call(addMember, "POST", "/m", o, { ...c, body: { userId: f.user.id, role: "member" } }), true],
    ["write", (c: Call) => call(patchMember, "PATCH", "/m", { ...o, user: f.user.id }, { ...c, body: { role: "admin" } }), true],
    ["write", (c: Call) => call(removeMember, "DELETE", "/m", { ...o, user: f.user.id }, c), true],
    ["read", (c: Call) => call(listInvitations, "GET", "/i", o, c), true],
    ["write", (c: Call) => call(invite, "POST", "/i", o, { ...c, body: { email: "z@example.com", role: "member" } }), true],
    ["write", (c: Call) => call(revokeInvitation, "DELETE", "/i", { ...o, invitation: f.invitation.id }, c), true],
    ["write", (c: Call) => call(resendInvitation, "POST", "/i", { ...o, invitation: f.invitation.id }, c), true],
    ["read", (c: Call) => call(listDomains, "GET", "/d", o, c), true],
    ["write", (c: Call) => call(addDomain, "POST", "/d", o, { ...c, body: { domain: "z.example" } }), true],
    ["write", (c: Call) => call(patchDomain, "PATCH", "/d", { ...o, domain: f.domain.id }, { ...c, body: { autoJoin: true } }), true],
    ["write", (c: Call) => call(deleteDomain, "DELETE", "/d", { ...o, domain: f.domain.id }, c), true],
    ["write", (c: Call) => call(verifyDomain, "POST", "/d", { ...o, domain: f.domain.id }, c), true],
    ["read", (c: Call) => call(listRoles, "GET", "/roles", {}, c), false],
    ["write", (c: Call) => call(createRole, "POST", "/roles", {}, { ...c, body: { key: "r", name: "R" } }), false],
    ["read", (c: Call) => call(getRole, "GET", "/roles", { role: "member" }, c), false],
    ["write", (c: Call) => call(patchRole, "PATCH", "/roles", { role: "member" }, { ...c, body: { name: "x" } }), false],
    ["write", (c: Call) => call(deleteRole, "DELETE", "/roles", { role: "member" }, c), false],
    ["read", (c: Call) => call(listPermissions, "GET", "/permissions", {}, c), false],
    ["write", (c: Call) => call(createPermission, "POST", "/permissions", {}, { ...c, body: { key: "p" } }), false],
    ["write", (c: Call) => call(deletePermission, "DELETE", "/permissions", { permission: "members:read" }, c), false],
  ] as const;
}

describe("API key scopes", () => {
  it("answers 401 without a valid key and 403 without the scope, on every operation", async () => {
    const f = await fixture();
    for (const [needs, run] of operations(f)) {
      await problemOf(await run({}), 401, "unauthorized");
      await problemOf(await run({ key: "plinto_sk_not-a-real-key" }), 401, "unauthorized");
      const problem = await problemOf(await run({ key: keys.users }), 403, "forbidden");
      expect(problem.detail).toContain(`organizations:${needs}`);
      await problemOf(await run({ key: needs === "read" ? keys.writeOnly : keys.readOnly }), 403, "forbidden");
    }
  });

  it("answers 404 to another tenant's key for every organization, member, invitation and domain", async () => {
    const f = await fixture();
    const perOrganization = operations(f).filter(([, , inOrganization]) => inOrganization);
    expect(perOrganization.length).toBe(16);
    for (const [, run] of perOrganization) await problemOf(await run({ key: keys.b }), 404, "not_found");
    // Tenant B's own organization with tenant A's member, invitation and domain ids: still 404.
    const theirs = await newOrganization(keys.b);
    const o = { organization: theirs.id };
    await problemOf(await call(patchMember, "PATCH", "/m", { ...o, user: f.user.id }, { key: keys.b, body: { role: "admin" } }), 404, "not_found");
    await problemOf(await call(addMember, "POST", "/m", o, { key: keys.b, body: { userId: f.user.id, role: "member" } }), 404, "not_found");
    await problemOf(await call(revokeInvitation, "DELETE", "/i", { ...o, invitation: f.invitation.id }, { key: keys.b }), 404, "not_found");
    await problemOf(await call(resendInvitation, "POST", "/i", { ...o, invitation: f.invitation.id }, { key: keys.b }), 404, "not_found");
    await problemOf(await call(deleteDomain, "DELETE", "/d", { ...o, domain: f.domain.id }, { key: keys.b }), 404, "not_found");
    // Roles: a custom role of tenant A, by id, is not B's.
    const { role } = await bodyOf(await call(createRole, "POST", "/roles", {}, { key: keys.a, body: { key: `only_a_${++counter}`, name: "A only" } }), 201, roleResponseSchema);
    await problemOf(await call(getRole, "GET", "/roles", { role: role.id }, { key: keys.b }), 404, "not_found");
    await problemOf(await call(patchRole, "PATCH", "/roles", { role: role.id }, { key: keys.b, body: { name: "x" } }), 404, "not_found");
    await problemOf(await call(deleteRole, "DELETE", "/roles", { role: role.id }, { key: keys.b }), 404, "not_found");
    // Everything is still there for A.
    await bodyOf(await call(getOrganization, "GET", "/o", { organization: f.organization.id }, { key: keys.a }), 200, organizationResponseSchema);
    await bodyOf(await call(getRole, "GET", "/roles", { role: role.id }, { key: keys.a }), 200, roleResponseSchema);
  });
});

describe("organizations, members, invitations and domains over HTTP", () => {
  it("runs an organization's life: create, 409 on a taken slug, page, update, members, delete", async () => {
    const organization = await newOrganization();
    await problemOf(await call(createOrganization, "POST", "/organizations", {}, { key: keys.a, body: { name: "Dup", slug: organization.slug } }), 409, "conflict");
    await problemOf(await call(createOrganization, "POST", "/organizations", {}, { key: keys.a, body: { name: "Bad", slug: "Bad Slug" } }), 400, "validation_failed");
    const page = await bodyOf(await call(listOrganizations, "GET", `/organizations?limit=1&q=${organization.slug}`, {}, { key: keys.a }), 200, organizationListResponseSchema);
    expect(page.organizations.map((o) => o.id)).toEqual([organization.id]);
    await problemOf(await call(listOrganizations, "GET", "/organizations?limit=0", {}, { key: keys.a }), 400, "validation_failed");
    const updated = await bodyOf(
      await call(patchOrganization, "PATCH", "/o", { organization: organization.id }, { key: keys.a, body: { name: "Renamed", metadata: { tier: 2 } } }),
      200,
      organizationResponseSchema,
    );
    expect(updated.organization).toMatchObject({ name: "Renamed", metadata: { tier: 2 }, managedTenantId: null });

    const owner = await newUser();
    const o = { organization: organization.id };
    const added = await bodyOf(await call(addMember, "POST", "/m", o, { key: keys.a, body: { userId: owner.id, role: "owner" } }), 201, memberResponseSchema);
    expect(added.member).toMatchObject({ userId: owner.id, email: owner.email, role: "owner" });
    const members = await bodyOf(await call(listMembers, "GET", "/m", o, { key: keys.readOnly }), 200, memberListResponseSchema);
    expect(members.members.map((m) => m.userId)).toEqual([owner.id]);
    await problemOf(await call(removeMember, "DELETE", "/m", { ...o, user: owner.id }, { key: keys.a }), 409, "conflict");
    await problemOf(await call(patchMember, "PATCH", "/m", { ...o, user: owner.id }, { key: keys.a, body: { role: "member" } }), 409, "conflict");

    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, organization.id), eq(auditEvents.action, "organization.member_added")));
    expect(event).toMatchObject({ actorType: "api_key" });

    expect((await call(deleteOrganization, "DELETE", "/o", o, { key: keys.a })).status).toBe(204);
    await problemOf(await call(getOrganization, "GET", "/o", o, { key: keys.a }), 404, "not_found");
  });

  it("lists invitations with their status and revokes them; lists, updates and removes domains", async () => {
    const f = await fixture();
    const o = { organization: f.organization.id };
    const listed = await bodyOf(await call(listInvitations, "GET", "/i", o, { key: keys.a }), 200, invitationListResponseSchema);
    expect(listed.invitations).toEqual([f.invitation]);
    expect(f.invitation.status).toBe("pending");
    await problemOf(await call(invite, "POST", "/i", o, { key: keys.a, body: { email: "x@example.com", role: "member", expiresInDays: 31 } }), 400, "validation_failed");
    const resent = await bodyOf(await call(resendInvitation, "POST", "/i", { ...o, invitation: f.invitation.id }, { key: keys.a }), 200, invitationResponseSchema);
    expect(resent.invitation.id).toBe(f.invitation.id);
    expect((await call(revokeInvitation, "DELETE", "/i", { ...o, invitation: f.invitation.id }, { key: keys.a })).status).toBe(204);
    const after = await bodyOf(await call(listInvitations, "GET", "/i", o, { key: keys.a }), 200, invitationListResponseSchema);
    expect(after.invitations[0]!.status).toBe("revoked");

    expect(f.domain).toMatchObject({ verified: false, autoJoin: false, verification: { type: "TXT", name: `_plinto-challenge.${f.domain.domain}` } });
    expect(f.domain.verification.value).toMatch(/^plinto-verification=[A-Za-z0-9_-]{22}$/);
    const changed = await bodyOf(await call(patchDomain, "PATCH", "/d", { ...o, domain: f.domain.id }, { key: keys.a, body: { autoJoin: true } }), 200, domainResponseSchema);
    expect(changed.domain.autoJoin).toBe(true);
    await problemOf(await call(addDomain, "POST", "/d", o, { key: keys.a, body: { domain: f.domain.domain } }), 409, "conflict");
    await problemOf(await call(addDomain, "POST", "/d", o, { key: keys.a, body: { domain: "not a domain" } }), 400, "validation_failed");
    expect((await call(deleteDomain, "DELETE", "/d", { ...o, domain: f.domain.id }, { key: keys.a })).status).toBe(204);
    const none = await bodyOf(await call(listDomains, "GET", "/d", o, { key: keys.a }), 200, domainListResponseSchema);
    expect(none.domains).toEqual([]);
  });
});

describe("roles and permissions over HTTP", () => {
  it("creates custom permissions and roles; built-ins are read-only; a role in use cannot go", async () => {
    const key = `support_${++counter}`;
    const { permission } = await bodyOf(
      await call(createPermission, "POST", "/permissions", {}, { key: keys.a, body: { key: `${key}:tickets`, description: "Answer tickets" } }),
      201,
      permissionResponseSchema,
    );
    expect(permission).toMatchObject({ builtIn: false, key: `${key}:tickets` });
    await problemOf(await call(createPermission, "POST", "/permissions", {}, { key: keys.a, body: { key: `${key}:tickets` } }), 409, "conflict");
    await problemOf(await call(createPermission, "POST", "/permissions", {}, { key: keys.a, body: { key: "1bad" } }), 400, "validation_failed");
    const { role } = await bodyOf(
      await call(createRole, "POST", "/roles", {}, { key: keys.a, body: { key, name: "Support", permissions: [`${key}:tickets`] } }),
      201,
      roleResponseSchema,
    );
    expect(role).toMatchObject({ key, builtIn: false, permissions: [`${key}:tickets`] });
    const roles = await bodyOf(await call(listRoles, "GET", "/roles", {}, { key: keys.a }), 200, roleListResponseSchema);
    expect(roles.roles.slice(0, 3).map((r) => r.key).sort()).toEqual(["admin", "member", "owner"]);
    const byKey = await bodyOf(await call(getRole, "GET", "/roles", { role: key }, { key: keys.a }), 200, roleResponseSchema);
    expect(byKey.role.id).toBe(role.id);
    const patched = await bodyOf(await call(patchRole, "PATCH", "/roles", { role: role.id }, { key: keys.a, body: { description: "Front line", permissions: [] } }), 200, roleResponseSchema);
    expect(patched.role).toMatchObject({ description: "Front line", permissions: [] });
    await problemOf(await call(patchRole, "PATCH", "/roles", { role: "owner" }, { key: keys.a, body: { name: "Boss" } }), 409, "conflict");
    // A path segment that is not valid percent-encoding is just an unknown role, never a 500.
    await problemOf(await call(getRole, "GET", "/roles", { role: "%E0%A4%A" }, { key: keys.a }), 404, "not_found");
    await problemOf(await call(deleteRole, "DELETE", "/roles", { role: "admin" }, { key: keys.a }), 409, "conflict");
    await problemOf(await call(deletePermission, "DELETE", "/permissions", { permission: "members:manage" }, { key: keys.a }), 409, "conflict");

    const organization = await newOrganization();
    const user = await newUser();
    await bodyOf(await call(addMember, "POST", "/m", { organization: organization.id }, { key: keys.a, body: { userId: user.id, role: key } }), 201, memberResponseSchema);
    await problemOf(await call(deleteRole, "DELETE", "/roles", { role: key }, { key: keys.a }), 409, "conflict");
    await call(removeMember, "DELETE", "/m", { organization: organization.id, user: user.id }, { key: keys.a });
    expect((await call(deleteRole, "DELETE", "/roles", { role: key }, { key: keys.a })).status).toBe(204);
    expect((await call(deletePermission, "DELETE", "/permissions", { permission: permission.id }, { key: keys.a })).status).toBe(204);
    const permissions = await bodyOf(await call(listPermissions, "GET", "/permissions", {}, { key: keys.a }), 200, permissionListResponseSchema);
    expect(permissions.permissions.some((p) => p.id === permission.id)).toBe(false);
  });
});
