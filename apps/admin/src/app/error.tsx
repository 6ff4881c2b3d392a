"use client";

import { PageError } from "~/components/PageStates";

/** Every admin page's error state, with a retry (a page's own expected problems show inside the page). */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError digest={error.digest} reset={reset} />;
}
