"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * The admin's loading state: while a page is on its way after a click on a link (or a search
 * form's submit), a bar at the top and a polite status for screen readers; it goes when the new
 * page is there. Why not `loading.tsx`: its Suspense fallback is replaced by a script, so without
 * JavaScript every page would stay at "Loading…" for good, and the admin works without it (forms
 * post to server actions, searches are GET forms). Without JavaScript the browser's own loading
 * indicator does this job. Forms that post to a server action show their own pending state.
 */
export function NavigationStatus() {
  const location = `${usePathname()}?${useSearchParams().toString()}`;
  const [pending, setPending] = useState(false);

  // The new page arrived (or the same one again): done.
  useEffect(() => setPending(false), [location]);

  useEffect(() => {
    // Capture phase: Next's Link handles the click (and prevents the browser's navigation) first otherwise.
    const onClick = (event: MouseEvent) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(anchor instanceof HTMLAnchorElement) || (anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return; // only the #fragment changes
      setPending(true);
    };
    const onSubmit = (event: SubmitEvent) => {
      if (event.target instanceof HTMLFormElement && event.target.method === "get") setPending(true);
    };
    document.addEventListener("click", onClick, true);
    document.addEventListener("submit", onSubmit, true);
    return () => {
      document.removeEventListener("click", onClick, true);
      document.removeEventListener("submit", onSubmit, true);
    };
  }, []);

  // A navigation that never lands (the server did not answer) must not leave the bar up for good.
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setPending(false), 20_000);
    return () => clearTimeout(timer);
  }, [pending]);

  return (
    <>
      <div aria-hidden="true" className={`fixed inset-x-0 top-0 z-50 h-1 overflow-hidden ${pending ? "" : "hidden"}`}>
        <div className="h-full w-1/3 animate-pulse bg-brand-600" />
      </div>
      <p role="status" className="sr-only" data-testid="navigation-status">
        {pending ? "Loading the page…" : ""}
      </p>
    </>
  );
}
