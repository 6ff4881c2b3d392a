"use server";

import {
  addMemberRequestSchema,
  createDomainRequestSchema,
  createInvitationRequestSchema,
  createOrganizationRequestSchema,
  updateDomainRequestSchema,
  updateMemberRequestSchema,
  updateOrganizationRequestSchema,
} from "@plinto/contracts";
import { PlintoApiError } from "@plinto/sdk";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { tenantContext } from "~/lib/tenant";

export type FormResult =
  | { status: "idle" }
  | { status: "saved"; message: string }
  | { status: "invalid"; message: string; typed: Record<string, string> };

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

/** The organization's second-factor policy: required of its members (after a grace period), or as the tenant says. */
export async function mfaPolicyAction(organizationId: string, _previous: FormResult, form: FormData): Promise<FormResult> {
  const typed = typedOf(form);
  const days = (typed.gracePeriodDays ?? "").trim();
  const parsed = updateOrganizationRequestSchema.safeParse({
    mfaPolicy: { mode: typed.mode, ...(typed.mode === "required" ? { gracePeriodDays: days === "" ? 0 : Number(days) } : {}) },
  });
  if (!parsed.success) return { status: "invalid", message: parsed.error.issues[0]?.message ?? "Check the policy", typed };
  const context = await tenantContext().catch(() => null);
  if (!context?.can("organizations:write")) return { status: "invalid", message: "Your role cannot change this organization.", typed };
  try {
    await context.api.organizations.update(organizationId, parsed.data);
  } catch (error) {
    return { status: "invalid", message: refusal(error), typed };
  }
  revalidatePath(`/organizations/${organizationId}`);
  return {
    status: "saved",
    message:
      parsed.data.mfaPolicy?.mode === "required"
        ? "Members must set up a second factor; the grace period counts from now, or from when they join."
        : "Members follow the tenant's second-factor policy.",
  };
}

/** Claims an email domain; the page then shows the TXT record that proves it. */
export async function addDomainAction(organizationId: string, _previous: FormResult, form: FormData): Promise<FormResult> {
  const typed = typedOf(form);
  const parsed = createDomainRequestSchema.safeParse({ domain: typed.domain, autoJoin: typed.autoJoin === "on" });
  if (!parsed.success) return { status: "invalid", message: parsed.error.issues[0]?.message ?? "Enter a domain like acme.com", typed };
  const context = await tenantContext().catch(() => null);
  if (!context?.can("organizations:write")) return { status: "invalid", message: "Your role cannot add domains.", typed };
  let domain: string;
  try {
    domain = (await context.api.organizations.domains.add(organizationId, parsed.data)).domain;
  } catch (error) {
    return { status: "invalid", message: refusal(error), typed };
  }
  revalidatePath(`/organizations/${organizationId}`);
  return { status: "saved", message: `${domain} was added. Publish its TXT record below, then verify it.` };
}

/**
 * Asks the API to look the domain's TXT record up now. A refusal says why in the API's words
 * (no record yet, a different value, or a lookup that failed), which name the record it looked for.
 */
export async function verifyDomainAction(organizationId: string, domainId: string, _previous: FormResult, _form: FormData): Promise<FormResult> {
  const context = await tenantContext().catch(() => null);
  if (!context?.can("organizations:write")) return { status: "invalid", message: "Your role cannot verify domains.", typed: {} };
  let domain: string;
  try {
    domain = (await context.api.organizations.domains.verify(organizationId, domainId)).domain;
  } catch (error) {
    return { status: "invalid", message: refusal(error), typed: {} };
  }
  revalidatePath(`/organizations/${organizationId}`);
  return { status: "saved", message: `${domain} is verified.` };
}

/** What `organizationChangeAction` does; each is named in the URL it answers with. */
export type OrganizationChange =
  | "remove-member"
  | "revoke-invitation"
  | "member-role"
  | "resend-invitation"
  | "domain-auto-join"
  | "remove-domain";

/**
 * The organization's one-click changes (and the confirmed ones: removing a member or a domain,
 * revoking an invitation). Answers with the outcome as codes in the URL; the page has the words.
 */
export async function organizationChangeAction(form: FormData): Promise<void> {
  const organizationId = String(form.get("organization") ?? "");
  const what = String(form.get("change") ?? "");
  const target = String(form.get("target") ?? "");
  const page = `/organizations/${encodeURIComponent(organizationId)}`;
  const context = await tenantContext().catch(() => null);
  if (!context?.can("organizations:write")) redirect(`${page}?failed=${encodeURIComponent(what)}&reason=forbidden`);
  const api = context.api.organizations;
  let outcome = `done=${what}`;
  try {
    if (what === "remove-member") await api.members.remove(organizationId, target);
    else if (what === "revoke-invitation") await api.invitations.revoke(organizationId, target);
    else if (what === "resend-invitation") await api.invitations.resend(organizationId, target);
    else if (what === "remove-domain") await api.domains.remove(organizationId, target);
    else if (what === "member-role") {
      const parsed = updateMemberRequestSchema.safeParse({ role: form.get("role") });
      if (!parsed.success) outcome = `failed=${what}&reason=validation_failed`;
      else await api.members.update(organizationId, target, parsed.data);
    } else if (what === "domain-auto-join") {
      const parsed = updateDomainRequestSchema.safeParse({ autoJoin: form.get("autoJoin") === "on" });
      if (!parsed.success) outcome = `failed=${what}&reason=validation_failed`;
      else await api.domains.update(organizationId, target, parsed.data);
    } else outcome = "failed=unknown";
  } catch (error) {
    outcome = `failed=${what}&reason=${error instanceof PlintoApiError ? error.code : "unavailable"}`;
  }
  redirect(`${page}?${outcome}`);
}
