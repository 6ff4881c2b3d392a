"use client";

import { Alert, Button, Field, Input } from "@plinto/ui";
import { useActionState } from "react";
import { saveDetailsAction, type DetailsState, type DetailsTyped } from "./actions";

/** Name and language; a refused save comes back with what was typed and the fields marked. */
export function DetailsForm({ current }: { current: DetailsTyped }) {
  const [state, action, pending] = useActionState<DetailsState, FormData>(saveDetailsAction, { status: "idle" });
  const fields = state.status === "invalid" ? state.fields : {};
  const typed = state.status === "invalid" ? state.typed : current;
  return (
    <div className="space-y-4">
      {state.status === "saved" ? <Alert variant="success">Your details are saved. Apps see them the next time you sign in to them.</Alert> : null}
      {state.status === "invalid" ? <Alert variant="danger" title="Nothing was saved">{state.message}</Alert> : null}
      <form key={JSON.stringify(typed)} action={action} className="grid max-w-2xl grid-cols-1 gap-4 sm:grid-cols-2" noValidate>
        <Field label="Full name" hint="As apps greet you." error={fields.name} className="sm:col-span-2">
          <Input name="name" defaultValue={typed.name} maxLength={200} autoComplete="name" />
        </Field>
        <Field label="Given name" error={fields.givenName}>
          <Input name="givenName" defaultValue={typed.givenName} maxLength={100} autoComplete="given-name" />
        </Field>
        <Field label="Family name" error={fields.familyName}>
          <Input name="familyName" defaultValue={typed.familyName} maxLength={100} autoComplete="family-name" />
        </Field>
        <Field label="Language" hint="A language tag such as en or pt-BR; apps may use it." error={fields.locale}>
          <Input name="locale" defaultValue={typed.locale} maxLength={35} autoComplete="language" />
        </Field>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save details"}
          </Button>
        </div>
      </form>
    </div>
  );
}
