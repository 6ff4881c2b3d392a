"use server";

import { addMemberRequestSchema, createInvitationRequestSchema, createOrganizationRequestSchema } from "@plinto/contracts";
import { PlintoApiError } from "@plinto/sdk";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { tenantContext } from "~/lib/tenant";

export type FormResult = { status: "idle" } | { status: "invalid"; message: string; typed: Record<string, string> };

const typedOf = (form: FormData) => Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
const refusal = (error: unknown) =>
  error instanceof PlintoApiError ? (error.fields && Object.values(error.fields)[0]?.[0]) || error.detail || error.title : "The API did not answer; try again.";

/** Creates an organization and opens it. */
export async function createOrganizationAction(_previous: FormResult, form: FormData): Promise<FormResult> {
  const typed = typedOf(form);
  const parsed = createOrganizationRequestSchema.safeParse({ name: typed.name, slug: typed.slug });
  if (!parsed.success) return { status: "invalid", message: parsed.error.issues[0]?.message ?? "Check the name and slug", typed };
  const context = await tenantContext().catch(() => null);
  if (!context?.can("organizations:write")) return { status: "invalid", message: "Your role cannot create organizations.", typed };
  let id: string;
  try {
    id = (await context.api.organizations.create(parsed.data)).id;
  } catch (error) {
    return { status: "invalid", message: refusal(error), typed };
  }
  redirect(`/organizations/${id}`);
}

/** Adds a user, found by their email address in this tenant, with a role. */
export async function addMemberAction(organizationId: string, _previous: FormResult, form: FormData): Promise<FormResult> {
  const typed = typedOf(form);
  const context = await tenantContext().catch(() => null);
  if (!context?.can("organizations:write")) return { status: "invalid", message: "Your role cannot change members.", typed };
  try {
    const email = (typed.email ?? "").trim().toLowerCase();
    const found = (await context.api.users.list({ q: email, limit: 20 })).users.find((u) => u.email.toLowerCase() === email);
    if (!found) return { status: "invalid", message: `No user of ${context.tenant.name} has the address ${email || "given"}.`, typed };
    const parsed = addMemberRequestSchema.safeParse({ userId: found.id, role: typed.role });
    if (!parsed.success) return { status: "invalid", message: parsed.error.issues[0]?.message ?? "Choose a role", typed };
    await context.api.organizations.members.add(organizationId, parsed.data);
  } catch (error) {
    return { status: "invalid", message: refusal(error), typed };
  }
  revalidatePath(`/organizations/${organizationId}`);
  return { status: "idle" };
}

/** Mails an invitation to join with a role. */
export async function inviteAction(organizationId: string, _previous: FormResult, form: FormData): Promise<FormResult> {
  const typed = typedOf(form);
  const parsed = createInvitationRequestSchema.safeParse({ email: typed.email, role: typed.role });
  if (!parsed.success) return { status: "invalid", message: parsed.error.issues[0]?.message ?? "Check the address and role", typed };
  const context = await tenantContext().catch(() => null);
  if (!context?.can("organizations:write")) return { status: "invalid", message: "Your role cannot invite people.", typed };
  try {
    await context.api.organizations.invitations.create(organizationId, parsed.data);
  } catch (error) {
    return { status: "invalid", message: refusal(error), typed };
  }
  revalidatePath(`/organizations/${organizationId}`);
  return { status: "idle" };
}

/** The confirmed removal of a member, or revocation of an invitation. */
export async function organizationChangeAction(form: FormData): Promise<void> {
  const organizationId = String(form.get("organization") ?? "");
  const what = String(form.get("change") ?? "");
  const target = String(form.get("target") ?? "");
  const page = `/organizations/${encodeURIComponent(organizationId)}`;
  const context = await tenantContext().catch(() => null);
  if (!context?.can("organizations:write")) redirect(`${page}?failed=${what}`);
  let outcome = `done=${what}`;
  try {
    if (what === "remove-member") await context.api.organizations.members.remove(organizationId, target);
    else if (what === "revoke-invitation") await context.api.organizations.invitations.revoke(organizationId, target);
    else outcome = `failed=${what}`;
  } catch (error) {
    outcome = `failed=${what}&reason=${error instanceof PlintoApiError ? error.code : "unavailable"}`;
  }
  redirect(`${page}?${outcome}`);
}
