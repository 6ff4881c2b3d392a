import { defineConfig } from "vitest/config";

export default defineConfig({
  // tsconfig leaves JSX to Next ("preserve"); tests that render the hosted pages need it compiled.
  oxc: { jsx: { runtime: "automatic" } },
  test: { testTimeout: 60_000, hookTimeout: 60_000, include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
