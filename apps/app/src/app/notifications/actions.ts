"use server";

import { NOTIFICATION_CATEGORIES, notificationIdSchema, updateEmailPreferencesRequestSchema } from "@plinto/contracts";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { accountApi, errorCode, withState } from "~/lib/account";

function back(outcome: Record<string, string>, anchor = ""): never {
  redirect(`${withState("/notifications", outcome)}${anchor}`);
}

export async function markReadAction(form: FormData): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/notifications");
  const id = notificationIdSchema.safeParse(form.get("id"));
  if (!id.success) back({ error: "not_found" });
  try {
    await api.notifications.markRead(id.data);
  } catch (error) {
    back({ error: errorCode(error) });
  }
  revalidatePath("/", "layout");
  back({});
}

export async function markAllReadAction(): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/notifications");
  try {
    await api.notifications.markAllRead();
  } catch (error) {
    back({ error: errorCode(error) });
  }
  revalidatePath("/", "layout");
  back({ done: "all-read" });
}

/** The email switches: a checkbox per category the user may switch; security notices are not among them. */
export async function savePreferencesAction(form: FormData): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/notifications");
  let current;
  try {
    current = await api.notifications.preferences.get();
  } catch (error) {
    back({ error: errorCode(error) }, "#email");
  }
  const change: Record<string, boolean> = {};
  for (const preference of current) {
    if (preference.locked || !(NOTIFICATION_CATEGORIES as readonly string[]).includes(preference.category)) continue;
    change[preference.category] = form.get(preference.category) === "on";
  }
  const parsed = updateEmailPreferencesRequestSchema.safeParse(change);
  if (!parsed.success) back({ error: "validation_failed" }, "#email");
  try {
    await api.notifications.preferences.update(parsed.data);
  } catch (error) {
    back({ error: errorCode(error) }, "#email");
  }
  back({ done: "preferences" }, "#email");
}
