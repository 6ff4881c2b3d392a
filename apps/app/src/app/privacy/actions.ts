"use server";

import { redirect } from "next/navigation";
import { accountApi, errorCode, withState } from "~/lib/account";

function back(outcome: Record<string, string>): never {
  redirect(withState("/privacy", outcome));
}

/** Schedules the account's deletion after the tenant's grace period; a cancel link is mailed. */
export async function scheduleDeletionAction(): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/privacy");
  try {
    await api.privacy.scheduleDeletion();
  } catch (error) {
    back({ error: errorCode(error) });
  }
  back({ done: "scheduled" });
}

export async function cancelDeletionAction(): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/privacy");
  try {
    await api.privacy.cancelDeletion();
  } catch (error) {
    back({ error: errorCode(error) });
  }
  back({ done: "cancelled" });
}
