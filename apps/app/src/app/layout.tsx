import { SignInStatus, SiteShell } from "@plinto/ui";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { auth } from "~/auth";
import { SiteNav } from "~/components/SiteNav";
import { urlOf } from "~/env";
import "./globals.css";

// Every page reads the service status live and links to sites whose addresses come from the environment.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Your Plinto account", template: "%s · Plinto account" },
  description: "Manage your profile, password, two-factor authentication, passkeys, sessions, organizations and privacy.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await auth.signedInUser();
  return (
    <html lang="en">
      <body>
        <SiteShell
          siteName="Account"
          headerActions={<SignInStatus user={user} signInAction={auth.paths.signIn} signOutAction={auth.paths.signOut} />}
          nav={
            <SiteNav
              items={[
                { href: "/", label: "Overview" },
                { href: "/profile", label: "Profile" },
                { href: "/security", label: "Security" },
                { href: "/sessions", label: "Sessions" },
                { href: "/organizations", label: "Organizations" },
                { href: "/notifications", label: "Notifications" },
                { href: "/privacy", label: "Privacy" },
              ]}
            />
          }
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
