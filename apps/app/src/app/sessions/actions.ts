"use server";

import { sessionIdSchema } from "@plinto/contracts";
import { redirect } from "next/navigation";
import { accountApi, errorCode, withState } from "~/lib/account";

/** Signs one other browser or device out (after the page's confirmation step). */
export async function revokeSessionAction(form: FormData): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/sessions");
  const id = sessionIdSchema.safeParse(form.get("id"));
  if (!id.success) redirect(withState("/sessions", { error: "not_found" }));
  let outcome: Record<string, string> = { done: "revoked" };
  try {
    await api.sessions.revoke(id.data);
  } catch (error) {
    outcome = { error: errorCode(error) };
  }
  redirect(withState("/sessions", outcome));
}

/** Signs every session but this one out, in one call. */
export async function revokeOtherSessionsAction(): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/sessions");
  let outcome: Record<string, string> = { done: "revoked-others" };
  try {
    await api.sessions.revokeOthers();
  } catch (error) {
    outcome = { error: errorCode(error) };
  }
  redirect(withState("/sessions", outcome));
}
