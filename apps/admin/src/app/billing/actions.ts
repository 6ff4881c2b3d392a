"use server";

import { changePlanRequestSchema } from "@plinto/contracts";
import { PlintoApiError } from "@plinto/sdk";
import { redirect } from "next/navigation";
import { tenantContext } from "~/lib/tenant";

/** The confirmed plan change: the API checks the admin's role again and bills through its provider. */
export async function changePlanAction(formData: FormData): Promise<void> {
  const parsed = changePlanRequestSchema.safeParse({ plan: formData.get("plan") });
  if (!parsed.success) redirect("/billing?error=plan");
  const context = await tenantContext();
  if (!context) redirect("/");
  let outcome: string;
  try {
    const { invoice } = await context.api.billing.changePlan(parsed.data.plan);
    outcome = `changed=${parsed.data.plan}${invoice ? `&invoice=${encodeURIComponent(invoice.number)}` : ""}`;
  } catch (error) {
    outcome = `error=${error instanceof PlintoApiError ? error.code : "unavailable"}`;
  }
  redirect(`/billing?${outcome}`);
}
