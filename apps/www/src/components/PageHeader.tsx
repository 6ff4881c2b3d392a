import { Badge } from "@plinto/ui";
import type { ReactNode } from "react";

/** The top of a content page: an optional kicker, the page's one h1, and an introduction. */
export function PageHeader({ kicker, title, intro, badge, children }: { kicker?: string; title: string; intro?: ReactNode; badge?: ReactNode; children?: ReactNode }) {
  return (
    <section aria-labelledby="page-title" className="border-b border-line bg-surface">
      <div className="mx-auto max-w-6xl px-4 py-14 sm:px-6">
        {kicker ? <p className="text-sm font-semibold text-brand-700">{kicker}</p> : null}
        <h1 id="page-title" className="mt-2 max-w-3xl text-3xl font-bold tracking-tight text-ink sm:text-4xl">
          {title}
        </h1>
        {badge ? <div className="mt-3">{badge}</div> : null}
        {intro ? <div className="mt-4 max-w-3xl text-lg text-muted">{intro}</div> : null}
        {children}
      </div>
    </section>
  );
}

/** A status badge for a product or feature: "Available" or "Coming", in words, not colour alone. */
export function StatusBadge({ coming }: { coming: boolean }) {
  return coming ? <Badge tone="warning">Coming</Badge> : <Badge tone="success">Available</Badge>;
}

/** Long-form text (legal pages, security): readable measure and spacing for headings and lists. */
export function Prose({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto max-w-3xl px-4 py-12 text-ink sm:px-6 [&_a]:font-medium [&_a]:text-brand-700 [&_a]:underline [&_h2]:mt-10 [&_h2]:text-xl [&_h2]:font-bold [&_h3]:mt-6 [&_h3]:font-semibold [&_li]:mt-1.5 [&_p]:mt-4 [&_p]:leading-relaxed [&_ul]:mt-3 [&_ul]:list-disc [&_ul]:pl-6">
      {children}
    </div>
  );
}
