"use client";

import { Alert, Button, Field, Input, Select } from "@plinto/ui";
import { useActionState } from "react";
import { addMemberAction, createOrganizationAction, inviteAction, type FormResult } from "./actions";

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
