"use server";

import {
  changeOwnMemberRoleRequestSchema,
  createOwnOrganizationRequestSchema,
  invitationIdSchema,
  inviteToOwnOrganizationRequestSchema,
  organizationIdSchema,
  switchOrganizationRequestSchema,
  userIdSchema,
} from "@plinto/contracts";
import { redirect } from "next/navigation";
import { accountApi, errorCode, withState } from "~/lib/account";

/** Makes the session act in another organization; the portal's next refreshed token carries it. */
export async function switchOrganizationAction(form: FormData): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/organizations");
  const raw = String(form.get("organizationId") ?? "");
  const parsed = switchOrganizationRequestSchema.safeParse({ organizationId: raw === "" ? null : raw });
  if (!parsed.success) redirect(withState("/organizations", { error: "not_found" }));
  let outcome: Record<string, string> = { done: parsed.data.organizationId ? "switched" : "cleared" };
  try {
    await api.memberships.switchActive(parsed.data.organizationId);
  } catch (error) {
    outcome = { error: errorCode(error) };
  }
  redirect(withState("/organizations", outcome));
}

/** The user's answer to one of their pending invitations (by id: no mailed link needed when signed in). */
export async function answerInvitationAction(form: FormData): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/organizations");
  const invitation = invitationIdSchema.safeParse(String(form.get("invitationId") ?? ""));
  if (!invitation.success) redirect(withState("/organizations", { error: "not_found" }));
  const accept = form.get("answer") === "accept";
  let outcome: Record<string, string> = { done: accept ? "accepted" : "declined" };
  try {
    if (accept) await api.memberships.acceptInvitation({ invitationId: invitation.data });
    else await api.memberships.declineInvitation({ invitationId: invitation.data });
  } catch (error) {
    outcome = { error: errorCode(error) };
  }
  redirect(withState("/organizations", outcome));
}

/** A new organization the user owns; then its page, to invite people. */
export async function createOrganizationAction(form: FormData): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/organizations");
  const slug = String(form.get("slug") ?? "").trim();
  const parsed = createOwnOrganizationRequestSchema.safeParse({ name: String(form.get("name") ?? ""), ...(slug ? { slug } : {}) });
  if (!parsed.success) redirect(withState("/organizations", { error: parsed.error.issues.some((i) => i.path[0] === "slug") ? "bad-slug" : "no-name" }));
  let created: { id: string };
  try {
    created = await api.organizations.create(parsed.data);
  } catch (error) {
    redirect(withState("/organizations", { error: errorCode(error) }));
  }
  redirect(withState(`/organizations/${created.id}`, { done: "created" }));
}

const orgPage = (id: string, outcome: Record<string, string>) => withState(`/organizations/${id}`, outcome);

/** Invites an address with a role; the API mails the link and checks the user's role allows it. */
export async function inviteMemberAction(form: FormData): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/organizations");
  const organization = organizationIdSchema.safeParse(form.get("organization"));
  if (!organization.success) redirect(withState("/organizations", { error: "not_found" }));
  const parsed = inviteToOwnOrganizationRequestSchema.safeParse({ email: String(form.get("email") ?? "").trim(), role: String(form.get("role") ?? "member") });
  if (!parsed.success) redirect(orgPage(organization.data, { error: "bad-invitation" }));
  let outcome: Record<string, string> = { done: "invited" };
  try {
    await api.organizations.invite(organization.data, parsed.data);
  } catch (error) {
    outcome = { error: errorCode(error) };
  }
  redirect(orgPage(organization.data, outcome));
}

export async function changeRoleAction(form: FormData): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/organizations");
  const organization = organizationIdSchema.safeParse(form.get("organization"));
  const user = userIdSchema.safeParse(form.get("user"));
  const role = changeOwnMemberRoleRequestSchema.safeParse({ role: String(form.get("role") ?? "") });
  if (!organization.success) redirect(withState("/organizations", { error: "not_found" }));
  if (!user.success || !role.success) redirect(orgPage(organization.data, { error: "validation_failed" }));
  let outcome: Record<string, string> = { done: "role-changed" };
  try {
    await api.organizations.changeRole(organization.data, user.data, role.data.role);
  } catch (error) {
    outcome = { error: errorCode(error) };
  }
  redirect(orgPage(organization.data, outcome));
}

/** Leaves the organization (after the page's confirmation); the last owner is refused. */
export async function leaveOrganizationAction(form: FormData): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/organizations");
  const organization = organizationIdSchema.safeParse(form.get("organization"));
  if (!organization.success) redirect(withState("/organizations", { error: "not_found" }));
  try {
    await api.organizations.leave(organization.data);
  } catch (error) {
    redirect(orgPage(organization.data, { error: errorCode(error) }));
  }
  redirect(withState("/organizations", { done: "left" }));
}
