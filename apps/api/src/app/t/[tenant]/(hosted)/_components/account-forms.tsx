"use client";

import type { ReactNode } from "react";
import { useActionState } from "react";
import { Field, Input } from "@plinto/ui";
import { initialFormState } from "../_lib/form-state";
import { FormMessage, SubmitButton, linkClasses, type BoundFormAction } from "./form-parts";

function EmailField({ id = "email", error, defaultValue, hint }: { id?: string; error?: string; defaultValue?: string; hint?: string }) {
  return (
    <Field label="Email address" hint={hint} error={error}>
      <Input
        id={id}
        name="email"
        type="email"
        autoComplete="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        defaultValue={defaultValue ?? ""}
      />
    </Field>
  );
}

/** The NIST rules in one line: length, not composition. */
export function passwordHint(minLength: number): string {
  return `At least ${minLength} characters. Long passphrases are welcome; spaces and any characters count.`;
}

export function SignUpForm({ action, minLength }: { action: BoundFormAction; minLength: number }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} noValidate className="grid gap-4">
      <FormMessage state={state} />
      <EmailField error={state.fieldErrors?.email} defaultValue={state.values?.email} />
      <Field label="Password" hint={passwordHint(minLength)} error={state.fieldErrors?.password}>
        <Input id="password" name="password" type="password" autoComplete="new-password" minLength={minLength} required />
      </Field>
      <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
    </form>
  );
}

/** The address and the six digits from the confirmation mail. */
export function VerifyCodeForm({ action, defaultEmail }: { action: BoundFormAction; defaultEmail?: string }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} noValidate className="grid gap-4">
      <FormMessage state={state} />
      <EmailField error={state.fieldErrors?.email} defaultValue={state.values?.email ?? defaultEmail} />
      <Field label="6-digit code" error={state.fieldErrors?.code}>
        <Input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" spellCheck={false} required />
      </Field>
      <SubmitButton pendingLabel="Confirming…">Confirm email address</SubmitButton>
    </form>
  );
}

/** A new confirmation mail, behind a disclosure so the page leads with the code. */
export function ResendVerificationForm({ action, defaultEmail }: { action: BoundFormAction; defaultEmail?: string }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <details open={state.status !== "idle"} className="text-sm">
      <summary className={`${linkClasses} cursor-pointer`}>Didn&apos;t get the email?</summary>
      <form action={formAction} noValidate className="mt-4 grid gap-4">
        <p className="text-muted">Check your spam folder, or have a new code sent. Only the newest code works.</p>
        <FormMessage state={state} />
        <EmailField id="resend-email" error={state.fieldErrors?.email} defaultValue={state.values?.email ?? defaultEmail} />
        <SubmitButton pendingLabel="Sending…" variant="secondary">
          Send a new code
        </SubmitButton>
      </form>
    </details>
  );
}

/**
 * A mailed link's one-time token, spent only when the person presses the button (a POST): mail
 * scanners that open links do not use it up.
 */
export function ConfirmLinkForm({
  action,
  token,
  submitLabel,
  pendingLabel,
  failureHelp,
}: {
  action: BoundFormAction;
  token: string;
  submitLabel: string;
  pendingLabel: string;
  failureHelp?: ReactNode;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="grid gap-4">
      <FormMessage state={state} help={failureHelp} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
    </form>
  );
}

export function ForgotPasswordForm({ action }: { action: BoundFormAction }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} noValidate className="grid gap-4">
      <FormMessage state={state} />
      <EmailField error={state.fieldErrors?.email} defaultValue={state.values?.email} />
      <SubmitButton pendingLabel="Sending…">Email me a reset link</SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({
  action,
  token,
  minLength,
  forgotPasswordHref,
}: {
  action: BoundFormAction;
  token: string;
  minLength: number;
  forgotPasswordHref: string;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const help = state.code === "invalid_verification" ? <a href={forgotPasswordHref}>Ask for a new reset link</a> : undefined;
  return (
    <form action={formAction} noValidate className="grid gap-4">
      <FormMessage state={state} help={help} />
      <input type="hidden" name="token" value={token} />
      <Field label="New password" hint={passwordHint(minLength)} error={state.fieldErrors?.password}>
        <Input id="password" name="password" type="password" autoComplete="new-password" minLength={minLength} required />
      </Field>
      <SubmitButton pendingLabel="Saving…">Set new password</SubmitButton>
    </form>
  );
}
