import { SignInStatus, SiteShell } from "@plinto/ui";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { auth } from "~/auth";
import { NavigationStatus } from "~/components/NavigationStatus";
import { SiteNav } from "~/components/SiteNav";
import { TenantSwitcher } from "~/components/TenantSwitcher";
import { platformRoleOf, tenantContext } from "~/lib/tenant";
import { urlOf } from "~/env";
import "./globals.css";

// Every page reads the API live and links to sites whose addresses come from the environment.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Plinto Admin", template: "%s · Plinto Admin" },
  description: "Manage a Plinto tenant: its users, organizations, roles, applications, SSO connections, directories, API keys, webhooks and audit log.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await auth.signedInUser();
  const context = user ? await tenantContext().catch(() => null) : null;
  return (
    <html lang="en">
      <body>
        <NavigationStatus />
        <SiteShell
          siteName="Admin"
          headerActions={
            <>
              {context ? <TenantSwitcher context={context} /> : null}
              <SignInStatus user={user} signInAction={auth.paths.signIn} signOutAction={auth.paths.signOut} />
            </>
          }
          nav={
            <SiteNav
              items={[
                { href: "/", label: "Overview" },
                { href: "/users", label: "Users" },
                { href: "/support", label: "Support" },
                { href: "/organizations", label: "Organizations" },
                { href: "/roles", label: "Roles" },
                { href: "/analytics", label: "Analytics" },
                { href: "/audit", label: "Audit log" },
                { href: "/applications", label: "Applications" },
                { href: "/settings", label: "Settings" },
                { href: "/api-keys", label: "API keys" },
                { href: "/signing-keys", label: "Signing keys" },
                { href: "/billing", label: "Billing" },
                // Platform operators only: the tenants themselves and who administers them.
                ...(context && platformRoleOf(context.tenants) ? [{ href: "/tenants", label: "Tenants" }] : []),
                { href: urlOf("docs"), label: "Docs" },
              ]}
            />
          }
          footer={<p>Plinto admin dashboard — for tenant administrators and the operators who run Plinto.</p>}
        >
          {children}
        </SiteShell>
      </body>
    </html>
  );
}
