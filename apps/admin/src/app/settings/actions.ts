"use server";

import { updateTenantSettingsRequestSchema } from "@plinto/contracts";
import { PlintoApiError } from "@plinto/sdk";
import { revalidatePath } from "next/cache";
import { tenantContext } from "~/lib/tenant";

export type SettingsState =
  | { status: "idle" }
  | { status: "saved" }
  | { status: "invalid"; message: string; fields: Record<string, string>; typed: Record<string, string | boolean> };

const text = (form: FormData, name: string) => {
  const value = String(form.get(name) ?? "").trim();
  return value === "" ? null : value;
};
const whole = (form: FormData, name: string, scale = 1) => {
  const value = text(form, name);
  return value === null ? null : Number(value) * scale;
};

/**
 * Saves the whole settings form as one partial update: an emptied field is cleared (back to
 * Plinto's default). Validated with the contract's schema first, then by the API again.
 */
export async function saveSettingsAction(_previous: SettingsState, form: FormData): Promise<SettingsState> {
  // Sent back with a refusal, so the form shows what was typed rather than the saved values.
  const typed: Record<string, string | boolean> = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  typed.allowPasswordOnly = form.get("allowPasswordOnly") === "on";
  typed.allowEmailCode = form.get("allowEmailCode") === "on";
  const patch = {
    branding: { displayName: text(form, "displayName"), logoUrl: text(form, "logoUrl"), primaryColor: text(form, "primaryColor") },
    passwordPolicy: { minLength: whole(form, "minLength"), allowPasswordOnly: form.get("allowPasswordOnly") === "on" },
    mfaPolicy: { mode: text(form, "mfaMode"), gracePeriodDays: whole(form, "gracePeriodDays"), allowEmailCode: form.get("allowEmailCode") === "on" },
    sessionLifetimes: { idleSeconds: whole(form, "idleHours", 3600), absoluteSeconds: whole(form, "absoluteDays", 86_400) },
  };
  const parsed = updateTenantSettingsRequestSchema.safeParse(patch);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join(".")] ??= issue.message;
    return { status: "invalid", message: "Check the fields marked below.", fields, typed };
  }
  const context = await tenantContext();
  if (!context) return { status: "invalid", message: "Sign in again to save.", fields: {}, typed };
  try {
    await context.api.settings.update(parsed.data);
  } catch (error) {
    if (error instanceof PlintoApiError) {
      return { status: "invalid", message: error.detail ?? error.title, fields: Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, v[0]!])), typed };
    }
    return { status: "invalid", message: "The API could not save the settings; try again.", fields: {}, typed };
  }
  revalidatePath("/settings");
  return { status: "saved" };
}
