"use client";

import { ButtonLink, type ButtonLinkProps } from "@plinto/ui";
import type { SignupCta } from "~/lib/events";
import { useConsent } from "./Consent";

/**
 * A sign-up button. When — and only when — the visitor accepted the cookie banner, pressing it
 * sends one event to this site's own /api/events; `keepalive` lets it finish while the browser
 * follows the link. Without consent (or without JavaScript) it is a plain link.
 */
export function TrackedCta({ cta, onClick, ...props }: ButtonLinkProps & { cta: SignupCta }) {
  const { choice } = useConsent();
  return (
    <ButtonLink
      {...props}
      data-cta={cta}
      onClick={(event) => {
        onClick?.(event);
        if (choice !== "granted") return;
        void fetch("/api/events", {
          method: "POST",
          keepalive: true,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ type: "signup_cta_click", cta, page: window.location.pathname }),
        }).catch(() => {
          // Counting a click must never stand between a visitor and the sign-up page.
        });
      }}
    />
  );
}
