"use server";

import { createApplicationRequestSchema } from "@plinto/contracts";
import { PlintoApiError } from "@plinto/sdk";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { tenantContext } from "~/lib/tenant";

type Typed = { name: string; type: string; redirectUris: string; postLogoutRedirectUris: string };
export type ApplicationFormState =
  | { status: "idle" }
  | { status: "created"; name: string; clientId: string; clientSecret?: string }
  | { status: "rotated"; name: string; clientId: string; clientSecret: string }
  | { status: "invalid"; message: string; fields: Record<string, string>; typed: Typed };

const lines = (value: string) =>
  value
    .split(/\s+/)
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * Registers an application. A confidential one's client secret comes back in this answer only, to
 * be shown once by the form; it is never put in a URL or stored by the dashboard.
 */
export async function createApplicationAction(_previous: ApplicationFormState, form: FormData): Promise<ApplicationFormState> {
  const typed: Typed = {
    name: String(form.get("name") ?? ""),
    type: String(form.get("type") ?? "web"),
    redirectUris: String(form.get("redirectUris") ?? ""),
    postLogoutRedirectUris: String(form.get("postLogoutRedirectUris") ?? ""),
  };
  const parsed = createApplicationRequestSchema.safeParse({
    name: typed.name,
    type: typed.type,
    ...(typed.type === "machine" ? {} : { redirectUris: lines(typed.redirectUris), postLogoutRedirectUris: lines(typed.postLogoutRedirectUris) }),
  });
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
    return { status: "invalid", message: "Check the fields marked below.", fields, typed };
  }
  const context = await tenantContext();
  if (!context) return { status: "invalid", message: "Sign in again to register an application.", fields: {}, typed };
  try {
    const created = await context.api.applications.create(parsed.data);
    revalidatePath("/applications");
    return {
      status: "created",
      name: created.application.name,
      clientId: created.application.clientId,
      ...(created.clientSecret ? { clientSecret: created.clientSecret } : {}),
    };
  } catch (error) {
    if (error instanceof PlintoApiError) {
      const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.split(".")[0]!, v[0]!]));
      return { status: "invalid", message: error.detail ?? error.title, fields, typed };
    }
    return { status: "invalid", message: "The API could not register the application; try again.", fields: {}, typed };
  }
}

/** The confirmed deletion: its tokens, grants and consents go too. */
export async function deleteApplicationAction(form: FormData): Promise<void> {
  const context = await tenantContext();
  if (!context) redirect("/");
  let outcome = "deleted=1";
  try {
    await context.api.applications.delete(String(form.get("application") ?? ""));
  } catch (error) {
    outcome = `error=${error instanceof PlintoApiError ? error.code : "unavailable"}`;
  }
  redirect(`/applications?${outcome}`);
}
