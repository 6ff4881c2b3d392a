import { SiteShell } from "@plinto/ui";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteNav } from "~/components/SiteNav";
import { urlOf } from "~/env";
import "./globals.css";

// Every page reads the service status live and links to sites whose addresses come from the environment.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Your Plinto account", template: "%s · Plinto account" },
  description: "Manage your profile, password, two-factor authentication, passkeys, sessions, organizations and privacy.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteShell
          siteName="Account"
          nav={<SiteNav items={[{ href: "/", label: "Overview" }]} />}
          footer={
            <p>
              Your account is yours: you can download everything Plinto holds about you, or delete it. Read{" "}
              <a className="underline hover:text-ink" href={urlOf("www")}>
                what Plinto is
              </a>
              .
            </p>
          }
        >
          {children}
        </SiteShell>
      </body>
    </html>
  );
}
