"use server";

import { createTenantRequestSchema, setTenantAdminRequestSchema, tenantSlugSchema, updateTenantRequestSchema } from "@plinto/contracts";
import { PlintoApiError } from "@plinto/sdk";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { operatorContext } from "~/lib/tenant";

export type CreateTenantState =
  | { status: "idle" }
  | { status: "created"; slug: string; name: string; apiKey?: { name: string; secret: string } | undefined }
  | { status: "invalid"; message: string; fields: Record<string, string>; typed: { slug: string; name: string; withKey: boolean; keyName: string; scopes: string[] } };

export type AdminFormResult = { status: "idle" } | { status: "saved"; message: string } | { status: "invalid"; message: string; typed: Record<string, string> };

const refusal = (error: unknown) =>
  error instanceof PlintoApiError ? (Object.values(error.fields)[0]?.[0] ?? error.detail ?? error.title) : "The API did not answer; try again.";

/**
 * Creates a customer tenant (the operator who creates it becomes its owner), and, when asked, its
 * first management key: the secret comes back in this answer only, for the form to show once.
 */
export async function createTenantAction(_previous: CreateTenantState, form: FormData): Promise<CreateTenantState> {
  const typed = {
    slug: String(form.get("slug") ?? "").trim(),
    name: String(form.get("name") ?? ""),
    withKey: form.get("withKey") === "on",
    keyName: String(form.get("keyName") ?? ""),
    scopes: form.getAll("scopes").map(String),
  };
  const parsed = createTenantRequestSchema.safeParse({
    slug: typed.slug,
    name: typed.name,
    ...(typed.withKey ? { initialApiKey: { name: typed.keyName, scopes: typed.scopes } } : {}),
  });
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.at(-1) === "name" && issue.path[0] === "initialApiKey" ? "keyName" : String(issue.path.at(-1) ?? "form")] ??= issue.message;
    return { status: "invalid", message: "Check the fields marked below.", fields, typed };
  }
  const operator = await operatorContext().catch(() => null);
  if (!operator?.can("tenants:write")) return { status: "invalid", message: "Your role in the platform tenant cannot create tenants.", fields: {}, typed };
  try {
    const created = await operator.api.tenants.create(parsed.data);
    revalidatePath("/tenants");
    return {
      status: "created",
      slug: created.tenant.slug,
      name: created.tenant.name,
      apiKey: created.apiKey ? { name: created.apiKey.apiKey.name, secret: created.apiKey.secret } : undefined,
    };
  } catch (error) {
    const fields = error instanceof PlintoApiError ? Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.split(".").at(-1)!, v[0]!])) : {};
    return { status: "invalid", message: refusal(error), fields, typed };
  }
}

/** Where a tenant form may send the operator back to: the list, or one tenant's page. */
function backTo(form: FormData, slug: string) {
  return form.get("back") === "tenant" ? `/tenants/${slug}` : "/tenants";
}

/** The confirmed suspension (nobody of the tenant signs in, its keys stop) or reactivation of a tenant. */
export async function tenantStatusAction(form: FormData): Promise<void> {
  const slug = tenantSlugSchema.safeParse(String(form.get("tenant") ?? ""));
  if (!slug.success) redirect("/tenants?failed=status&reason=not_found");
  const back = backTo(form, slug.data);
  const parsed = updateTenantRequestSchema.safeParse({ status: form.get("status") });
  if (!parsed.success) redirect(`${back}?failed=status&reason=validation_failed`);
  const operator = await operatorContext().catch(() => null);
  if (!operator?.can("tenants:write")) redirect(`${back}?failed=status&reason=forbidden`);
  try {
    await operator.api.tenants.update(slug.data, parsed.data);
  } catch (error) {
    redirect(`${back}?failed=status&reason=${error instanceof PlintoApiError ? error.code : "unavailable"}`);
  }
  redirect(`${back}?done=${parsed.data.status === "suspended" ? "suspended" : "reactivated"}&tenant=${slug.data}`);
}

/**
 * Makes someone with an account in the platform tenant (found by email address) an admin of the
 * tenant with a role. Only owners of the platform tenant may; the API checks again.
 */
export async function addTenantAdminAction(slug: string, _previous: AdminFormResult, form: FormData): Promise<AdminFormResult> {
  const typed = { email: String(form.get("email") ?? "").trim(), role: String(form.get("role") ?? "") };
  const parsed = setTenantAdminRequestSchema.safeParse({ role: typed.role });
  if (!parsed.success) return { status: "invalid", message: parsed.error.issues[0]?.message ?? "Choose a role", typed };
  const email = typed.email.toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return { status: "invalid", message: "Enter an email address like name@example.com", typed };
  const operator = await operatorContext().catch(() => null);
  if (!operator?.mayChangeAdmins) return { status: "invalid", message: "Only owners of the platform tenant change who administers a tenant.", typed };
  try {
    const found = (await operator.api.users.list({ q: email, limit: 20 })).users.find((u) => u.email.toLowerCase() === email);
    if (!found) {
      return { status: "invalid", message: `Nobody with the address ${email} has a ${operator.platform.name} account yet: they sign up at the dashboard's sign-in first.`, typed };
    }
    await operator.api.tenants.admins.set(slug, found.id, parsed.data);
  } catch (error) {
    return { status: "invalid", message: refusal(error), typed };
  }
  revalidatePath(`/tenants/${slug}`);
  return { status: "saved", message: `${email} is now ${parsed.data.role === "admin" ? "an" : "a"} ${parsed.data.role} of this tenant.` };
}

/** A tenant admin's one-click role change, and the confirmed removal; outcomes as codes in the URL. */
export async function tenantAdminChangeAction(form: FormData): Promise<void> {
  const slug = tenantSlugSchema.safeParse(String(form.get("tenant") ?? ""));
  if (!slug.success) redirect("/tenants");
  const page = `/tenants/${slug.data}`;
  const what = form.get("change") === "remove-admin" ? "remove-admin" : "admin-role";
  const userId = String(form.get("target") ?? "");
  const operator = await operatorContext().catch(() => null);
  if (!operator?.mayChangeAdmins) redirect(`${page}?failed=${what}&reason=forbidden`);
  let outcome = `done=${what}`;
  try {
    if (what === "remove-admin") await operator.api.tenants.admins.remove(slug.data, userId);
    else {
      const parsed = setTenantAdminRequestSchema.safeParse({ role: form.get("role") });
      if (!parsed.success) outcome = `failed=${what}&reason=validation_failed`;
      else await operator.api.tenants.admins.set(slug.data, userId, parsed.data);
    }
  } catch (error) {
    outcome = `failed=${what}&reason=${error instanceof PlintoApiError ? error.code : "unavailable"}`;
  }
  redirect(`${page}?${outcome}`);
}
