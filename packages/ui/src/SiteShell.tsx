import type { ReactNode } from "react";

export interface SiteShellProps {
  /** Which Plinto site this is, shown beside the product name ("Docs", "Admin"…). */
  siteName?: string;
  productName?: string;
  /** Where the product name links to; the site's home by default. */
  homeHref?: string;
  /** The site's main navigation, usually a `<Nav label="Main" …/>`. */
  nav?: ReactNode;
  /** Extra content at the end of the header (a sign-in button, say). */
  headerActions?: ReactNode;
  footer?: ReactNode;
  children: ReactNode;
}

/**
 * The frame of every page: a skip link, a header with the product name and navigation, the
 * `<main id="main">` landmark the skip link jumps to, and a footer.
 */
export function SiteShell({ siteName, productName = "Plinto", homeHref = "/", nav, headerActions, footer, children }: SiteShellProps) {
  return (
    <div className="flex min-h-screen flex-col bg-canvas text-ink">
      <a
        href="#main"
        className="sr-only rounded-md bg-brand-700 px-4 py-2 font-medium text-white focus:not-sr-only focus:absolute focus:top-3 focus:left-3 focus:z-50"
      >
        Skip to content
      </a>
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <a href={homeHref} className="flex items-center gap-2 rounded-md text-lg font-semibold text-ink">
            <svg aria-hidden="true" viewBox="0 0 32 32" className="size-7">
              <rect width="32" height="32" rx="7" className="fill-brand-600" />
              <path d="M8 23h16M11 23V12h10v11M9 12h14" stroke="white" strokeWidth="2.5" strokeLinecap="round" fill="none" />
            </svg>
            <span>{productName}</span>
            {siteName ? <span className="font-normal text-muted">{siteName}</span> : null}
          </a>
          <div className="flex flex-wrap items-center gap-3">
            {nav}
            {headerActions}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        {children}
      </main>
      <footer className="border-t border-line bg-surface">
        <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-muted sm:px-6">{footer ?? <p>{productName}</p>}</div>
      </footer>
    </div>
  );
}
