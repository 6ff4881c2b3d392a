"use server";

import { redirect } from "next/navigation";
import { getRuntime } from "../../../../../lib/runtime";
import { cancelAccountDeletion } from "../../../../../services/account/deletion";
import { confirmEmailChange } from "../../../../../services/account/email-change";
import { requireTenant } from "../../../../../services/auth/support";
import type { FormState } from "./form-state";
import { errorState, formText, linkToken } from "./forms";
import { hostedContext, hostedPath } from "./hosted";

/**
 * Server actions of the hosted pages that finish changes a signed-in user started in their account
 * (an address change, a deletion's cancellation), from the link in a mail.
 */

export async function confirmEmailChangeAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const token = linkToken(formText(formData, "token"));
  if (!token) return { status: "error", code: "invalid_verification", message: "This confirmation link is not complete. Enter the code from the email in your account instead." };
  const runtime = await getRuntime();
  try {
    const tenant = await requireTenant(runtime.database.db, tenantSlug);
    await confirmEmailChange(runtime.database.db, runtime, await hostedContext(), { tenant, token });
  } catch (error) {
    return errorState(error, {});
  }
  redirect(`${hostedPath(tenantSlug, "sign-in")}?notice=email-changed`);
}

export async function cancelDeletionAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const token = linkToken(formText(formData, "token"));
  if (!token) return { status: "error", code: "invalid_verification", message: "This link is not complete. Sign in to cancel the deletion instead." };
  const runtime = await getRuntime();
  try {
    const tenant = await requireTenant(runtime.database.db, tenantSlug);
    await cancelAccountDeletion(runtime.database.db, runtime, await hostedContext(), { tenant, token });
  } catch (error) {
    return errorState(error, {});
  }
  redirect(`${hostedPath(tenantSlug, "sign-in")}?notice=deletion-cancelled`);
}
