import { defineConfig } from "vitest/config";

// Components are tested as server-rendered markup, so no DOM environment is needed.
export default defineConfig({
  test: { environment: "node", include: ["src/**/*.test.{ts,tsx}"] },
});
