"use client";

import { Alert, Button, Field, Input, Select } from "@plinto/ui";
import { useActionState } from "react";
import { impersonateAction, type ImpersonateState } from "./impersonate";

/** Sign in as this user for support: why and for how long; the link that comes back works once, for two minutes. */
export function ImpersonateForm({ userId, email }: { userId: string; email: string }) {
  const [state, action, pending] = useActionState<ImpersonateState, FormData>(impersonateAction.bind(null, userId), { status: "idle" });
  const typed = state.status === "invalid" ? state : { reason: "", minutes: "15" };
  return (
    <div className="mt-3 space-y-3">
      {state.status === "ready" ? (
        <Alert variant="success" title="Impersonation link ready">
          <p>It works once, within two minutes, and the pages will show a banner the whole time.</p>
          <a href={state.url} target="_blank" rel="noopener noreferrer" className="mt-2 inline-block font-medium text-brand-700 underline">
            Sign in as {email}
          </a>
        </Alert>
      ) : null}
      {state.status === "invalid" ? <Alert variant="danger" title="No link was made">{state.message}</Alert> : null}
      <form key={JSON.stringify(typed)} action={action} className="space-y-3" noValidate>
        <Field label="Reason" hint="Recorded in the audit log, and told to the user if the tenant notifies them.">
          <Input name="reason" defaultValue={typed.reason} maxLength={500} />
        </Field>
        <Field label="For">
          <Select name="minutes" defaultValue={typed.minutes}>
            <option value="5">5 minutes</option>
            <option value="15">15 minutes</option>
            <option value="30">30 minutes</option>
            <option value="60">60 minutes</option>
          </Select>
        </Field>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Making the link…" : "Make an impersonation link"}
        </Button>
      </form>
    </div>
  );
}
