"use client";

import { Alert, Button, CodeBlock, Field, Input, Select } from "@plinto/ui";
import { useActionState } from "react";
import { addTenantAdminAction, createTenantAction, type AdminFormResult, type CreateTenantState } from "./actions";

/**
 * A new customer tenant, optionally with its first management key; the key's secret is shown here
 * once and nowhere else. The operator who creates the tenant becomes its owner.
 */
export function CreateTenantForm({ scopes }: { scopes: readonly string[] }) {
  const [state, action, pending] = useActionState<CreateTenantState, FormData>(createTenantAction, { status: "idle" });
  const fields = state.status === "invalid" ? state.fields : {};
  const typed = state.status === "invalid" ? state.typed : { slug: "", name: "", withKey: false, keyName: "", scopes: [] as string[] };
  return (
    <div className="space-y-4">
      {state.status === "created" ? (
        <Alert variant="success" title={`Tenant "${state.name}" created`}>
          <p>
            You are its owner: open it from the list to set it up. Its issuer is <code className="font-mono">/t/{state.slug}</code>.
          </p>
          {state.apiKey ? (
            <>
              <p className="mt-2">Copy its API key now: this is the only time it is shown. Only its hash is stored.</p>
              <CodeBlock label={`API key "${state.apiKey.name}" of ${state.slug}`}>{state.apiKey.secret}</CodeBlock>
            </>
          ) : null}
        </Alert>
      ) : null}
      {state.status === "invalid" ? <Alert variant="danger" title="The tenant was not created">{state.message}</Alert> : null}
      <form key={JSON.stringify(typed)} action={action} className="max-w-2xl space-y-4" noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Tenant name" error={fields.name}>
            <Input name="name" defaultValue={typed.name} maxLength={100} autoComplete="off" />
          </Field>
          <Field label="Tenant slug" hint="In its issuer URL: lowercase letters, digits, inner hyphens." error={fields.slug}>
            <Input name="slug" defaultValue={typed.slug} maxLength={48} autoComplete="off" />
          </Field>
        </div>
        <fieldset className="space-y-3 rounded-card border border-line p-4">
          <legend className="px-1 text-sm font-medium text-ink">First API key (optional)</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="withKey" defaultChecked={typed.withKey} className="size-4" />
            Also create a management key of the new tenant, for automation that sets it up
          </label>
          <Field label="Key name" error={fields.keyName}>
            <Input name="keyName" defaultValue={typed.keyName} maxLength={100} autoComplete="off" />
          </Field>
          <fieldset aria-describedby={fields.scopes ? "tenant-scopes-error" : undefined}>
            <legend className="text-sm font-medium text-ink">Key scopes</legend>
            <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
              {scopes.map((scope) => (
                <label key={scope} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="scopes" value={scope} defaultChecked={typed.scopes.includes(scope)} className="size-4" />
                  <code className="font-mono">{scope}</code>
                </label>
              ))}
            </div>
            {fields.scopes ? (
              <p id="tenant-scopes-error" className="mt-1 text-sm text-danger">
                {fields.scopes}
              </p>
            ) : null}
          </fieldset>
        </fieldset>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create tenant"}
        </Button>
      </form>
    </div>
  );
}

/** Makes a platform user, by email address, an admin of the tenant with a role. */
export function AddTenantAdminForm({ slug, roles }: { slug: string; roles: readonly string[] }) {
  const [state, action, pending] = useActionState<AdminFormResult, FormData>(addTenantAdminAction.bind(null, slug), { status: "idle" });
  const typed = state.status === "invalid" ? state.typed : {};
  return (
    <div className="space-y-3">
      {state.status === "saved" ? <Alert variant="success" title="Admin added">{state.message}</Alert> : null}
      {state.status === "invalid" ? <Alert variant="danger" title="No admin was added">{state.message}</Alert> : null}
      <form key={JSON.stringify(typed)} action={action} className="grid max-w-2xl gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-end" noValidate>
        <Field label="Admin's email address" hint="Their account in the platform tenant.">
          <Input name="email" type="email" defaultValue={typed.email} autoComplete="off" />
        </Field>
        <Field label="Admin role">
          <Select name="role" defaultValue={typed.role ?? "viewer"}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="secondary" disabled={pending}>
          Add admin
        </Button>
      </form>
    </div>
  );
}
