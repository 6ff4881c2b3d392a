"use client";

import { Alert, Button, ButtonLink } from "@plinto/ui";
import { useRouter } from "next/navigation";
import { useTransition } from "react";

/**
 * The loading and error states every admin page shares (app/loading.tsx and app/error.tsx use
 * them, so each page has them without a copy of its own). Empty states belong to each list, in
 * its own words (EmptyState from @plinto/ui).
 */

/** While a page's data is on its way: a polite live status and the page's rough shape. */
export function PageLoading({ what = "this page" }: { what?: string }) {
  return (
    <div className="mx-auto max-w-6xl space-y-8 px-4 py-10 sm:px-6" aria-busy="true">
      <p role="status" className="text-sm font-medium text-muted">
        Loading {what}…
      </p>
      <div aria-hidden="true" className="animate-pulse space-y-4">
        <div className="h-8 w-64 rounded bg-line" />
        <div className="h-4 w-full max-w-2xl rounded bg-line" />
        <div className="h-40 w-full rounded-card bg-line/60" />
        <div className="h-40 w-full rounded-card bg-line/60" />
      </div>
    </div>
  );
}

/**
 * When a page failed to render (the API answered something unexpected, or not at all): what
 * happened, a retry that asks the server again, and a way home. The error's text is not shown:
 * in production it is a digest, which is offered as a reference for the logs.
 */
export function PageError({ digest, reset }: { digest?: string | undefined; reset: () => void }) {
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <Alert variant="danger" title="This page could not be loaded">
        <p>The management API did not answer as expected, or could not be reached. Nothing was changed.</p>
        {digest ? (
          <p className="mt-2 text-sm">
            Reference: <code className="font-mono">{digest}</code>
          </p>
        ) : null}
        <div className="mt-4 flex flex-wrap gap-3">
          <Button
            type="button"
            disabled={retrying}
            onClick={() =>
              startRetry(() => {
                // Fetch the server components again, then re-render the failed segment with them.
                router.refresh();
                reset();
              })
            }
          >
            {retrying ? "Trying again…" : "Try again"}
          </Button>
          <ButtonLink href="/" variant="ghost">
            Go to the overview
          </ButtonLink>
        </div>
      </Alert>
    </div>
  );
}
