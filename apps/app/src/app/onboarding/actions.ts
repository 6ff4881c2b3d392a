"use server";

import { createOwnOrganizationRequestSchema, ONBOARDING_STEPS } from "@plinto/contracts";
import { redirect } from "next/navigation";
import { accountApi, errorCode, withState } from "~/lib/account";

function back(outcome: Record<string, string>): never {
  redirect(withState("/onboarding", outcome));
}

/** Skips a step where the tenant allows it; the API refuses a required one. */
export async function skipStepAction(form: FormData): Promise<void> {
  const step = String(form.get("step") ?? "");
  if (!(ONBOARDING_STEPS as readonly string[]).includes(step)) back({ error: "not_found" });
  const api = await accountApi();
  if (!api) redirect("/onboarding");
  try {
    await api.onboarding.skip(step as (typeof ONBOARDING_STEPS)[number]);
  } catch (error) {
    back({ error: errorCode(error) });
  }
  back({ done: "skipped" });
}

/** The organization step: a new organization the user owns (joining one is by an emailed invitation). */
export async function createFirstOrganizationAction(form: FormData): Promise<void> {
  const parsed = createOwnOrganizationRequestSchema.safeParse({ name: String(form.get("name") ?? "") });
  if (!parsed.success) back({ error: "no-name" });
  const api = await accountApi();
  if (!api) redirect("/onboarding");
  try {
    await api.organizations.create(parsed.data);
  } catch (error) {
    back({ error: errorCode(error) });
  }
  back({ done: "organization" });
}
