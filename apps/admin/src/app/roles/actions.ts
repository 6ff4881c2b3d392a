"use server";

import { createPermissionRequestSchema, createRoleRequestSchema, updateRoleRequestSchema } from "@plinto/contracts";
import { PlintoApiError } from "@plinto/sdk";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { tenantContext } from "~/lib/tenant";

export type RoleFormResult =
  | { status: "idle" }
  | { status: "invalid"; message: string; typed: { key: string; name: string; description: string; permissions: string[] } };

const refusal = (error: unknown) =>
  error instanceof PlintoApiError ? (Object.values(error.fields)[0]?.[0] ?? error.detail ?? error.title) : "The API did not answer; try again.";

/** A custom role from the tenant's permissions. */
export async function createRoleAction(_previous: RoleFormResult, form: FormData): Promise<RoleFormResult> {
  const typed = { key: String(form.get("key") ?? ""), name: String(form.get("name") ?? ""), description: "", permissions: form.getAll("permissions").map(String) };
  const parsed = createRoleRequestSchema.safeParse({ key: typed.key, name: typed.name, permissions: typed.permissions });
  if (!parsed.success) return { status: "invalid", message: parsed.error.issues[0]?.message ?? "Check the key and name", typed };
  const context = await tenantContext().catch(() => null);
  if (!context?.can("organizations:write")) return { status: "invalid", message: "Your role cannot create roles.", typed };
  try {
    await context.api.roles.create(parsed.data);
  } catch (error) {
    return { status: "invalid", message: refusal(error), typed };
  }
  revalidatePath("/roles");
  return { status: "idle" };
}

/**
 * Changes a custom role's name, description (empty clears it) and permissions (the whole set).
 * Built-in roles are refused by the API; the page offers no way to try.
 */
export async function updateRoleAction(roleId: string, _previous: RoleFormResult, form: FormData): Promise<RoleFormResult> {
  const typed = {
    key: "",
    name: String(form.get("name") ?? ""),
    description: String(form.get("description") ?? ""),
    permissions: form.getAll("permissions").map(String),
  };
  const parsed = updateRoleRequestSchema.safeParse({ name: typed.name, description: typed.description.trim() || null, permissions: typed.permissions });
  if (!parsed.success) return { status: "invalid", message: parsed.error.issues[0]?.message ?? "Check the name and permissions", typed };
  const context = await tenantContext().catch(() => null);
  if (!context?.can("organizations:write")) return { status: "invalid", message: "Your role cannot change roles.", typed };
  try {
    await context.api.roles.update(roleId, parsed.data);
  } catch (error) {
    return { status: "invalid", message: refusal(error), typed };
  }
  redirect("/roles?done=role-updated");
}

/** A permission of the tenant's own, for custom roles (and the tokens that carry them). */
export async function createPermissionAction(form: FormData): Promise<void> {
  const parsed = createPermissionRequestSchema.safeParse({ key: String(form.get("key") ?? "").trim(), description: String(form.get("description") ?? "").trim() || undefined });
  if (!parsed.success) redirect("/roles?failed=permission&reason=invalid");
  const context = await tenantContext().catch(() => null);
  if (!context?.can("organizations:write")) redirect("/roles?failed=permission&reason=forbidden");
  try {
    await context.api.permissions.create(parsed.data);
  } catch (error) {
    redirect(`/roles?failed=permission&reason=${error instanceof PlintoApiError ? error.code : "unavailable"}`);
  }
  redirect("/roles?done=permission");
}

/** The confirmed deletion of a custom role (refused while members or invitations use it). */
export async function deleteRoleAction(form: FormData): Promise<void> {
  const context = await tenantContext().catch(() => null);
  if (!context?.can("organizations:write")) redirect("/roles?failed=role&reason=forbidden");
  try {
    await context.api.roles.delete(String(form.get("role") ?? ""));
  } catch (error) {
    redirect(`/roles?failed=role&reason=${error instanceof PlintoApiError ? error.code : "unavailable"}`);
  }
  redirect("/roles?done=role");
}
