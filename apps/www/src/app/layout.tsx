import { SiteShell } from "@plinto/ui";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteNav } from "~/components/SiteNav";
import { urlOf } from "~/env";
import "./globals.css";

// Links to the other sites come from the environment the server was started with.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Plinto — identity you run yourself", template: "%s · Plinto" },
  description:
    "Sign-up, sign-in, MFA, passkeys, organizations, enterprise SSO, SCIM and audit logs for your apps, built to the standards and self-hosted with one command.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const docs = urlOf("docs");
  const demo = urlOf("demo");
  return (
    <html lang="en">
      <body>
        <SiteShell
          nav={
            <SiteNav
              items={[
                { href: "/", label: "Product" },
                { href: "/#pricing", label: "Pricing" },
                { href: docs, label: "Docs" },
                { href: demo, label: "Demo" },
              ]}
            />
          }
          footer={
            <div className="flex flex-wrap items-center justify-between gap-4">
              <p>Plinto is an identity platform you run on your own servers.</p>
              <ul className="flex gap-4">
                <li>
                  <a className="underline hover:text-ink" href={docs}>
                    Documentation
                  </a>
                </li>
                <li>
                  <a className="underline hover:text-ink" href={demo}>
                    Live demo
                  </a>
                </li>
              </ul>
            </div>
          }
        >
          {children}
        </SiteShell>
      </body>
    </html>
  );
}
