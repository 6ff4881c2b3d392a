import { and, eq } from "drizzle-orm";
import type { Executor } from "@plinto/db";
import { memberships, organizations } from "@plinto/db/schema";
import { enrolmentRequirement, readMfaPolicy, type EnrolmentRequirement, type MfaMode } from "./policy";

/** The second-factor rules that hold for one user: their tenant's, tightened by their organizations'. */
export interface UserMfaPolicy {
  mode: MfaMode;
  allowEmailCode: boolean;
  requirement: EnrolmentRequirement;
  /** The organizations whose policy makes a second factor required for this user. */
  requiredBy: Array<{ id: string; name: string }>;
}

/**
 * An organization that requires a second factor binds each of its members, with its own grace
 * period counted from the later of when it became required and when the member joined; a tenant
 * that has second factors off still lets such members set one up. The strictest answer wins: one
 * `required` source makes it required, otherwise the earliest due date counts.
 */
export async function userMfaPolicy(
  db: Executor,
  input: { tenant: { id: string; settings: unknown }; user: { id: string; createdAt: Date }; now: Date },
): Promise<UserMfaPolicy> {
  const tenantPolicy = readMfaPolicy(input.tenant.settings);
  const requirements: EnrolmentRequirement[] = [enrolmentRequirement(tenantPolicy, input.user, input.now)];
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, settings: organizations.settings, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(organizations, and(eq(organizations.tenantId, memberships.tenantId), eq(organizations.id, memberships.organizationId)))
    .where(and(eq(memberships.tenantId, input.tenant.id), eq(memberships.userId, input.user.id)));
  const requiredBy: UserMfaPolicy["requiredBy"] = [];
  for (const org of rows) {
    const policy = readMfaPolicy(org.settings);
    if (policy.mode !== "required") continue;
    requiredBy.push({ id: org.id, name: org.name });
    const joined = org.joinedAt.getTime() > input.user.createdAt.getTime() ? org.joinedAt : input.user.createdAt;
    requirements.push(enrolmentRequirement(policy, { createdAt: joined }, input.now));
  }
  return {
    mode: requiredBy.length > 0 ? "required" : tenantPolicy.mode,
    allowEmailCode: tenantPolicy.allowEmailCode,
    requirement: strictest(requirements),
    requiredBy,
  };
}

function strictest(requirements: EnrolmentRequirement[]): EnrolmentRequirement {
  if (requirements.some((r) => r.kind === "required")) return { kind: "required" };
  const due = requirements.filter((r): r is Extract<EnrolmentRequirement, { kind: "due" }> => r.kind === "due");
  if (due.length === 0) return { kind: "not_required" };
  return { kind: "due", dueBy: new Date(Math.min(...due.map((d) => d.dueBy.getTime()))) };
}
