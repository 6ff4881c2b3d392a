import { ButtonLink } from "@plinto/ui";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="mx-auto max-w-2xl px-4 py-20 text-center sm:px-6">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">This page is not in the docs</h1>
      <p className="mt-3 text-muted">
        The address may be mistyped, or the page may have moved (or be in only one version of the docs). Search from any docs page, or start
        from the home page.
      </p>
      <div className="mt-8">
        <ButtonLink href="/">Go to the docs home</ButtonLink>
      </div>
    </div>
  );
}
