"use client";

import { Alert, Button, CodeBlock, Field, Input } from "@plinto/ui";
import { useActionState } from "react";
import { createApiKeyAction, type CreateApiKeyState } from "./actions";

/** The new-key form; the created key's secret is shown here once and nowhere else. */
export function CreateApiKeyForm({ scopes }: { scopes: readonly string[] }) {
  const [state, action, pending] = useActionState<CreateApiKeyState, FormData>(createApiKeyAction, { status: "idle" });
  const fields = state.status === "invalid" ? state.fields : {};
  // React resets a form after its action; a refused one comes back with what was typed.
  const values = state.status === "invalid" ? state.values : { name: "", scopes: [], expiresInDays: "" };
  return (
    <div className="space-y-4">
      {state.status === "created" ? (
        <Alert variant="success" title={`Key "${state.name}" created`}>
          <p>Copy it now: this is the only time it is shown. Only its hash is stored.</p>
          <CodeBlock label="The new API key">{state.secret}</CodeBlock>
        </Alert>
      ) : null}
      {state.status === "invalid" ? <Alert variant="danger" title="The key was not created">{state.message}</Alert> : null}
      <form key={JSON.stringify(values)} action={action} className="space-y-4" noValidate>
        <Field label="Name" hint="Say what uses it, e.g. “CI deploys”." error={fields.name} required>
          <Input name="name" autoComplete="off" maxLength={100} defaultValue={values.name} />
        </Field>
        <fieldset aria-describedby={fields.scopes ? "scopes-error" : undefined}>
          <legend className="text-sm font-medium text-ink">Scopes</legend>
          <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {scopes.map((scope) => (
              <label key={scope} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="scopes" value={scope} defaultChecked={values.scopes.includes(scope)} className="size-4" />
                <code className="font-mono">{scope}</code>
              </label>
            ))}
          </div>
          {fields.scopes ? (
            <p id="scopes-error" className="mt-1 text-sm text-danger">
              {fields.scopes}
            </p>
          ) : null}
        </fieldset>
        <Field label="Expires after (days)" hint="Leave empty for a key that does not expire." error={fields.expiresInDays}>
          <Input name="expiresInDays" inputMode="numeric" className="max-w-40" defaultValue={values.expiresInDays} />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </form>
    </div>
  );
}
