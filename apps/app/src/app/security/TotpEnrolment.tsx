"use client";

import { Alert, Button, ButtonLink, Field, Input } from "@plinto/ui";
import { useActionState } from "react";
import { ReauthPanel } from "~/components/ReauthPanel";
import { RecoveryCodeList } from "./RecoveryCodeList";
import { totpAction, type TotpState } from "./actions";

const errorWords: Record<string, string> = {
  invalid_code_format: "Type the 6-digit code your app shows now.",
  invalid_verification: "That code did not match, or the setup expired. Check the time on your phone and type the code your app shows now.",
  conflict: "You already have an authenticator app. Remove it first to set up another.",
  unauthorized: "Your session has ended. Sign in again to go on.",
};
const words = (code: string) => errorWords[code] ?? `The app was not set up (${code}). Try again.`;

/**
 * Setting up an authenticator app: a button gets a secret and its QR code; a code from the app
 * confirms it. Both steps are plain forms, so they work without JavaScript too. Pages render it
 * where it always is, `offer` saying whether to offer the setup: without JavaScript the page
 * after confirming is a fresh render that already lists the app, and the recovery codes must
 * still show there, once.
 */
export function TotpEnrolment({ offer = true, doneHref = "/security?done=totp-on#two-factor" }: { offer?: boolean; doneHref?: string }) {
  const [state, action, pending] = useActionState<TotpState, FormData>(totpAction, { status: "idle" });
  if (state.status !== "confirmed" && !offer) return null;

  if (state.status === "confirmed") {
    return (
      <div className="space-y-3">
        <Alert variant="success" title="Authenticator app added">
          Signing in now asks for a code from it after your password.
        </Alert>
        {state.recoveryCodes.length > 0 ? (
          <div className="space-y-2">
            <h3 className="font-semibold">Save your recovery codes</h3>
            <p className="text-sm text-muted">
              If you lose your phone, each code signs you in once instead. Print them or keep them in a password manager now: they are not shown again.
            </p>
            <RecoveryCodeList codes={state.recoveryCodes} />
          </div>
        ) : null}
        <ButtonLink href={doneHref} variant="secondary">
          {state.recoveryCodes.length > 0 ? "I've saved my codes" : "Done"}
        </ButtonLink>
      </div>
    );
  }

  const error = state.error;
  return (
    <div className="space-y-4">
      {error === "reauthentication_required" ? <ReauthPanel returnTo="/security" what="Adding an authenticator app" /> : error ? <Alert variant="danger">{words(error)}</Alert> : null}
      {state.status === "started" ? (
        <form action={action} className="space-y-4" aria-labelledby="totp-setup-title">
          <h3 id="totp-setup-title" className="font-semibold">
            Scan this code with your authenticator app
          </h3>
          <div className="flex flex-wrap items-start gap-6">
            {/* eslint-disable-next-line @next/next/no-img-element -- a data: URI from the API, nothing to optimise */}
            <img src={state.qrCode} alt={`QR code to add ${state.label} to an authenticator app`} width={180} height={180} className="rounded-md border border-line bg-white p-2" />
            <div className="space-y-2 text-sm">
              <p>Or type this key into the app by hand:</p>
              <p>
                <code className="rounded bg-canvas px-2 py-1 font-mono text-base break-all" data-testid="totp-secret">
                  {state.secret}
                </code>
              </p>
              <p className="text-muted">
                Account: {state.label} · Issuer: {state.issuer}
              </p>
            </div>
          </div>
          <input type="hidden" name="step" value="confirm" />
          <Field label="Code from the app" hint="6 digits; it changes every 30 seconds.">
            <Input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" maxLength={7} required className="max-w-40" />
          </Field>
          <Button type="submit" disabled={pending}>
            {pending ? "Checking…" : "Confirm and turn on"}
          </Button>
        </form>
      ) : (
        <form action={action}>
          <input type="hidden" name="step" value="start" />
          <Button type="submit" disabled={pending}>
            {pending ? "Starting…" : "Set up an authenticator app"}
          </Button>
        </form>
      )}
    </div>
  );
}
