import { SiteShell } from "@plinto/ui";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { EnvironmentSwitcher } from "~/components/EnvironmentSwitcher";
import { SiteNav } from "~/components/SiteNav";
import { environments, urlOf } from "~/env";
import { currentEnvironment } from "~/lib/environment";
import "./globals.css";

// Every page reads the API live and links to sites whose addresses come from the environment.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Plinto Demo", template: "%s · Plinto Demo" },
  description: "Every Plinto sign-in flow running live against the demo tenant through @plinto/sdk: PKCE, passkeys, TOTP, magic links, organizations and tokens.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const docs = urlOf("docs");
  const environment = await currentEnvironment();
  const options = environments().map(({ name, label, apiUrl }) => ({ name, label, apiUrl }));
  return (
    <html lang="en">
      <body>
        <SiteShell
          siteName="Demo"
          nav={
            <SiteNav
              items={[
                { href: "/", label: "Flows" },
                { href: "/flows/token-inspector", label: "Token inspector" },
                { href: docs, label: "Docs" },
                { href: urlOf("www"), label: "Website" },
              ]}
            />
          }
          headerActions={<EnvironmentSwitcher options={options} current={environment.name} />}
          footer={
            <p>
              The demo is an ordinary Plinto client: it signs in against the demo tenant through <code className="font-mono text-ink">@plinto/sdk</code>,
              exactly as your app would. Its source is <code className="font-mono text-ink">apps/demo</code>.
            </p>
          }
        >
          {children}
        </SiteShell>
      </body>
    </html>
  );
}
