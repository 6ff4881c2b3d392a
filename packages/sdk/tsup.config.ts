import { defineConfig } from "tsup";

/**
 * The published form of @plinto/sdk: ESM + .d.ts per entry point. The wire contract
 * (@plinto/contracts, a private workspace package) is bundled in, code and types, so the package
 * needs only its npm dependencies (jose, oauth4webapi, zod). Inside the workspace, consumers import
 * the TypeScript source instead (see `exports` and `publishConfig` in package.json).
 */
export default defineConfig({
  entry: { index: "src/index.ts", server: "src/server.ts", browser: "src/browser.ts" },
  format: ["esm"],
  platform: "neutral",
  target: "es2022",
  noExternal: ["@plinto/contracts"],
  // Types too: resolve the contract to its source through `paths`, so rollup-plugin-dts inlines it
  // instead of leaving an import of a package the published SDK does not ship.
  dts: { compilerOptions: { paths: { "@plinto/contracts": ["../contracts/src/index.ts"] } } },
  splitting: true,
  treeshake: true,
  sourcemap: true,
  clean: true,
});
