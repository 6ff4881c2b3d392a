"use server";

import { impersonateUserRequestSchema } from "@plinto/contracts";
import { PlintoApiError } from "@plinto/sdk";
import { tenantContext } from "~/lib/tenant";

export type ImpersonateState =
  | { status: "idle" }
  | { status: "ready"; url: string; expiresAt: string }
  | { status: "invalid"; message: string; reason: string; minutes: string };

/**
 * Asks the API for an impersonation link. The link holds a single-use ticket, so it comes back in
 * this answer only (shown by the form, never put in the dashboard's URL or stored).
 */
export async function impersonateAction(userId: string, _previous: ImpersonateState, form: FormData): Promise<ImpersonateState> {
  const reason = String(form.get("reason") ?? "");
  const minutes = String(form.get("minutes") ?? "15");
  const parsed = impersonateUserRequestSchema.safeParse({ reason, minutes: Number(minutes) });
  if (!parsed.success) return { status: "invalid", message: parsed.error.issues[0]?.message ?? "Check the reason and the length", reason, minutes };
  const context = await tenantContext().catch(() => null);
  if (!context) return { status: "invalid", message: "Sign in again first.", reason, minutes };
  if (!context.can("users:impersonate")) return { status: "invalid", message: "Your role cannot sign in as users.", reason, minutes };
  try {
    const answer = await context.api.users.impersonate(userId, parsed.data);
    return { status: "ready", url: answer.url, expiresAt: answer.expiresAt };
  } catch (error) {
    return { status: "invalid", message: error instanceof PlintoApiError ? (error.detail ?? error.title) : "The API did not answer; try again.", reason, minutes };
  }
}
