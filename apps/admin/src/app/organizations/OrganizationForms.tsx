"use client";

import { Alert, Button, Field, Input, Select } from "@plinto/ui";
import { useActionState } from "react";
import { addDomainAction, addMemberAction, createOrganizationAction, inviteAction, mfaPolicyAction, verifyDomainAction, type FormResult } from "./actions";

const idle: FormResult = { status: "idle" };

/** A new organization: its name and the slug in its URLs. */
export function CreateOrganizationForm() {
  const [state, action, pending] = useActionState(createOrganizationAction, idle);
  const typed = state.status === "invalid" ? state.typed : {};
  return (
    <form key={JSON.stringify(typed)} action={action} className="grid max-w-2xl gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end" noValidate>
      {state.status === "invalid" ? (
        <Alert variant="danger" title="The organization was not created" className="sm:col-span-3">
          {state.message}
        </Alert>
      ) : null}
      <Field label="Name">
        <Input name="name" defaultValue={typed.name} maxLength={100} />
      </Field>
      <Field label="Slug" hint="Lowercase letters, digits, hyphens.">
        <Input name="slug" defaultValue={typed.slug} maxLength={64} />
      </Field>
      <Button type="submit" disabled={pending}>
        Create organization
      </Button>
    </form>
  );
}

/** The role picker; takes the id and descriptions `Field` hands its control, so the label names it. */
function RoleSelect({ roles, value, ...control }: { roles: string[]; value?: string | undefined; id?: string; "aria-describedby"?: string }) {
  return (
    <Select name="role" defaultValue={value ?? "member"} {...control}>
      {roles.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </Select>
  );
}

/** An email address and a role, for the organization: the shape of adding a member and of inviting one. */
function EmailRoleForm(props: {
  act: (previous: FormResult, form: FormData) => Promise<FormResult>;
  roles: string[];
  refused: string;
  emailLabel: string;
  roleLabel: string;
  submitLabel: string;
}) {
  const [state, action, pending] = useActionState(props.act, idle);
  const typed = state.status === "invalid" ? state.typed : {};
  return (
    <form key={JSON.stringify(typed)} action={action} className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-end" noValidate>
      {state.status === "invalid" ? (
        <Alert variant="danger" title={props.refused} className="sm:col-span-3">
          {state.message}
        </Alert>
      ) : null}
      <Field label={props.emailLabel}>
        <Input name="email" type="email" defaultValue={typed.email} />
      </Field>
      <Field label={props.roleLabel}>
        <RoleSelect roles={props.roles} value={typed.role} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {props.submitLabel}
      </Button>
    </form>
  );
}

/** Adds an existing user of the tenant, by email, with a role. */
export function AddMemberForm({ organizationId, roles }: { organizationId: string; roles: string[] }) {
  return (
    <EmailRoleForm
      act={addMemberAction.bind(null, organizationId)}
      roles={roles}
      refused="No member was added"
      emailLabel="User's email address"
      roleLabel="Role"
      submitLabel="Add member"
    />
  );
}

/** Mails an invitation to anyone, with a role. */
export function InviteForm({ organizationId, roles }: { organizationId: string; roles: string[] }) {
  return (
    <EmailRoleForm
      act={inviteAction.bind(null, organizationId)}
      roles={roles}
      refused="No invitation was sent"
      emailLabel="Invite by email"
      roleLabel="Invited role"
      submitLabel="Send invitation"
    />
  );
}

/** The outcome of a form's last submission: what was saved, or why not. */
function Outcome({ state, refused, saved }: { state: FormResult; refused: string; saved: string }) {
  if (state.status === "saved") return <Alert variant="success" title={saved}>{state.message}</Alert>;
  if (state.status === "invalid") return <Alert variant="danger" title={refused}>{state.message}</Alert>;
  return null;
}

/** Whether members must have a second factor, and how many days a new one has to set it up. */
export function MfaPolicyForm({ organizationId, mode, gracePeriodDays }: { organizationId: string; mode: "optional" | "required"; gracePeriodDays: number }) {
  const [state, action, pending] = useActionState(mfaPolicyAction.bind(null, organizationId), idle);
  const typed = state.status === "invalid" ? state.typed : { mode, gracePeriodDays: String(gracePeriodDays) };
  return (
    <div className="space-y-3">
      <Outcome state={state} refused="The policy did not change" saved="Policy saved" />
      <form key={JSON.stringify(typed)} action={action} className="grid max-w-2xl gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-end" noValidate>
        <Field label="Second factor for members">
          <Select name="mode" defaultValue={typed.mode}>
            <option value="optional">As the tenant&apos;s policy says</option>
            <option value="required">Required of every member</option>
          </Select>
        </Field>
        <Field label="Grace period (days)" hint="0–90; when required.">
          <Input name="gracePeriodDays" inputMode="numeric" defaultValue={typed.gracePeriodDays} maxLength={3} />
        </Field>
        <Button type="submit" variant="secondary" disabled={pending}>
          Save policy
        </Button>
      </form>
    </div>
  );
}

/** Claims an email domain for the organization, optionally letting people there join by themselves. */
export function AddDomainForm({ organizationId }: { organizationId: string }) {
  const [state, action, pending] = useActionState(addDomainAction.bind(null, organizationId), idle);
  const typed = state.status === "invalid" ? state.typed : {};
  return (
    <div className="space-y-3">
      <Outcome state={state} refused="The domain was not added" saved="Domain added" />
      <form key={JSON.stringify(typed)} action={action} className="grid max-w-2xl gap-3 sm:grid-cols-[2fr_auto_auto] sm:items-end" noValidate>
        <Field label="Email domain" hint="Like acme.com: the part of the address after the @.">
          <Input name="domain" defaultValue={typed.domain} maxLength={253} autoComplete="off" />
        </Field>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" name="autoJoin" defaultChecked={typed.autoJoin === "on"} className="size-4" />
          Auto-join once verified
        </label>
        <Button type="submit" variant="secondary" disabled={pending}>
          Add domain
        </Button>
      </form>
    </div>
  );
}

/** Looks the domain's TXT record up now; says why when it is not there (yet). */
export function VerifyDomainForm({ organizationId, domainId, domain }: { organizationId: string; domainId: string; domain: string }) {
  const [state, action, pending] = useActionState(verifyDomainAction.bind(null, organizationId, domainId), idle);
  return (
    <div className="space-y-3">
      <Outcome state={state} refused={`${domain} is not verified yet`} saved="Verified" />
      <form action={action}>
        <Button type="submit" variant="secondary" size="sm" disabled={pending} aria-label={`Verify ${domain}`}>
          {pending ? "Looking it up…" : "Verify"}
        </Button>
      </form>
    </div>
  );
}
