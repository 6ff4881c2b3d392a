"use server";

import { switchOrganizationRequestSchema } from "@plinto/contracts";
import { redirect } from "next/navigation";
import { accountApi, errorCode, withState } from "~/lib/account";

/** Makes the session act in another organization; the portal's next refreshed token carries it. */
export async function switchOrganizationAction(form: FormData): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/organizations");
  const raw = String(form.get("organizationId") ?? "");
  const parsed = switchOrganizationRequestSchema.safeParse({ organizationId: raw === "" ? null : raw });
  if (!parsed.success) redirect(withState("/organizations", { error: "not_found" }));
  let outcome: Record<string, string> = { done: parsed.data.organizationId ? "switched" : "cleared" };
  try {
    await api.memberships.switchActive(parsed.data.organizationId);
  } catch (error) {
    outcome = { error: errorCode(error) };
  }
  redirect(withState("/organizations", outcome));
}
