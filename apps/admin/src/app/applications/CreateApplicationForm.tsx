"use client";

import { Alert, Button, CodeBlock, Field, Input, Select, Textarea } from "@plinto/ui";
import { useActionState } from "react";
import { createApplicationAction, type ApplicationFormState } from "./actions";

/** The new-application form; a confidential application's client secret is shown here once. */
export function CreateApplicationForm() {
  const [state, action, pending] = useActionState<ApplicationFormState, FormData>(createApplicationAction, { status: "idle" });
  const fields = state.status === "invalid" ? state.fields : {};
  // React resets a form after its action; a refused one comes back with what was typed.
  const typed = state.status === "invalid" ? state.typed : { name: "", type: "web", redirectUris: "", postLogoutRedirectUris: "" };
  return (
    <div className="space-y-4">
      {state.status === "created" ? (
        <Alert variant="success" title={`"${state.name}" registered`}>
          <p>
            Client ID: <code className="font-mono">{state.clientId}</code>
          </p>
          {state.clientSecret ? (
            <>
              <p className="mt-2">Copy the client secret now: this is the only time it is shown. Only its hash is stored.</p>
              <CodeBlock label="Client secret">{state.clientSecret}</CodeBlock>
            </>
          ) : (
            <p className="mt-2">A public client: it signs in with PKCE and has no secret.</p>
          )}
        </Alert>
      ) : null}
      {state.status === "invalid" ? <Alert variant="danger" title="The application was not registered">{state.message}</Alert> : null}
      <form key={JSON.stringify(typed)} action={action} className="max-w-2xl space-y-4" noValidate>
        <Field label="Name" error={fields.name}>
          <Input name="name" defaultValue={typed.name} maxLength={100} />
        </Field>
        <Field label="Type" hint="Web: a server that keeps a secret. Single-page and native: public clients with PKCE. Machine: client credentials." error={fields.type}>
          <Select name="type" defaultValue={typed.type}>
            <option value="web">Web (server-side)</option>
            <option value="spa">Single-page app</option>
            <option value="native">Native or mobile app</option>
            <option value="machine">Machine to machine</option>
          </Select>
        </Field>
        <Field label="Redirect URIs" hint="One per line; matched exactly. Not used by machine applications." error={fields.redirectUris}>
          <Textarea name="redirectUris" rows={3} defaultValue={typed.redirectUris} />
        </Field>
        <Field label="Post-logout redirect URIs" hint="One per line." error={fields.postLogoutRedirectUris}>
          <Textarea name="postLogoutRedirectUris" rows={2} defaultValue={typed.postLogoutRedirectUris} />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Registering…" : "Register application"}
        </Button>
      </form>
    </div>
  );
}
