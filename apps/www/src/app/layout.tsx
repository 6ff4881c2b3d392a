import { SiteShell } from "@plinto/ui";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { ConsentBanner, ConsentProvider } from "~/components/Consent";
import { SiteFooter } from "~/components/SiteFooter";
import { SiteNav } from "~/components/SiteNav";
import { urlOf } from "~/env";
import { CONSENT_COOKIE, parseConsent } from "~/lib/consent";
import "./globals.css";

// Links to the other sites and this site's own address come from the environment the server was
// started with, and the consent banner depends on the visitor's cookie: render per request.
export const dynamic = "force-dynamic";

const description =
  "Sign-up, sign-in, MFA, passkeys, organizations and audit logs for your apps, built to the standards and self-hosted with one command.";

export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(urlOf("www")),
    title: { default: "Plinto — identity you run yourself", template: "%s · Plinto" },
    description,
    applicationName: "Plinto",
    openGraph: { siteName: "Plinto", type: "website", locale: "en_US", title: "Plinto — identity you run yourself", description },
    twitter: { card: "summary_large_image" },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const docs = urlOf("docs");
  const demo = urlOf("demo");
  const consent = parseConsent((await cookies()).get(CONSENT_COOKIE)?.value);
  return (
    <html lang="en">
      {/* While the banner is up it covers the bottom of the viewport; the padding keeps the footer reachable above it. */}
      <body className={consent === null ? "pb-64 md:pb-32" : undefined}>
        <ConsentProvider initial={consent}>
          <SiteShell
            nav={
              <SiteNav
                items={[
                  { href: "/product", label: "Product" },
                  { href: "/pricing", label: "Pricing" },
                  { href: "/security", label: "Security" },
                  { href: "/changelog", label: "Changelog" },
                  { href: docs, label: "Docs" },
                  { href: demo, label: "Demo" },
                ]}
              />
            }
            footer={<SiteFooter docs={docs} demo={demo} />}
          >
            {children}
          </SiteShell>
          <ConsentBanner cookiePolicyHref="/legal/cookies" />
        </ConsentProvider>
      </body>
    </html>
  );
}
