import { defineConfig } from "drizzle-kit";

// Migrations are generated and committed (`pnpm db:generate`), never pushed: the same SQL runs on
// PGlite and on PostgreSQL 15, so it must stay within what PostgreSQL 15 understands.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
  strict: true,
});
