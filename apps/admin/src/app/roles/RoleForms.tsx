"use client";

import { Alert, Button, ButtonLink, Field, Input, Textarea } from "@plinto/ui";
import { useActionState } from "react";
import { createRoleAction, updateRoleAction, type RoleFormResult } from "./actions";

/** The tenant's permissions as checkboxes, the ones the role grants ticked. */
function PermissionChecklist({ permissions, checked }: { permissions: string[]; checked: string[] }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-ink">Permissions</legend>
      <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
        {permissions.map((permission) => (
          <label key={permission} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="permissions" value={permission} defaultChecked={checked.includes(permission)} className="size-4" />
            <code className="font-mono">{permission}</code>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A custom role: its key (in tokens), its name, and the permissions it grants. */
export function CreateRoleForm({ permissions }: { permissions: string[] }) {
  const [state, action, pending] = useActionState<RoleFormResult, FormData>(createRoleAction, { status: "idle" });
  const typed = state.status === "invalid" ? state.typed : { key: "", name: "", description: "", permissions: [] };
  return (
    <form key={JSON.stringify(typed)} action={action} className="max-w-2xl space-y-4" noValidate>
      {state.status === "invalid" ? <Alert variant="danger" title="The role was not created">{state.message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Key" hint="As tokens carry it, e.g. billing-manager.">
          <Input name="key" defaultValue={typed.key} maxLength={64} />
        </Field>
        <Field label="Role name">
          <Input name="name" defaultValue={typed.name} maxLength={100} />
        </Field>
      </div>
      <PermissionChecklist permissions={permissions} checked={typed.permissions} />
      <Button type="submit" disabled={pending}>
        Create role
      </Button>
    </form>
  );
}

/**
 * Changes a custom role's name, description and permissions (its key stays: tokens and
 * memberships use it). The permissions sent replace the role's whole set.
 */
export function EditRoleForm(props: { role: { id: string; key: string; name: string; description: string | null; permissions: string[] }; permissions: string[] }) {
  const [state, action, pending] = useActionState<RoleFormResult, FormData>(updateRoleAction.bind(null, props.role.id), { status: "idle" });
  const typed =
    state.status === "invalid"
      ? state.typed
      : { key: props.role.key, name: props.role.name, description: props.role.description ?? "", permissions: props.role.permissions };
  // A permission the role holds is listed even if the tenant's list no longer shows it, so saving never drops it unseen.
  const all = [...new Set([...props.permissions, ...props.role.permissions])];
  return (
    <form key={JSON.stringify(typed)} action={action} className="max-w-2xl space-y-4" noValidate aria-labelledby="edit-role-title">
      <h2 id="edit-role-title" className="text-xl font-bold tracking-tight">
        Edit the role <code className="font-mono text-base">{props.role.key}</code>
      </h2>
      {state.status === "invalid" ? <Alert variant="danger" title="The role did not change">{state.message}</Alert> : null}
      <Field label="Role name">
        <Input name="name" defaultValue={typed.name} maxLength={100} />
      </Field>
      <Field label="Description" hint="Optional; up to 500 characters.">
        <Textarea name="description" defaultValue={typed.description} maxLength={500} rows={2} />
      </Field>
      <PermissionChecklist permissions={all} checked={typed.permissions} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending}>
          Save the role
        </Button>
        <ButtonLink href="/roles" variant="ghost">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
