/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` are written as \u escapes so
 * no value can close the script element or open a comment, whatever text a page puts in it.
 */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function organizationJsonLd(siteUrl: string) {
  return {
    "@context": "https://schema.org",
    "@type": "Organization",
    name: "Plinto",
    url: siteUrl,
    logo: `${siteUrl}/icon.svg`,
    description: "Plinto makes an identity platform you run on your own servers.",
  };
}

export function softwareApplicationJsonLd(siteUrl: string, docsUrl: string) {
  return {
    "@context": "https://schema.org",
    "@type": "SoftwareApplication",
    name: "Plinto",
    applicationCategory: "SecurityApplication",
    operatingSystem: "Linux, macOS, Windows (Node.js 20.9 or newer)",
    url: siteUrl,
    softwareHelp: { "@type": "CreativeWork", url: docsUrl },
    description:
      "Self-hosted identity platform: sign-up and sign-in, multi-factor authentication and passkeys, organizations and roles, an OpenID Provider per tenant, and a hash-chained audit log.",
    featureList: [
      "Email and password, magic link and email-code sign-in",
      "Authenticator-app codes, passkeys and recovery codes",
      "Organizations with built-in and custom roles",
      "An OpenID Provider per tenant (authorization code with PKCE, refresh-token rotation, device flow)",
      "Hash-chained audit log with CSV and JSON export",
    ],
  };
}
