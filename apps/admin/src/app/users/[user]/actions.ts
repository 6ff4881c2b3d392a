"use server";

import { PlintoApiError } from "@plinto/sdk";
import { redirect } from "next/navigation";
import { tenantContext } from "~/lib/tenant";
import { isUserAction } from "./user-actions";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * Every change the user page offers, after its confirmation step: one server action, told which
 * change by the confirmed form. It refuses unless the admin's role holds users:write in the chosen
 * tenant (the API refuses such a call too, and audits the ones it carries out with the admin as
 * actor), then goes back to the page with the outcome in the URL.
 */
export async function userAction(form: FormData): Promise<void> {
  const name = text(form, "action");
  const userId = text(form, "user");
  const sessionId = text(form, "session");
  const page = `/users/${encodeURIComponent(userId)}`;
  if (!isUserAction(name) || !/^usr_\w+$/.test(userId)) redirect("/users");

  const context = await tenantContext().catch(() => null);
  if (!context) redirect(`${page}?failed=${name}&reason=signed_out#outcome`);
  // Checked here before any call (reason read_only); a role that changed since would meet the API's own 403 (reason forbidden).
  if (!context.can("users:write")) redirect(`${page}?failed=${name}&reason=read_only#outcome`);

  const users = context.api.users;
  let reason: string | undefined;
  try {
    switch (name) {
      case "block": await users.block(userId); break;
      case "unblock": await users.unblock(userId); break;
      case "unlock": await users.unlock(userId); break;
      case "delete": await users.delete(userId); break;
      case "verify-email": await users.update(userId, { emailVerified: true }); break;
      case "password-reset": await users.sendPasswordReset(userId); break;
      case "reset-factors": await users.resetFactors(userId); break;
      case "revoke-sessions": await users.sessions.revokeAll(userId); break;
      case "revoke-session": await users.sessions.revoke(userId, sessionId); break;
    }
  } catch (error) {
    reason = error instanceof PlintoApiError ? error.code : "unreachable";
  }
  // `#outcome` also replaces the confirmation's `#confirm`, which a browser would otherwise carry over.
  if (reason) redirect(`${page}?failed=${name}&reason=${encodeURIComponent(reason)}#outcome`);
  redirect(name === "delete" ? "/users?deleted=1" : `${page}?done=${name}#outcome`);
}
