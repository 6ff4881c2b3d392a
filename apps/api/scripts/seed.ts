/**
 * `pnpm --filter @plinto/api seed`: migrate, then create the development tenants and demo user
 * and write `.plinto/dev-credentials.json`. Run by `npm start` before the sites come up.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseError } from "@plinto/db";
import { siteUrl } from "@plinto/next-config/sites";
import { ConfigError, loadConfig } from "../src/lib/config";
import { startRuntime, stopRuntime } from "../src/lib/runtime";
import { seedDevelopment, type DevCredentials } from "../src/services/dev/seed";
import { ServiceError } from "../src/services/errors";

function fail(message: string): never {
  for (const line of message.split("\n")) console.error(`plinto-seed: ${line}`);
  process.exit(1);
}

try {
  const config = loadConfig();
  const file = join(config.homeDir, "dev-credentials.json");
  let previous: DevCredentials | undefined;
  if (existsSync(file)) {
    try {
      previous = JSON.parse(readFileSync(file, "utf8")) as DevCredentials;
    } catch {
      previous = undefined;
    }
  }
  const runtime = await startRuntime(config);
  try {
    const credentials = await seedDevelopment(runtime.database.db, {
      apiUrl: config.publicUrl,
      previousPassword: previous?.demoUser?.password,
      previousApiKeys: previous?.apiKeys,
      previousApplications: previous?.applications,
      sites: { admin: siteUrl("admin"), app: siteUrl("app"), demo: siteUrl("demo") },
    });
    mkdirSync(config.homeDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    console.log(`plinto-seed: tenants ${credentials.tenants.map((t) => t.slug).join(", ")} ready; wrote ${file}`);
  } finally {
    await stopRuntime(runtime);
  }
} catch (error) {
  if (error instanceof ConfigError) fail(error.problems.join("\n"));
  if (error instanceof DatabaseError || error instanceof ServiceError) fail(error.message);
  throw error;
}
