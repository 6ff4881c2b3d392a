import type { ReactNode } from "react";
import { Card } from "@plinto/ui";

/** The centred card every hosted page is: its one `h1`, a line under it, then the page's content. */
export function HostedCard({ title, description, children }: { title: ReactNode; description?: ReactNode; children: ReactNode }) {
  return (
    <Card as="section" aria-labelledby="page-title" className="grid gap-6 p-6 sm:p-8">
      <header className="grid gap-1">
        <h1 id="page-title" className="text-2xl font-semibold tracking-tight text-ink">
          {title}
        </h1>
        {description ? <p className="text-sm text-muted">{description}</p> : null}
      </header>
      {children}
    </Card>
  );
}

/** A link in running text, in the tenant's colour. */
export function TextLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} className="font-medium text-brand-700 underline underline-offset-4 hover:text-brand-800">
      {children}
    </a>
  );
}

/** A rule with a word in it, between two ways of doing the same thing. */
export function OrDivider() {
  return (
    <div className="flex items-center gap-3 text-sm text-muted">
      <span aria-hidden="true" className="h-px flex-1 bg-line" />
      <span>or</span>
      <span aria-hidden="true" className="h-px flex-1 bg-line" />
    </div>
  );
}
