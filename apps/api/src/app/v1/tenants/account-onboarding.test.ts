import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onboardingResponseSchema } from "@plinto/contracts";
import { auditEvents, memberships, organizations, roles, tenants, users } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { accountWorld, type Person } from "../../../../test/account";
import { getTestInstance } from "../../../../test/instance";
import { bodyOf, problemOf } from "../../../../test/responses";

let database: TestDatabase;
let world: Awaited<ReturnType<typeof accountWorld>>;

beforeAll(async () => {
  ({ database } = await getTestInstance());
  world = await accountWorld(database.db, "acct-onboard");
});
afterAll(async () => {
  await database?.dispose();
});

async function state(who: Person) {
  return bodyOf(await world.call("getOnboarding", who), 200, onboardingResponseSchema);
}
const statuses = async (who: Person) => Object.fromEntries((await state(who)).steps.map((s) => [s.step, s.status]));

describe("onboarding", () => {
  it("computes each step from the account as it is", async () => {
    const ada = await world.person({ label: "ada", emailVerified: false });
    await database.db.update(users).set({ name: null }).where(eq(users.id, ada.id));
    const fresh = await state(ada);
    expect(fresh.steps.map((s) => [s.step, s.status, s.required, s.canSkip])).toEqual([
      ["verify_email", "pending", true, false],
      ["complete_profile", "pending", false, true],
      ["second_factor", "pending", false, true],
      ["organization", "pending", false, true],
    ]);
    expect(fresh.complete).toBe(false);

    await database.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, ada.id));
    await world.call("updateProfile", ada, { body: { givenName: "Ada" } });
    const [org] = await database.db.insert(organizations).values({ tenantId: world.tenant.id, name: "Ada's", slug: "adas" }).returning();
    const [member] = await database.db.select().from(roles).where(and(eq(roles.tenantId, world.tenant.id), eq(roles.key, "member")));
    await database.db.insert(memberships).values({ tenantId: world.tenant.id, organizationId: org!.id, userId: ada.id, roleId: member!.id });
    expect(await statuses(ada)).toEqual({ verify_email: "done", complete_profile: "done", second_factor: "pending", organization: "done" });
  });

  it("skips an optional step, once, audited; a done step stays done; the flow completes", async () => {
    const bob = await world.person({ label: "bob" });
    const after = await bodyOf(await world.call("skipOnboardingStep", bob, { params: { step: "second_factor" } }), 200, onboardingResponseSchema);
    expect(after.steps.find((s) => s.step === "second_factor")).toMatchObject({ status: "skipped", canSkip: false });
    await world.call("skipOnboardingStep", bob, { params: { step: "second_factor" } });
    await world.call("skipOnboardingStep", bob, { params: { step: "complete_profile" } });
    const done = await bodyOf(await world.call("skipOnboardingStep", bob, { params: { step: "organization" } }), 200, onboardingResponseSchema);
    // Bob has a name from sign-up: skipping leaves the done step done.
    expect(Object.fromEntries(done.steps.map((s) => [s.step, s.status]))).toEqual({
      verify_email: "done",
      complete_profile: "done",
      second_factor: "skipped",
      organization: "skipped",
    });
    expect(done.complete).toBe(true);
    const skips = await database.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, world.tenant.id), eq(auditEvents.action, "user.onboarding_step_skipped"), eq(auditEvents.targetId, bob.id)));
    expect(skips.map((e) => e.data)).toEqual([{ step: "second_factor" }, { step: "complete_profile" }, { step: "organization" }]);
  });

  it("refuses to skip a step the tenant requires, and an unknown step", async () => {
    const cy = await world.person({ label: "cy", emailVerified: false });
    await problemOf(await world.call("skipOnboardingStep", cy, { params: { step: "verify_email" } }), 403, "forbidden");
    await problemOf(await world.call("skipOnboardingStep", cy, { params: { step: "make_coffee" } }), 404, "not_found");
    await database.db
      .update(tenants)
      .set({ settings: { account: { onboardingRequiredSteps: ["second_factor"] } } })
      .where(eq(tenants.id, world.tenant.id));
    try {
      await problemOf(await world.call("skipOnboardingStep", cy, { params: { step: "second_factor" } }), 403, "forbidden");
      // No longer required: the address step may be skipped.
      const skipped = await bodyOf(await world.call("skipOnboardingStep", cy, { params: { step: "verify_email" } }), 200, onboardingResponseSchema);
      expect(skipped.steps.find((s) => s.step === "verify_email")).toMatchObject({ status: "skipped", required: false });
      expect(skipped.steps.find((s) => s.step === "second_factor")).toMatchObject({ status: "pending", required: true, canSkip: false });
    } finally {
      await database.db.update(tenants).set({ settings: {} }).where(eq(tenants.id, world.tenant.id));
    }
    // Required again: an earlier skip does not count for a required step.
    expect((await statuses(cy)).verify_email).toBe("pending");
    await problemOf(await world.call("getOnboarding", undefined), 401, "unauthorized");
  });
});
