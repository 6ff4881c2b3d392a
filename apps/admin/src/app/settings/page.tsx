import type { Metadata } from "next";
import { SignInFirst, TenantPage } from "~/components/TenantPage";
import { tenantContext } from "~/lib/tenant";
import { SettingsForm } from "./SettingsForm";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

const asText = (value: number | undefined, scale = 1) => (value === undefined ? "" : String(Math.round(value / scale)));

export default async function SettingsPage() {
  const context = await tenantContext();
  if (!context) return <SignInFirst what="settings" />;
  const settings = await context.api.settings.get();
  return (
    <TenantPage tenantName={context.tenant.name} title="Settings" lead="How people sign in to this tenant's applications, and how its hosted pages look.">
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
    </TenantPage>
  );
}
