"use client";

import { Alert, Button, ButtonLink, Field, Input } from "@plinto/ui";
import { useActionState } from "react";
import { createUserAction, type NewUserState } from "./actions";

const initial: NewUserState = { values: { email: "", name: "", emailVerified: false }, fieldErrors: {} };

/** The new-user form; it posts to a server action, so it works before (or without) JavaScript too. */
export function NewUserForm() {
  const [state, action, pending] = useActionState(createUserAction, initial);
  const { values, fieldErrors } = state;
  return (
    <form action={action} noValidate className="mt-8 max-w-xl space-y-6 rounded-card border border-line bg-surface p-6">
      {state.formError ? (
        <Alert variant="danger" title="The user was not created">
          {state.formError}
        </Alert>
      ) : null}
      <Field label="Email address" required error={fieldErrors.email}>
        <Input name="email" type="email" autoComplete="off" defaultValue={values.email} key={`email-${values.email}`} />
      </Field>
      <Field label="Name" hint="Optional. How the user is shown to admins and in their apps." error={fieldErrors.name}>
        <Input name="name" autoComplete="off" defaultValue={values.name} key={`name-${values.name}`} />
      </Field>
      <Field
        label="Password"
        hint="Optional. It must meet the tenant's password policy; without one, the user signs in by mailed link, a passkey or SSO, or you send them a password reset."
        error={fieldErrors.password}
      >
        <Input name="password" type="password" autoComplete="new-password" />
      </Field>
      <div className="flex items-start gap-3">
        <input
          id="new-user-verified"
          name="emailVerified"
          type="checkbox"
          defaultChecked={values.emailVerified}
          key={`verified-${values.emailVerified}`}
          className="mt-1 size-4"
          aria-describedby="new-user-verified-hint"
        />
        <div>
          <label htmlFor="new-user-verified" className="text-sm font-medium text-ink">
            The email address is already confirmed
          </label>
          <p id="new-user-verified-hint" className="text-sm text-muted">
            Only when you know the person controls this address; otherwise they confirm it themselves.
          </p>
        </div>
      </div>
      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create user"}
        </Button>
        <ButtonLink href="/users" variant="ghost">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
