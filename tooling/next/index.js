/**
 * The Next.js configuration every Plinto site shares: internal packages compiled from source,
 * security headers on every response, and no framework fingerprint.
 */

/** Headers that make sense for every page of every site (CSP is per site, later, with nonces). */
export const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/**
 * @param {import("next").NextConfig} [overrides]
 * @returns {import("next").NextConfig}
 */
export function defineSiteConfig(overrides = {}) {
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    transpilePackages: ["@plinto/ui", "@plinto/sdk", "@plinto/contracts", "@plinto/auth"],
    // Types are checked by `pnpm typecheck` (part of `npm test`); skipping the second check in
    // `next build` keeps six builds on two cores quick.
    typescript: { ignoreBuildErrors: true },
    async headers() {
      return [{ source: "/:path*", headers: securityHeaders }];
    },
    ...overrides,
  };
}
