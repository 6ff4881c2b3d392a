import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitationResponseSchema, memberListResponseSchema, memberResponseSchema, organizationLeftResponseSchema, ownOrganizationResponseSchema } from "@plinto/contracts";
import { auditEvents, memberships, tenants } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { accountWorld, lastMail, type Person } from "../../../../test/account";
import { getTestInstance } from "../../../../test/instance";
import { bodyOf, problemOf } from "../../../../test/responses";
import { systemContext } from "../../../services/context";
import { slugFromName } from "../../../services/account/organizations";
import { addMember } from "../../../services/organizations/organizations";

let database: TestDatabase;
let world: Awaited<ReturnType<typeof accountWorld>>;

beforeAll(async () => {
  ({ database } = await getTestInstance());
  world = await accountWorld(database.db, "acct-orgs");
});
afterAll(async () => {
  await database?.dispose();
});

async function created(who: Person, body: Record<string, unknown>) {
  return (await bodyOf(await world.call("createOwnOrganization", who, { body }), 201, ownOrganizationResponseSchema)).organization;
}
const join = (organizationId: string, who: Person, role: string) =>
  database.db.transaction((tx) => addMember(tx, systemContext, { tenantId: world.tenant.id, organizationId, userId: who.id, role }));
const members = async (who: Person, organization: string) =>
  (await bodyOf(await world.call("listOwnOrganizationMembers", who, { params: { organization } }), 200, memberListResponseSchema)).members;

describe("creating an organization", () => {
  it("makes the creator its owner, with a slug from its name when none is given", async () => {
    const ada = await world.person({ label: "ada" });
    const org = await created(ada, { name: "Analytical Engines Ltd." });
    expect(org).toMatchObject({ name: "Analytical Engines Ltd.", slug: "analytical-engines-ltd", role: "owner" });
    // The same name again: the slug gets a suffix instead of failing.
    const again = await created(ada, { name: "Analytical Engines Ltd." });
    expect(again.slug).toMatch(/^analytical-engines-ltd-[0-9a-f]{6}$/);
    expect((await members(ada, org.id)).map((m) => [m.userId, m.role])).toEqual([[ada.id, "owner"]]);
    await problemOf(await world.call("createOwnOrganization", ada, { body: { name: "Other", slug: "analytical-engines-ltd" } }), 409, "conflict");
    await problemOf(await world.call("createOwnOrganization", ada, { body: { name: "" } }), 400, "validation_failed");
    const actions = await database.db
      .select({ action: auditEvents.action, actor: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, world.tenant.id), eq(auditEvents.targetId, org.id)));
    expect(actions).toEqual(expect.arrayContaining([{ action: "organization.created", actor: ada.id }]));
  });

  it("is refused where the tenant does not let users create organizations", async () => {
    const bob = await world.person({ label: "bob" });
    await database.db.update(tenants).set({ settings: { account: { usersCanCreateOrganizations: false } } }).where(eq(tenants.id, world.tenant.id));
    try {
      await problemOf(await world.call("createOwnOrganization", bob, { body: { name: "Not allowed" } }), 403, "forbidden");
    } finally {
      await database.db.update(tenants).set({ settings: {} }).where(eq(tenants.id, world.tenant.id));
    }
  });

  it("makes slugs from names plainly", () => {
    expect(slugFromName("  Crème Brûlée & Co  ")).toBe("creme-brulee-co");
    expect(slugFromName("日本")).toBe("organization");
  });
});

describe("running an organization", () => {
  it("owners and admins invite and change roles; members only read; nobody outside sees anything", async () => {
    const owner = await world.person({ label: "olive" });
    const admin = await world.person({ label: "adam" });
    const member = await world.person({ label: "mia" });
    const outsider = await world.person({ label: "otto" });
    const org = await created(owner, { name: "Crew" });
    await join(org.id, admin, "admin");
    await join(org.id, member, "member");

    expect((await members(member, org.id)).map((m) => m.role)).toEqual(["owner", "admin", "member"]);
    await problemOf(await world.call("listOwnOrganizationMembers", outsider, { params: { organization: org.id } }), 404, "not_found");

    const invited = await bodyOf(
      await world.call("inviteToOwnOrganization", admin, { params: { organization: org.id }, body: { email: "newcomer@acct-orgs.example", role: "member" } }),
      201,
      invitationResponseSchema,
    );
    expect(invited.invitation).toMatchObject({ email: "newcomer@acct-orgs.example", role: "member", status: "pending", invitedByUserId: admin.id });
    expect(await lastMail(database.db, world.tenant.id, "newcomer@acct-orgs.example", "organization-invitation")).toBeDefined();
    await problemOf(await world.call("inviteToOwnOrganization", admin, { params: { organization: org.id }, body: { email: "boss@acct-orgs.example", role: "owner" } }), 403, "forbidden");
    await problemOf(await world.call("inviteToOwnOrganization", member, { params: { organization: org.id }, body: { email: "friend@acct-orgs.example", role: "member" } }), 403, "forbidden");
    await problemOf(await world.call("inviteToOwnOrganization", outsider, { params: { organization: org.id }, body: { email: "x@acct-orgs.example", role: "member" } }), 404, "not_found");
    await bodyOf(await world.call("inviteToOwnOrganization", owner, { params: { organization: org.id }, body: { email: "co-owner@acct-orgs.example", role: "owner" } }), 201, invitationResponseSchema);

    const promoted = await bodyOf(
      await world.call("changeOwnOrganizationMemberRole", admin, { params: { organization: org.id, member: member.id }, body: { role: "admin" } }),
      200,
      memberResponseSchema,
    );
    expect(promoted.member.role).toBe("admin");
    await problemOf(await world.call("changeOwnOrganizationMemberRole", admin, { params: { organization: org.id, member: member.id }, body: { role: "owner" } }), 403, "forbidden");
    await problemOf(await world.call("changeOwnOrganizationMemberRole", admin, { params: { organization: org.id, member: owner.id }, body: { role: "member" } }), 403, "forbidden");
    await problemOf(await world.call("changeOwnOrganizationMemberRole", outsider, { params: { organization: org.id, member: member.id }, body: { role: "member" } }), 404, "not_found");
    await problemOf(await world.call("changeOwnOrganizationMemberRole", owner, { params: { organization: org.id, member: outsider.id }, body: { role: "member" } }), 404, "not_found");
    // The last owner cannot demote themselves.
    await problemOf(await world.call("changeOwnOrganizationMemberRole", owner, { params: { organization: org.id, member: owner.id }, body: { role: "admin" } }), 409, "conflict");
    expect((await members(owner, org.id)).map((m) => m.role)).toEqual(["owner", "admin", "admin"]);
  });

  it("anyone leaves, except the last owner", async () => {
    const owner = await world.person({ label: "lou" });
    const member = await world.person({ label: "max" });
    const org = await created(owner, { name: "Leavers" });
    await join(org.id, member, "member");
    await bodyOf(await world.call("leaveOrganization", member, { params: { organization: org.id } }), 200, organizationLeftResponseSchema);
    await problemOf(await world.call("leaveOrganization", member, { params: { organization: org.id } }), 404, "not_found");
    await problemOf(await world.call("leaveOrganization", owner, { params: { organization: org.id } }), 409, "conflict");
    const left = await database.db.select().from(memberships).where(and(eq(memberships.tenantId, world.tenant.id), eq(memberships.organizationId, org.id)));
    expect(left.map((m) => m.userId)).toEqual([owner.id]);
    await problemOf(await world.call("leaveOrganization", undefined, { params: { organization: org.id } }), 401, "unauthorized");
  });
});
