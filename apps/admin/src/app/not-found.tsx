import { ButtonLink } from "@plinto/ui";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="mx-auto max-w-2xl px-4 py-20 text-center sm:px-6">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Page not found</h1>
      <p className="mt-3 text-muted">There is no admin page at this address. The overview lists what you can manage and shows the platform&apos;s status.</p>
      <div className="mt-8">
        <ButtonLink href="/">Go to the overview</ButtonLink>
      </div>
    </div>
  );
}
