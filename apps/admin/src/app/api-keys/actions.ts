"use server";

import { createApiKeyRequestSchema } from "@plinto/contracts";
import { PlintoApiError } from "@plinto/sdk";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { tenantContext } from "~/lib/tenant";

export type CreateApiKeyState =
  | { status: "idle" }
  | { status: "created"; name: string; secret: string }
  | { status: "invalid"; message: string; fields: Record<string, string>; values: { name: string; scopes: string[]; expiresInDays: string } };

/**
 * Creates a key of the chosen tenant. The secret comes back in this answer only, to be shown once by
 * the form; it is never put in a URL or stored by the dashboard.
 */
export async function createApiKeyAction(_previous: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> {
  const days = String(formData.get("expiresInDays") ?? "").trim();
  // Sent back with a refusal, so the form shows what was typed rather than starting over.
  const values = { name: String(formData.get("name") ?? ""), scopes: formData.getAll("scopes").map(String), expiresInDays: days };
  const parsed = createApiKeyRequestSchema.safeParse({
    name: formData.get("name"),
    scopes: formData.getAll("scopes"),
    ...(days ? { expiresInDays: Number(days) } : {}),
  });
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
    return { status: "invalid", message: "Check the fields marked below.", fields, values };
  }
  const context = await tenantContext();
  if (!context) return { status: "invalid", message: "Sign in again to create a key.", fields: {}, values };
  try {
    const created = await context.api.apiKeys.create(parsed.data);
    revalidatePath("/api-keys");
    return { status: "created", name: created.apiKey.name, secret: created.secret };
  } catch (error) {
    if (error instanceof PlintoApiError) {
      const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.split(".")[0]!, v[0]!]));
      return { status: "invalid", message: error.detail ?? error.title, fields, values };
    }
    return { status: "invalid", message: "The API could not create the key; try again.", fields: {}, values };
  }
}

/** The confirmed revocation: the key stops working at once. */
export async function revokeApiKeyAction(formData: FormData): Promise<void> {
  const context = await tenantContext();
  if (!context) redirect("/");
  const id = String(formData.get("apiKey") ?? "");
  let outcome = "revoked=1";
  try {
    await context.api.apiKeys.revoke(id);
  } catch (error) {
    outcome = `error=${error instanceof PlintoApiError ? error.code : "unavailable"}`;
  }
  redirect(`/api-keys?${outcome}`);
}
