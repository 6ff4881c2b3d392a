"use client";

import { Alert, Button, Field, Input } from "@plinto/ui";
import { useActionState } from "react";
import { createRoleAction, type RoleFormResult } from "./actions";

/** A custom role: its key (in tokens), its name, and the permissions it grants. */
export function CreateRoleForm({ permissions }: { permissions: string[] }) {
  const [state, action, pending] = useActionState<RoleFormResult, FormData>(createRoleAction, { status: "idle" });
  const typed = state.status === "invalid" ? state.typed : { key: "", name: "", permissions: [] };
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
      <fieldset>
        <legend className="text-sm font-medium text-ink">Permissions</legend>
        <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
          {permissions.map((permission) => (
            <label key={permission} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="permissions" value={permission} defaultChecked={typed.permissions.includes(permission)} className="size-4" />
              <code className="font-mono">{permission}</code>
            </label>
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={pending}>
        Create role
      </Button>
    </form>
  );
}
