import { and, eq } from "drizzle-orm";
import { ONBOARDING_STEPS, type OnboardingStep } from "@plinto/contracts";
import type { Executor } from "@plinto/db";
import { tenants, users, type TenantSettings } from "@plinto/db/schema";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { secondFactorsOf } from "../mfa/factors";
import { organizationsOf } from "../organizations/active";
import { requireUser } from "./profile";

/**
 * The steps the account portal walks a new user through. Whether a step is done is computed from
 * the account as it is now (an address confirmed, a name given, a second factor, a membership), so
 * it can never disagree with the account; only a choice to skip a step is stored. The tenant says
 * which steps cannot be skipped (default: only confirming the address).
 */

export type OnboardingStatus = "done" | "skipped" | "pending";

export const DEFAULT_REQUIRED_STEPS: OnboardingStep[] = ["verify_email"];

export function requiredSteps(settings: TenantSettings): OnboardingStep[] {
  return settings.account?.onboardingRequiredSteps ?? DEFAULT_REQUIRED_STEPS;
}

export async function onboardingState(db: Executor, input: { tenantId: string; userId: string }) {
  const user = await requireUser(db, input.tenantId, input.userId);
  const [tenant] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, input.tenantId)).limit(1);
  const required = new Set(requiredSteps(tenant?.settings ?? {}));
  const done: Record<OnboardingStep, boolean> = {
    verify_email: user.emailVerifiedAt !== null,
    complete_profile: Boolean(user.name?.trim() || user.givenName?.trim()),
    second_factor: (await secondFactorsOf(db, input.tenantId, input.userId)).any,
    organization: (await organizationsOf(db, input)).length > 0,
  };
  const skipped = user.onboarding.skipped ?? {};
  const steps = ONBOARDING_STEPS.map((step) => {
    const status: OnboardingStatus = done[step] ? "done" : skipped[step] && !required.has(step) ? "skipped" : "pending";
    return { step, status, required: required.has(step), canSkip: !required.has(step) && status === "pending" };
  });
  return { steps, complete: steps.every((s) => s.status !== "pending") };
}

/** Marks a step skipped; a step the tenant requires is refused, a done one stays done. */
export async function skipOnboardingStep(tx: Executor, ctx: RequestContext, input: { tenantId: string; userId: string; step: string; now?: Date }) {
  if (!(ONBOARDING_STEPS as readonly string[]).includes(input.step)) throw new ServiceError("not_found", "No such onboarding step");
  const step = input.step as OnboardingStep;
  const [tenant] = await tx.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, input.tenantId)).limit(1);
  if (requiredSteps(tenant?.settings ?? {}).includes(step)) {
    throw new ServiceError("forbidden", "This step is required: it cannot be skipped");
  }
  const user = await requireUser(tx, input.tenantId, input.userId);
  if (!user.onboarding.skipped?.[step]) {
    const onboarding = { ...user.onboarding, skipped: { ...user.onboarding.skipped, [step]: (input.now ?? new Date()).toISOString() } };
    await tx.update(users).set({ onboarding }).where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId)));
    await recordAuditEvent(tx, ctx, { tenantId: input.tenantId, action: "user.onboarding_step_skipped", targetType: "user", targetId: input.userId, data: { step } });
  }
  return onboardingState(tx, input);
}
