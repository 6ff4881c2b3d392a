import { defineSiteConfig } from "@plinto/next-config";

export default defineSiteConfig({
  transpilePackages: ["@plinto/ui", "@plinto/sdk", "@plinto/contracts", "@plinto/db"],
  // Native or WASM packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
});
