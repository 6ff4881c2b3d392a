"use client";

import { Button } from "@plinto/ui";
import { usePathname } from "next/navigation";
import { createContext, use, useState, type FormEvent, type ReactNode } from "react";
import type { ConsentChoice } from "~/lib/consent";

interface ConsentState {
  /** The visitor's answer, or null while they have not given one. */
  choice: ConsentChoice | null;
  choose(choice: ConsentChoice): Promise<void>;
}

const ConsentContext = createContext<ConsentState>({ choice: null, choose: async () => {} });

export function useConsent(): ConsentState {
  return use(ConsentContext);
}

/**
 * Holds the visitor's answer for the page's scripts. It starts from what the server read in the
 * (HttpOnly) consent cookie; a new answer goes to POST /api/consent, which sets the cookie, and is
 * used here as soon as the server took it.
 */
export function ConsentProvider({ initial, children }: { initial: ConsentChoice | null; children: ReactNode }) {
  const [choice, setChoice] = useState<ConsentChoice | null>(initial);
  async function choose(next: ConsentChoice) {
    const response = await fetch("/api/consent", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ choice: next }),
    });
    if (!response.ok) throw new Error(`Your choice was not saved (HTTP ${response.status}).`);
    setChoice(next);
  }
  return <ConsentContext value={{ choice, choose }}>{children}</ConsentContext>;
}

/**
 * Accept / reject as a real form posting to /api/consent, so it works without JavaScript (the
 * server sets the cookie and sends the browser back to `returnTo`); with JavaScript the answer is
 * saved in place.
 */
export function ConsentForm({ returnTo, acceptLabel, rejectLabel }: { returnTo: string; acceptLabel: string; rejectLabel: string }) {
  const { choose } = useConsent();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const value = submitter?.value;
    if (value !== "granted" && value !== "denied") return;
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await choose(value);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "Your choice was not saved.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form action="/api/consent" method="post" onSubmit={onSubmit} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="returnTo" value={returnTo} />
      <Button type="submit" name="choice" value="granted" disabled={busy}>
        {acceptLabel}
      </Button>
      <Button type="submit" name="choice" value="denied" variant="secondary" disabled={busy}>
        {rejectLabel}
      </Button>
      {error ? (
        <p role="alert" className="w-full text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/**
 * The banner at the bottom of every page until the visitor answers. It is fixed to the viewport, so
 * showing or hiding it moves nothing else on the page (no layout shift).
 */
export function ConsentBanner({ cookiePolicyHref }: { cookiePolicyHref: string }) {
  const { choice } = useConsent();
  const returnTo = usePathname() || "/";
  if (choice !== null) return null;
  return (
    <section
      aria-labelledby="consent-title"
      className="fixed inset-x-0 bottom-0 z-40 border-t border-line bg-surface shadow-[0_-4px_16px_rgba(15,23,42,0.08)]"
    >
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-4 sm:px-6 md:flex-row md:items-center md:justify-between">
        <div className="max-w-3xl text-sm">
          <h2 id="consent-title" className="font-semibold text-ink">
            May we count sign-up clicks?
          </h2>
          <p className="mt-1 text-muted">
            With your yes, this site records which sign-up button you press and on which page — on our own server, with no identifier and no
            third party. With your no, it records nothing. Either answer is kept in one cookie.{" "}
            <a className="font-medium text-brand-700 underline" href={cookiePolicyHref}>
              Cookie policy
            </a>
          </p>
        </div>
        <ConsentForm returnTo={returnTo} acceptLabel="Accept" rejectLabel="Reject" />
      </div>
    </section>
  );
}

/** The cookie policy's settings: the current answer, and the buttons to change it. */
export function ConsentSettings() {
  const { choice } = useConsent();
  const now =
    choice === "granted"
      ? "You accepted: sign-up clicks are counted."
      : choice === "denied"
        ? "You rejected: nothing is recorded."
        : "You have not answered yet: nothing is recorded.";
  return (
    <div className="space-y-3">
      <p role="status" className="font-medium text-ink">
        {now}
      </p>
      <ConsentForm returnTo="/legal/cookies" acceptLabel="Accept counting" rejectLabel="Reject counting" />
    </div>
  );
}
