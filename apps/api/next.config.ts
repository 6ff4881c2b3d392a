import { defineSiteConfig, securityHeaders } from "@plinto/next-config";

export default defineSiteConfig({
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Hosted pages carry tokens in their URLs: send no path or query onward, but keep the origin,
      // which Next's server-action CSRF check needs on a form posted without JavaScript.
      { source: "/t/:path*", headers: [{ key: "Referrer-Policy", value: "strict-origin" }] },
    ];
  },
  transpilePackages: ["@plinto/ui", "@plinto/sdk", "@plinto/contracts", "@plinto/db"],
  // Native or WASM packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "@node-rs/bcrypt", "postgres"],
});
