"use client";

import { useActionState } from "react";
import { Field, Input, buttonClasses } from "@plinto/ui";
import { initialFormState } from "../_lib/form-state";
import { FormMessage, SubmitButton, linkClasses, type BoundFormAction } from "./form-parts";

/** Email and password. An unconfirmed address gets a link to the page that confirms it. */
export function PasswordSignInForm({
  action,
  defaultEmail,
  forgotPasswordHref,
  verifyHref,
}: {
  action: BoundFormAction;
  defaultEmail?: string;
  forgotPasswordHref: string;
  verifyHref: string;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const help = state.code === "email_not_verified" ? <a href={verifyHref}>Enter the code from the email</a> : undefined;
  return (
    <form action={formAction} noValidate className="grid gap-4">
      <FormMessage state={state} help={help} />
      <Field label="Email address" error={state.fieldErrors?.email}>
        <Input
          id="email"
          name="email"
          type="email"
          // "webauthn" last: the browser may offer passkeys here (conditional UI, see PasskeySignIn).
          autoComplete="username webauthn"
          autoCapitalize="none"
          spellCheck={false}
          required
          defaultValue={state.values?.email ?? defaultEmail ?? ""}
        />
      </Field>
      <Field label="Password" error={state.fieldErrors?.password}>
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <p className="-mt-1 text-sm">
        <a href={forgotPasswordHref} className={linkClasses}>
          Forgot your password?
        </a>
      </p>
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}

/**
 * Sign-in without a password: ask for a mail with a link and a code, then type the code here (or
 * open the link). Collapsed behind a disclosure on the sign-in page; `<details>` needs no script.
 */
export function EmailSignInForm({
  requestAction,
  completeAction,
  collapsible = true,
  startOverHref,
}: {
  requestAction: BoundFormAction;
  completeAction: BoundFormAction;
  collapsible?: boolean;
  startOverHref: string;
}) {
  const [request, requestFormAction] = useActionState(requestAction, initialFormState);
  const [complete, completeFormAction] = useActionState(completeAction, initialFormState);
  // After a wrong code the request's state may be gone (without JavaScript only the last form's
  // state comes back), so the code form's own state carries the address too.
  const sentTo = complete.values?.email || (request.status === "done" ? request.values?.email : undefined);

  if (sentTo) {
    return (
      <section aria-labelledby="email-code-title" className="grid gap-4">
        <h2 id="email-code-title" className="text-base font-semibold text-ink">
          Sign in with the code from your email
        </h2>
        {request.status === "done" ? <FormMessage state={request} /> : null}
        <form action={completeFormAction} noValidate className="grid gap-4">
          <FormMessage state={complete} />
          <input type="hidden" name="email" value={sentTo} />
          <Field label="6-digit code" hint={`Sent to ${sentTo}`} error={complete.fieldErrors?.code ?? complete.fieldErrors?.email}>
            <Input id="email-code" name="code" inputMode="numeric" autoComplete="one-time-code" spellCheck={false} required />
          </Field>
          <SubmitButton pendingLabel="Signing in…">Sign in with code</SubmitButton>
        </form>
        <p className="text-sm">
          <a href={startOverHref} className={linkClasses}>
            Use a different email address
          </a>
        </p>
      </section>
    );
  }

  const form = (
    <form action={requestFormAction} noValidate className="grid gap-4">
      <FormMessage state={request} />
      <Field label="Email address" hint="We'll email you a link and a code; either signs you in." error={request.fieldErrors?.email}>
        <Input
          id="link-email"
          name="email"
          type="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          defaultValue={request.values?.email ?? ""}
        />
      </Field>
      <SubmitButton pendingLabel="Sending…" variant="secondary">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
  if (!collapsible) return form;
  return (
    <details open={request.status !== "idle"} className="group">
      <summary
        className={buttonClasses({
          variant: "secondary",
          className: "w-full cursor-pointer list-none group-open:mb-4 [&::-webkit-details-marker]:hidden",
        })}
      >
        Email me a sign-in link or code instead
      </summary>
      {form}
    </details>
  );
}
