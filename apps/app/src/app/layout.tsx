import { SignInStatus, SiteShell } from "@plinto/ui";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { auth } from "~/auth";
import { SiteNav } from "~/components/SiteNav";
import { urlOf } from "~/env";
import { accountApi } from "~/lib/account";
import "./globals.css";

// Every page reads the service status live and links to sites whose addresses come from the environment.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Your Plinto account", template: "%s · Plinto account" },
  description: "Manage your profile, password, two-factor authentication, passkeys, sessions, organizations and privacy.",
};

/** How many notifications are unread, for the navigation's badge; nothing when signed out or the API does not answer. */
async function unreadCount(): Promise<number> {
  const api = await accountApi();
  return api ? api.notifications.unreadCount().catch(() => 0) : 0;
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await auth.signedInUser();
  const unread = user ? await unreadCount() : 0;
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
                {
                  href: "/notifications",
                  label: (
                    <>
                      Notifications
                      {unread > 0 ? (
                        <span className="ml-1.5 rounded-full bg-brand-700 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="unread-badge">
                          {unread > 99 ? "99+" : unread}
                          <span className="sr-only"> unread</span>
                        </span>
                      ) : null}
                    </>
                  ),
                },
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
