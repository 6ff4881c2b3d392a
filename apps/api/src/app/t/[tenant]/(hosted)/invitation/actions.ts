"use server";

import { notFound } from "next/navigation";
import { getRuntime } from "../../../../../lib/runtime";
import { acceptInvitation, declineInvitation } from "../../../../../services/organizations/invitations";
import type { FormState } from "../_lib/form-state";
import { errorState, formText, linkToken } from "../_lib/forms";
import { currentSession, hostedContext, requireHostedTenant } from "../_lib/hosted";

/**
 * The invitation page's two buttons: the browser's session (cookie) answers with the link's token,
 * through the same service as `POST /v1/tenants/{tenant}/auth/invitations/accept|decline`.
 */
async function answer(tenantSlug: string, formData: FormData, answer: "accept" | "decline"): Promise<FormState> {
  const tenant = await requireHostedTenant(tenantSlug);
  const token = linkToken(formText(formData, "token"));
  if (!token) return { status: "error", code: "invalid_verification", message: "This invitation link is not complete. Open it again from the email." };
  const live = await currentSession(tenant);
  if (!live) return { status: "error", code: "unauthorized", message: "Sign in first, then open the invitation link again." };
  const runtime = await getRuntime();
  const ctx = { ...(await hostedContext()), actor: { type: "user" as const, id: live.user.id } };
  const input = { tenantId: tenant.id, user: live.user, which: { token } };
  try {
    if (answer === "accept") await acceptInvitation(runtime.database.db, runtime, ctx, input);
    else await declineInvitation(runtime.database.db, runtime, ctx, input);
  } catch (error) {
    return errorState(error, {});
  }
  return { status: "done", message: answer === "accept" ? "You've joined the organization." : "You've declined the invitation." };
}

export async function acceptInvitationAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  if (typeof tenantSlug !== "string") notFound();
  return answer(tenantSlug, formData, "accept");
}

export async function declineInvitationAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  if (typeof tenantSlug !== "string") notFound();
  return answer(tenantSlug, formData, "decline");
}
