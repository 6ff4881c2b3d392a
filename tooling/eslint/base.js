import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Shared lint rules. Configuration is read from the environment in exactly one module per
 * package (its `env.ts` / `config.ts`), validated there; everything else imports that module.
 */
export default tseslint.config(
  { ignores: ["**/dist/**", "**/.next/**", "**/node_modules/**", "**/next-env.d.ts", "**/drizzle/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["warn", { fixStyle: "inline-type-imports" }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through the package's validated env/config module." },
      ],
    },
  },
  {
    files: ["**/env.ts", "**/config.ts", "**/*.config.*", "**/*.test.ts", "**/testing.ts", "**/scripts/**", "**/test/**", "**/server.ts"],
    rules: { "no-restricted-properties": "off" },
  },
);
