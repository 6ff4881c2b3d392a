"use client";

import { Alert, Button, Field, Input } from "@plinto/ui";
import { browserSupportsWebAuthn, startRegistration, WebAuthnError } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ReauthPanel } from "~/components/ReauthPanel";
import { RecoveryCodeList } from "./RecoveryCodeList";
import { passkeyOptionsAction, registerPasskeyAction } from "./actions";

type Message = { kind: "done"; text: string } | { kind: "error"; text: string; code?: string };

const refusals: Record<string, string> = {
  passkey_registration_failed: "The passkey could not be checked, so it was not added. Try again.",
  conflict: "This passkey is already registered, or you have as many passkeys as an account may have.",
  unauthorized: "Your session has ended. Sign in again to go on.",
  validation_failed: "Give the passkey a name of at most 64 characters.",
  unavailable: "Plinto could not be reached. Try again in a moment.",
};

/** What to say when the browser's prompt gave no passkey: closed, timed out, already there, or not allowed here. */
function promptProblem(problem: unknown): string {
  const code = problem instanceof WebAuthnError ? problem.code : undefined;
  const name = problem instanceof Error ? (problem.cause instanceof Error ? problem.cause.name : problem.name) : undefined;
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED" || name === "InvalidStateError") return "This device already holds a passkey for your account.";
  if (name === "NotAllowedError" || name === "AbortError") return "The passkey prompt was closed or timed out, so no passkey was added.";
  if (name === "SecurityError") return "Passkeys do not work on this address; open the portal over https or on localhost.";
  return "Your browser could not create a passkey. Try again, or use another device.";
}

/**
 * Adding a passkey: a name, then the browser's own prompt (fingerprint, face, screen lock or a
 * security key). It needs JavaScript (the WebAuthn API); without it the page says so.
 */
export function PasskeyEnrolment() {
  const router = useRouter();
  const [supported, setSupported] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => setSupported(browserSupportsWebAuthn()), []);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = nameInput.current?.value.trim() ?? "";
    setBusy(true);
    setMessage(undefined);
    try {
      const start = await passkeyOptionsAction();
      if (!start.ok) return setMessage({ kind: "error", code: start.code, text: refusals[start.code] ?? `No passkey was added (${start.code}).` });
      let credential;
      try {
        credential = await startRegistration({ optionsJSON: start.options as Parameters<typeof startRegistration>[0]["optionsJSON"] });
      } catch (problem) {
        return setMessage({ kind: "error", text: promptProblem(problem) });
      }
      const added = await registerPasskeyAction({ credential, ...(name ? { name } : {}) });
      if (!added.ok) return setMessage({ kind: "error", code: added.code, text: refusals[added.code] ?? `No passkey was added (${added.code}).` });
      if (nameInput.current) nameInput.current.value = "";
      setMessage({ kind: "done", text: `Passkey "${added.name}" added. You can sign in with it now.` });
      if (added.recoveryCodes) setRecoveryCodes(added.recoveryCodes);
      router.refresh();
    } catch {
      setMessage({ kind: "error", text: "Something went wrong. Check your connection and try again." });
    } finally {
      setBusy(false);
    }
  }

  if (supported === false) {
    return <p className="text-sm text-muted">This browser cannot create passkeys. Open this page in a current browser to add one.</p>;
  }
  return (
    <div className="space-y-3">
      {supported === null ? (
        // Until the page runs (and for good without JavaScript) the button stays off, and says why.
        <p className="text-sm text-muted">Adding a passkey needs JavaScript: your browser&apos;s passkey prompt is started from the page.</p>
      ) : null}
      {message?.kind === "error" && message.code === "reauthentication_required" ? (
        <ReauthPanel returnTo="/security#passkeys" what="Adding a passkey" />
      ) : message ? (
        <Alert variant={message.kind === "done" ? "success" : "danger"}>{message.text}</Alert>
      ) : null}
      {recoveryCodes ? (
        <div className="space-y-2">
          <h3 className="font-semibold">Save your recovery codes</h3>
          <p className="text-sm text-muted">Your passkey is now also your second factor. If you lose it, each code signs you in once instead. They are not shown again.</p>
          <RecoveryCodeList codes={recoveryCodes} />
        </div>
      ) : null}
      <form onSubmit={add} className="flex flex-wrap items-end gap-3" aria-label="Add a passkey">
        <Field label="Passkey name" hint="Optional: the device or key it lives on, to tell your passkeys apart.">
          <Input ref={nameInput} name="name" maxLength={64} className="max-w-xs" />
        </Field>
        <Button type="submit" disabled={busy || supported === null}>
          {busy ? "Waiting for your device…" : "Add a passkey"}
        </Button>
      </form>
    </div>
  );
}
