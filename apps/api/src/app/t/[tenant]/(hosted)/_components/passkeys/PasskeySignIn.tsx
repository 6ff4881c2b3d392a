"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  WebAuthnAbortService,
  type AuthenticationResponseJSON,
} from "@simplewebauthn/browser";
import type { PasskeyAuthenticationOptions } from "@plinto/contracts";
import { Alert, Button } from "@plinto/ui";
import type { PasskeyActionResult } from "../../_lib/passkey-view";
import { ceremonyProblem } from "./ceremony";

export type PasskeySignInOptionsAction = () => Promise<PasskeyActionResult<{ options: PasskeyAuthenticationOptions }>>;
export type PasskeySignInAction = (credential: AuthenticationResponseJSON) => Promise<PasskeyActionResult<{ next: string }>>;

/**
 * Sign-in with a passkey, two ways: a button that opens the browser's passkey prompt, and the
 * browser's autofill ("conditional UI"): while the page is open, a passkey request waits on the
 * email field (`autocomplete="username webauthn"`), and choosing a passkey there signs in at once.
 * Shown only where the browser has WebAuthn (after hydration; without JavaScript the page's other
 * ways to sign in stay). On success the browser goes where the server says: back to a pending
 * application sign-in, or the signed-in page.
 */
export function PasskeySignIn({
  optionsAction,
  signInAction,
  autofill = true,
  label = "Sign in with a passkey",
  signInHref,
}: {
  optionsAction: PasskeySignInOptionsAction;
  signInAction: PasskeySignInAction;
  /** Also wait for a passkey picked from the email field's autofill (the sign-in page has one). */
  autofill?: boolean;
  label?: string;
  /** Where to start over when the server says the sign-in is gone (`unauthorized`). */
  signInHref?: string;
}) {
  const [supported, setSupported] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; code?: string }>();
  const [status, setStatus] = useState("");
  /** Bumped whenever a ceremony starts or the component goes: a stale autofill request gives up. */
  const generation = useRef(0);
  /** Set once signed in: the page is leaving, and nothing may start another sign-in. */
  const signedIn = useRef(false);
  // The actions as the latest render gave them. Setting the cookie makes Next refresh the page,
  // which hands over new action references; the effect below must not start again for that.
  const actions = useRef({ optionsAction, signInAction });
  useEffect(() => {
    actions.current = { optionsAction, signInAction };
  }, [optionsAction, signInAction]);

  /** Sends the assertion; true when signed in (the page is then leaving). */
  const finish = useCallback(async (credential: AuthenticationResponseJSON) => {
    setError(undefined);
    setStatus("Checking your passkey…");
    const result = await actions.current.signInAction(credential);
    if (result.ok) {
      signedIn.current = true;
      setStatus("Signed in. Continuing…");
      window.location.assign(result.next);
      return true;
    }
    setStatus("");
    setError({ message: result.message, code: result.code });
    return false;
  }, []);

  /**
   * Keeps a conditional (autofill) request open. After a refused passkey it is not offered again
   * by itself (the button still works): a browser that answers autofill without asking would
   * otherwise try the same refused passkey over and over.
   */
  const offerAutofill = useCallback(async () => {
    const mine = ++generation.current;
    try {
      if (!autofill || signedIn.current || !(await browserSupportsWebAuthnAutofill())) return;
      const start = await actions.current.optionsAction();
      if (!start.ok || generation.current !== mine) return;
      let credential: AuthenticationResponseJSON;
      try {
        credential = await startAuthentication({ optionsJSON: start.options, useBrowserAutofill: true });
      } catch {
        return; // cancelled: the button took over, or the page is going
      }
      if (generation.current === mine && !signedIn.current) await finish(credential);
    } catch {
      // The page is going (a form was sent) or the network is down: autofill just stays off.
    }
  }, [autofill, finish]);

  useEffect(() => {
    if (!browserSupportsWebAuthn()) return;
    setSupported(true);
    void offerAutofill();
    return () => {
      generation.current += 1;
      WebAuthnAbortService.cancelCeremony();
    };
  }, [offerAutofill]);

  async function signInWithPasskey() {
    generation.current += 1; // the autofill request gives way (startAuthentication aborts it)
    setBusy(true);
    setError(undefined);
    setStatus("Waiting for your passkey…");
    let done = false;
    try {
      const start = await actions.current.optionsAction();
      if (!start.ok) {
        setStatus("");
        setError({ message: start.message, code: start.code });
        return;
      }
      let credential: AuthenticationResponseJSON;
      try {
        credential = await startAuthentication({ optionsJSON: start.options });
      } catch (problem) {
        setStatus("");
        setError({ message: ceremonyProblem(problem, "sign-in") });
        void offerAutofill(); // nothing was refused: autofill may offer the passkeys again
        return;
      }
      done = await finish(credential);
    } catch {
      setStatus("");
      setError({ message: "Something went wrong. Check your connection and try again." });
    } finally {
      if (!done) setBusy(false);
    }
  }

  if (!supported) return null;
  return (
    <div className="grid gap-3">
      {error ? (
        <Alert variant="danger">
          <p>{error.message}</p>
          {error.code === "unauthorized" && signInHref ? (
            <p>
              <a href={signInHref}>Sign in again</a>
            </p>
          ) : null}
        </Alert>
      ) : null}
      <Button type="button" variant="secondary" className="w-full" disabled={busy} onClick={() => void signInWithPasskey()}>
        {busy ? "Waiting for your passkey…" : label}
      </Button>
      <p aria-live="polite" className="sr-only">
        {status}
      </p>
    </div>
  );
}
