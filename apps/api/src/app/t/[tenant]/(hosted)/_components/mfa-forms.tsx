"use client";

import type { ReactNode } from "react";
import { useActionState } from "react";
import { Alert, ButtonLink, Field, Input } from "@plinto/ui";
import { initialFormState } from "../_lib/form-state";
import type { MfaFormState, MfaPageMethod } from "../_lib/mfa-form-state";
import { FormMessage, SubmitButton, linkClasses, type BoundFormAction } from "./form-parts";

type BoundMfaAction = (previous: MfaFormState, formData: FormData) => Promise<MfaFormState>;

/** A refusal that ended the pending sign-in (or needs a fresh one) gets the way back to the start. */
function restartHelp(code: string | undefined, signInHref: string): ReactNode {
  return code === "unauthorized" || code === "reauthentication_required" ? <a href={signInHref}>Sign in again</a> : undefined;
}

function CodeForm({
  action,
  id,
  label,
  hint,
  submitLabel,
  signInHref,
  inputMode = "numeric",
  autoComplete = "one-time-code",
}: {
  action: BoundFormAction;
  id: string;
  label: string;
  hint?: string;
  submitLabel: string;
  signInHref: string;
  inputMode?: "numeric" | "text";
  autoComplete?: string;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} noValidate className="grid gap-4">
      <FormMessage state={state} help={restartHelp(state.code, signInHref)} />
      <Field label={label} hint={hint} error={state.fieldErrors?.code}>
        <Input
          id={id}
          name="code"
          inputMode={inputMode}
          autoComplete={autoComplete}
          autoCapitalize={inputMode === "text" ? "characters" : "none"}
          spellCheck={false}
          required
        />
      </Field>
      <SubmitButton pendingLabel="Checking…">{submitLabel}</SubmitButton>
    </form>
  );
}

/** An emailed code: a button that sends it, then (once sent, or after a wrong code) the field for it. */
function EmailCodeForms({ sendAction, completeAction, signInHref }: { sendAction: BoundFormAction; completeAction: BoundFormAction; signInHref: string }) {
  const [sent, sendFormAction] = useActionState(sendAction, initialFormState);
  const [complete, completeFormAction] = useActionState(completeAction, initialFormState);
  // Without JavaScript only the last form's state comes back: a wrong code keeps the field shown.
  const showCode = sent.status === "done" || complete.status !== "idle";
  return (
    <details open={sent.status !== "idle" || complete.status !== "idle"} className="group grid gap-4">
      <summary className={`${linkClasses} cursor-pointer text-sm`}>Get a code by email instead</summary>
      <div className="mt-4 grid gap-4">
        <form action={sendFormAction} noValidate className="grid gap-4">
          <FormMessage state={sent} help={restartHelp(sent.code, signInHref)} />
          <SubmitButton pendingLabel="Sending…" variant="secondary">
            {showCode ? "Send a new code" : "Email me a code"}
          </SubmitButton>
        </form>
        {showCode ? (
          <form action={completeFormAction} noValidate className="grid gap-4">
            <FormMessage state={complete} help={restartHelp(complete.code, signInHref)} />
            <Field label="6-digit code from the email" error={complete.fieldErrors?.code}>
              <Input id="mfa-email-code" name="code" inputMode="numeric" autoComplete="one-time-code" spellCheck={false} required />
            </Field>
            <SubmitButton pendingLabel="Checking…">Verify email code</SubmitButton>
          </form>
        ) : null}
      </div>
    </details>
  );
}

/**
 * The second step of signing in: the authenticator code first, then (behind disclosures, which
 * need no script) a recovery code and an emailed code, as the pending sign-in allows. `passkey`
 * is where the passkey sign-in button goes.
 */
export function MfaChallengeForms({
  methods,
  expired,
  actions,
  passkey,
  signInHref,
}: {
  methods: MfaPageMethod[];
  expired: boolean;
  actions: { totp: BoundFormAction; recoveryCode: BoundFormAction; emailCode: BoundFormAction; sendEmailCode: BoundFormAction };
  passkey?: ReactNode;
  signInHref: string;
}) {
  return (
    <div className="grid gap-6">
      {expired ? (
        <Alert variant="warning" title="This sign-in has expired">
          <p>
            For your security, a sign-in waits 10 minutes for its second step. <a href={signInHref}>Sign in again</a>
          </p>
        </Alert>
      ) : null}
      {methods.includes("totp") ? (
        <CodeForm
          action={actions.totp}
          id="totp-code"
          label="6-digit code"
          hint="Open your authenticator app and enter the code it shows for this account."
          submitLabel="Verify"
          signInHref={signInHref}
        />
      ) : null}
      {/* The passkey option (methods include "passkey"): rendered by the passkey flow's own component. */}
      {methods.includes("passkey") ? passkey : null}
      {methods.includes("recovery_code") ? (
        <details className="grid gap-4">
          <summary className={`${linkClasses} cursor-pointer text-sm`}>Use a recovery code</summary>
          <div className="mt-4">
            <CodeForm
              action={actions.recoveryCode}
              id="recovery-code"
              label="Recovery code"
              hint="One of the codes you saved when you set up two-step verification, like ABCDE-12345. Each works once."
              submitLabel="Use recovery code"
              signInHref={signInHref}
              inputMode="text"
              autoComplete="off"
            />
          </div>
        </details>
      ) : null}
      {methods.includes("email_code") ? (
        <EmailCodeForms sendAction={actions.sendEmailCode} completeAction={actions.emailCode} signInHref={signInHref} />
      ) : null}
    </div>
  );
}

/** The ten recovery codes, shown once, and the way on. */
function RecoveryCodes({ codes, continueHref }: { codes: string[]; continueHref: string }) {
  return (
    <section aria-labelledby="recovery-codes-title" className="grid gap-4">
      <h2 id="recovery-codes-title" className="text-base font-semibold text-ink">
        Save your recovery codes
      </h2>
      <p className="text-sm text-muted">
        If you lose your phone, each of these codes signs you in once instead of a code from the app. Print them or keep
        them in a password manager now: they will not be shown again.
      </p>
      <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded-md bg-ink px-4 py-3 font-mono text-sm text-white" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <ButtonLink href={continueHref} className="w-full">
        I&apos;ve saved my codes, continue
      </ButtonLink>
    </section>
  );
}

export interface EnrolmentView {
  qrCode: string;
  /** The secret key, grouped for reading. */
  key: string;
  issuer: string;
  label: string;
}

/**
 * Setting up an authenticator app: a button that starts (POST, so opening the page changes
 * nothing), then the QR code, the key for typing in by hand, and the field for the first code;
 * once confirmed, the recovery codes.
 */
export function TotpEnrolmentForms({
  status,
  enrolment,
  startAction,
  confirmAction,
  signInHref,
  due,
}: {
  status: "start" | "pending" | "expired";
  enrolment?: EnrolmentView;
  startAction: BoundFormAction;
  confirmAction: BoundMfaAction;
  signInHref: string;
  /** The tenant requires a second factor from `by`; until then the person may go on without one. */
  due?: { by: string; skipAction: () => Promise<void> };
}) {
  const [started, startFormAction] = useActionState(startAction, initialFormState);
  const [confirmed, confirmFormAction] = useActionState(confirmAction, initialFormState as MfaFormState);

  if (confirmed.status === "done") {
    return (
      <div className="grid gap-6">
        <FormMessage state={confirmed} />
        {confirmed.recoveryCodes ? (
          <RecoveryCodes codes={confirmed.recoveryCodes} continueHref={confirmed.continueHref ?? signInHref} />
        ) : (
          <ButtonLink href={confirmed.continueHref ?? signInHref} className="w-full">
            Continue
          </ButtonLink>
        )}
      </div>
    );
  }

  if (status === "expired") {
    return (
      <Alert variant="warning" title="This sign-in has expired">
        <p>
          {confirmed.status === "error" && confirmed.message ? `${confirmed.message}. ` : null}
          <a href={signInHref}>Sign in again</a> to set up two-step verification.
        </p>
      </Alert>
    );
  }

  const notice = due ? (
    <Alert variant="info" title="Two-step verification will be required">
      <p>Set it up now, or by {due.by}; after that day you will need it to sign in.</p>
    </Alert>
  ) : null;
  const skip = due ? (
    <form action={due.skipAction}>
      <button type="submit" className={`${linkClasses} w-full cursor-pointer text-center text-sm`}>
        Not now, continue without it
      </button>
    </form>
  ) : null;

  if (status === "start" || !enrolment) {
    return (
      <div className="grid gap-6">
        {notice}
        <form action={startFormAction} className="grid gap-4">
          <FormMessage state={started} help={restartHelp(started.code, signInHref)} />
          <p className="text-sm text-muted">
            You&apos;ll need an authenticator app on your phone, such as Google Authenticator, Microsoft Authenticator,
            1Password or Authy.
          </p>
          <SubmitButton pendingLabel="Starting…">Set up an authenticator app</SubmitButton>
        </form>
        {skip}
      </div>
    );
  }

  return (
    <div className="grid gap-6">
      {notice}
      <ol className="grid list-decimal gap-4 pl-5 text-sm text-ink">
        <li>
          <p>Open your authenticator app and scan this QR code.</p>
          {/* A data: URL generated here; next/image has nothing to optimise. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={enrolment.qrCode}
            alt={`QR code to add ${enrolment.issuer} (${enrolment.label}) to an authenticator app`}
            width={192}
            height={192}
            className="mt-3 rounded-md border border-line bg-white p-2"
          />
        </li>
        <li>
          <p>Can&apos;t scan it? Enter this key in the app instead (time-based):</p>
          <p className="mt-2">
            <code className="rounded-md bg-ink px-2 py-1 font-mono text-sm break-all text-white" data-testid="totp-key" aria-label="Secret key">
              {enrolment.key}
            </code>
          </p>
        </li>
        <li>
          <p>Enter the 6-digit code the app shows.</p>
        </li>
      </ol>
      <form action={confirmFormAction} noValidate className="grid gap-4">
        <FormMessage state={confirmed} help={restartHelp(confirmed.code, signInHref)} />
        <Field label="6-digit code" error={confirmed.fieldErrors?.code}>
          <Input id="totp-confirm-code" name="code" inputMode="numeric" autoComplete="one-time-code" spellCheck={false} required />
        </Field>
        <SubmitButton pendingLabel="Checking…">Turn on two-step verification</SubmitButton>
      </form>
      <form action={startFormAction} className="grid gap-4">
        <FormMessage state={started} help={restartHelp(started.code, signInHref)} />
        <SubmitButton pendingLabel="Starting…" variant="ghost">
          Start over with a new key
        </SubmitButton>
      </form>
      {skip}
    </div>
  );
}
