import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

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
