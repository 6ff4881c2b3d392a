import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

// Every page renders per request: each response carries its own CSP nonce (see server.ts).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Plinto Identity API", template: "%s · Plinto Identity API" },
  description: "Plinto's identity server: REST API, OpenID Provider per tenant, hosted sign-in pages.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
