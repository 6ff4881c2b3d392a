"use client";

import { Alert, Button, ButtonLink } from "@plinto/ui";
import { useRouter } from "next/navigation";
import { useTransition } from "react";

/**
 * The error state every admin page shares (app/error.tsx), so no page needs a copy of its own.
 * The loading state is NavigationStatus; empty states belong to each list, in its own words
 * (EmptyState from @plinto/ui).
 */

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
