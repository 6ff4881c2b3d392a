import { EmptyState } from "@plinto/ui";
import type { Metadata } from "next";
import { tenantContext } from "~/lib/tenant";
import { SettingsForm } from "./SettingsForm";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

const asText = (value: number | undefined, scale = 1) => (value === undefined ? "" : String(Math.round(value / scale)));

export default async function SettingsPage() {
  const context = await tenantContext();
  if (!context) {
    return (
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        <EmptyState headingLevel={2} title="Sign in to see settings" description="Settings belong to a tenant you administer." />
      </div>
    );
  }
  const settings = await context.api.settings.get();
  return (
    <div className="mx-auto max-w-6xl space-y-8 px-4 py-10 sm:px-6">
      <header>
        <p className="text-sm font-semibold text-brand-700">{context.tenant.name}</p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight">Settings</h1>
        <p className="mt-2 max-w-3xl text-muted">How people sign in to this tenant&apos;s applications, and how its hosted pages look.</p>
      </header>
      <SettingsForm
        tenantName={context.tenant.name}
        canWrite={context.can("settings:write")}
        values={{
          displayName: settings.branding?.displayName ?? "",
          logoUrl: settings.branding?.logoUrl ?? "",
          primaryColor: settings.branding?.primaryColor ?? "",
          minLength: asText(settings.passwordPolicy?.minLength),
          allowPasswordOnly: settings.passwordPolicy?.allowPasswordOnly ?? false,
          mfaMode: settings.mfaPolicy?.mode ?? "optional",
          gracePeriodDays: asText(settings.mfaPolicy?.gracePeriodDays),
          allowEmailCode: settings.mfaPolicy?.allowEmailCode ?? false,
          idleHours: asText(settings.sessionLifetimes?.idleSeconds, 3600),
          absoluteDays: asText(settings.sessionLifetimes?.absoluteSeconds, 86_400),
        }}
      />
    </div>
  );
}
