import { Alert, EmptyState, PageFrame } from "@plinto/ui";
import type { ReactNode } from "react";
import { ReauthPanel, SignInButton } from "./ReauthPanel";

export { ReauthPanel };

/** The frame of every signed-in page of the portal: "Your account" above the title, a lead, the content. */
export function AccountPage(props: { title: string; lead?: ReactNode; action?: ReactNode; children: ReactNode }) {
  return (
    <PageFrame eyebrow="Your account" title={props.title} lead={props.lead} action={props.action}>
      {props.children}
    </PageFrame>
  );
}

/** What a page of the portal shows to someone signed out, or whose session has ended. */
export function SignInFirst({ what, returnTo }: { what: string; returnTo: string }) {
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <EmptyState
        headingLevel={2}
        title={`Sign in to see ${what}`}
        description="This page is about your own account. Sign in, and you come straight back here."
        action={<SignInButton returnTo={returnTo}>Sign in</SignInButton>}
      />
    </div>
  );
}

/** Words for the API's refusals that every page shares; a page passes its own for the rest. */
const commonErrors: Record<string, string> = {
  unauthorized: "Your session has ended. Sign in again to go on.",
  not_found: "That is not there any more; the page now shows how things stand.",
  forbidden: "Your role does not allow that.",
  rate_limited: "Too many attempts in a short time. Wait a minute and try again.",
  validation_failed: "Some of what was sent was not valid; check it and try again.",
  unavailable: "Plinto could not be reached. Try again in a moment.",
};

/**
 * The outcome of the last action, from the page's URL (`?done=` / `?error=`): a success or an
 * error in the page's own words, or, when the API asked for a recent sign-in, the confirm step.
 */
export function Outcome(props: { done: string; error: string; returnTo: string; doneText: Record<string, string>; errorText?: Record<string, string> }) {
  if (props.error === "reauthentication_required") return <ReauthPanel returnTo={props.returnTo} />;
  if (props.error) {
    const text = props.errorText?.[props.error] ?? commonErrors[props.error] ?? `Plinto refused that (${props.error}). Nothing was changed.`;
    return (
      <Alert variant="danger" title="That did not work">
        {text}
      </Alert>
    );
  }
  const done = props.doneText[props.done];
  return done ? (
    <Alert variant="success" title="Done">
      {done}
    </Alert>
  ) : null;
}

/** A section of a page: a heading the section is named by, a line about it, then its content. */
export function Section(props: { id: string; title: string; lead?: ReactNode; children: ReactNode; action?: ReactNode }) {
  return (
    <section aria-labelledby={`${props.id}-title`} className="space-y-4 rounded-card border border-line bg-surface p-5 sm:p-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={`${props.id}-title`} className="text-xl font-bold tracking-tight">
            {props.title}
          </h2>
          {props.lead ? <p className="mt-1 max-w-3xl text-sm text-muted">{props.lead}</p> : null}
        </div>
        {props.action}
      </div>
      {props.children}
    </section>
  );
}
