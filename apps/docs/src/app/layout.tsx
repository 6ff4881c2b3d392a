import { SiteShell } from "@plinto/ui";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteNav } from "~/components/SiteNav";
import { urlOf } from "~/env";
import "./globals.css";

// Addresses of the API and the other sites come from the environment the server was started with.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Plinto Docs", template: "%s · Plinto Docs" },
  description: "Guides, SDK guides, the API reference and a live playground for Plinto, the self-hosted identity platform.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const www = urlOf("www");
  const demo = urlOf("demo");
  return (
    <html lang="en">
      <body>
        <SiteShell
          siteName="Docs"
          nav={
            <SiteNav
              items={[
                { href: "/", label: "Home" },
                { href: "/docs/v1/getting-started", label: "Get started" },
                { href: "/docs/v1/reference", label: "API reference" },
                { href: "/docs/v1/playground", label: "Playground" },
                { href: demo, label: "Demo" },
                { href: www, label: "Website" },
              ]}
            />
          }
          footer={
            <p>
              Plinto documentation. Found something out of date? The source of these pages is <code className="font-mono text-ink">apps/docs</code>{" "}
              in the Plinto repository.
            </p>
          }
        >
          {children}
        </SiteShell>
      </body>
    </html>
  );
}
