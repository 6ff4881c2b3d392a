"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { browserSupportsWebAuthn, startRegistration, type RegistrationResponseJSON } from "@simplewebauthn/browser";
import type { PasskeyRegistrationOptions } from "@plinto/contracts";
import { Alert, Button, Field, Input } from "@plinto/ui";
import type { PasskeyActionResult, PasskeyView } from "../../_lib/passkey-view";
import { ceremonyProblem } from "./ceremony";

type ListResult = PasskeyActionResult<{ passkeys: PasskeyView[] }>;

export interface PasskeyManagerActions {
  registrationOptions: () => Promise<PasskeyActionResult<{ options: PasskeyRegistrationOptions }>>;
  add: (
    credential: RegistrationResponseJSON,
    name: string,
  ) => Promise<PasskeyActionResult<{ added: PasskeyView; recoveryCodes?: string[]; passkeys: PasskeyView[] }>>;
  rename: (passkeyId: string, name: string) => Promise<ListResult>;
  remove: (passkeyId: string) => Promise<ListResult>;
}

type Message = { kind: "done" | "error"; text: string; code?: string };

/**
 * The signed-in user's passkeys: the list (rendered on the server, so it shows without
 * JavaScript), and, once the page runs, adding one (named, through the browser's passkey prompt),
 * renaming and removing. Adding and removing need a recent sign-in; when it is too old the message
 * links to the sign-in page. Outcomes are announced (errors as alerts, the rest politely), and
 * focus moves to where the work continues.
 */
export function PasskeyManager({
  initialPasskeys,
  actions,
  signInHref,
}: {
  initialPasskeys: PasskeyView[];
  actions: PasskeyManagerActions;
  signInHref: string;
}) {
  const [passkeys, setPasskeys] = useState(initialPasskeys);
  const [hydrated, setHydrated] = useState(false);
  const [webauthn, setWebauthn] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<Message>();
  const [renaming, setRenaming] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  /** Recovery codes that came with the account's first second factor: shown until dismissed, never again. */
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const codesHeading = useRef<HTMLHeadingElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const renameInput = useRef<HTMLInputElement>(null);
  const addName = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  /** The id of an element to focus once it is on the page again (after a form closes). */
  const [focusNext, setFocusNext] = useState<string>();

  useEffect(() => {
    setHydrated(true);
    setWebauthn(browserSupportsWebAuthn());
  }, []);
  useEffect(() => {
    if (renaming) renameInput.current?.focus();
  }, [renaming]);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (recoveryCodes) codesHeading.current?.focus();
  }, [recoveryCodes]);
  useEffect(() => {
    if (!focusNext) return;
    document.getElementById(focusNext)?.focus();
    setFocusNext(undefined);
  }, [focusNext]);

  /** Closes the rename form or the removal question, focus back on the button that opened it. */
  const closeItemForm = (passkeyId: string, button: "rename" | "remove") => {
    setRenaming(undefined);
    setConfirming(undefined);
    setFocusNext(`passkey-${passkeyId}-${button}`);
  };

  const refused = (result: { code: string; message: string }) => setMessage({ kind: "error", text: result.message, code: result.code });

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = addName.current?.value ?? "";
    setBusy("add");
    setMessage(undefined);
    try {
      const start = await actions.registrationOptions();
      if (!start.ok) return refused(start);
      let credential: RegistrationResponseJSON;
      try {
        credential = await startRegistration({ optionsJSON: start.options });
      } catch (problem) {
        return setMessage({ kind: "error", text: ceremonyProblem(problem, "registration") });
      }
      const result = await actions.add(credential, name);
      if (!result.ok) return refused(result);
      setPasskeys(result.passkeys);
      if (addName.current) addName.current.value = "";
      setMessage({ kind: "done", text: `Passkey "${result.added.name}" added. You can now sign in with it.` });
      if (result.recoveryCodes) setRecoveryCodes(result.recoveryCodes);
    } catch {
      setMessage({ kind: "error", text: "Something went wrong. Check your connection and try again." });
    } finally {
      setBusy(undefined);
    }
  }

  async function rename(event: FormEvent<HTMLFormElement>, passkey: PasskeyView) {
    event.preventDefault();
    const name = renameInput.current?.value ?? "";
    setBusy(passkey.id);
    setMessage(undefined);
    try {
      const result = await actions.rename(passkey.id, name);
      if (!result.ok) return refused(result);
      setPasskeys(result.passkeys);
      setMessage({ kind: "done", text: `Passkey renamed to "${name.trim()}".` });
      closeItemForm(passkey.id, "rename");
    } catch {
      setMessage({ kind: "error", text: "Something went wrong. Check your connection and try again." });
    } finally {
      setBusy(undefined);
    }
  }

  async function remove(passkey: PasskeyView) {
    setBusy(passkey.id);
    setMessage(undefined);
    try {
      const result = await actions.remove(passkey.id);
      if (!result.ok) return refused(result);
      setPasskeys(result.passkeys);
      setConfirming(undefined);
      setMessage({ kind: "done", text: `Passkey "${passkey.name}" removed. It can no longer sign in to your account.` });
      heading.current?.focus();
    } catch {
      setMessage({ kind: "error", text: "Something went wrong. Check your connection and try again." });
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section aria-labelledby="passkeys-title" className="grid gap-4 border-t border-line pt-6">
      <div className="grid gap-1">
        <h2 id="passkeys-title" ref={heading} tabIndex={-1} className="text-base font-semibold text-ink outline-none">
          Passkeys
        </h2>
        <p className="text-sm text-muted">Sign in with your fingerprint, face or screen lock instead of a password.</p>
      </div>

      {message?.kind === "error" ? (
        <Alert variant="danger">
          <p>{message.text}</p>
          {message.code === "reauthentication_required" || message.code === "unauthorized" ? (
            <p>
              <a href={signInHref}>Sign in again</a>
            </p>
          ) : null}
        </Alert>
      ) : null}
      {message?.kind === "done" ? <Alert variant="success">{message.text}</Alert> : null}

      {recoveryCodes ? (
        <div role="group" aria-labelledby="passkey-recovery-codes-title" className="grid gap-3 rounded-card border border-line p-4">
          <h3 id="passkey-recovery-codes-title" ref={codesHeading} tabIndex={-1} className="text-sm font-semibold text-ink outline-none">
            Save your recovery codes
          </h3>
          <p className="text-sm text-muted">
            Your passkey now also guards sign-in with your password or an emailed code. If you lose it, each of these codes
            signs you in once instead. Print them or keep them in a password manager now: they will not be shown again.
          </p>
          <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded-md bg-ink px-4 py-3 font-mono text-sm text-white" data-testid="recovery-codes">
            {recoveryCodes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ol>
          <Button size="sm" variant="secondary" onClick={() => setRecoveryCodes(undefined)}>
            I&apos;ve saved my codes
          </Button>
        </div>
      ) : null}

      {passkeys.length === 0 ? (
        <p className="text-sm text-muted">You have no passkeys yet.</p>
      ) : (
        <ul className="grid gap-3" aria-label="Your passkeys">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="grid gap-3 rounded-card border border-line p-3" data-testid="passkey">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="font-medium break-words text-ink">{passkey.name}</p>
                  <p className="text-sm text-muted">{passkey.details}</p>
                </div>
                {hydrated && renaming !== passkey.id && confirming !== passkey.id ? (
                  <div className="flex gap-2">
                    <Button
                      id={`passkey-${passkey.id}-rename`}
                      size="sm"
                      variant="secondary"
                      aria-label={`Rename ${passkey.name}`}
                      disabled={busy !== undefined}
                      onClick={() => {
                        setConfirming(undefined);
                        setRenaming(passkey.id);
                      }}
                    >
                      Rename
                    </Button>
                    <Button
                      id={`passkey-${passkey.id}-remove`}
                      size="sm"
                      variant="ghost"
                      aria-label={`Remove ${passkey.name}`}
                      disabled={busy !== undefined}
                      onClick={() => {
                        setRenaming(undefined);
                        setConfirming(passkey.id);
                      }}
                    >
                      Remove
                    </Button>
                  </div>
                ) : null}
              </div>

              {renaming === passkey.id ? (
                <form
                  className="grid gap-3"
                  onSubmit={(event) => void rename(event, passkey)}
                  onKeyDown={(event) => {
                    if (event.key === "Escape") closeItemForm(passkey.id, "rename");
                  }}
                >
                  <Field label={`New name for "${passkey.name}"`}>
                    <Input id={`passkey-${passkey.id}-name`} ref={renameInput} name="name" defaultValue={passkey.name} maxLength={64} required autoComplete="off" />
                  </Field>
                  <div className="flex gap-2">
                    <Button type="submit" size="sm" disabled={busy !== undefined}>
                      {busy === passkey.id ? "Saving…" : "Save name"}
                    </Button>
                    <Button size="sm" variant="secondary" onClick={() => closeItemForm(passkey.id, "rename")}>
                      Cancel
                    </Button>
                  </div>
                </form>
              ) : null}

              {confirming === passkey.id ? (
                <div role="group" aria-labelledby={`passkey-${passkey.id}-confirm`} className="grid gap-3">
                  <p id={`passkey-${passkey.id}-confirm`} className="text-sm text-ink">
                    Remove &quot;{passkey.name}&quot;? It will no longer sign in to your account.
                  </p>
                  <div className="flex gap-2">
                    <Button ref={confirmButton} size="sm" variant="danger" disabled={busy !== undefined} onClick={() => void remove(passkey)}>
                      {busy === passkey.id ? "Removing…" : "Remove passkey"}
                    </Button>
                    <Button size="sm" variant="secondary" onClick={() => closeItemForm(passkey.id, "remove")}>
                      Keep it
                    </Button>
                  </div>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {hydrated && webauthn ? (
        <form className="grid gap-3" onSubmit={(event) => void add(event)}>
          <Field label="Name for a new passkey" hint="Optional. For example the device or password manager that keeps it.">
            <Input id="new-passkey-name" ref={addName} name="name" maxLength={64} autoComplete="off" />
          </Field>
          <Button type="submit" variant="secondary" className="w-full" disabled={busy !== undefined}>
            {busy === "add" ? "Waiting for your passkey…" : "Add a passkey"}
          </Button>
        </form>
      ) : hydrated ? (
        <p className="text-sm text-muted">This browser cannot create passkeys.</p>
      ) : null}
      {!hydrated ? (
        <noscript>
          <p className="text-sm text-muted">Adding and changing passkeys needs JavaScript.</p>
        </noscript>
      ) : null}
    </section>
  );
}
