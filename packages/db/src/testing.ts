import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { createDb, migrate, redactUrl, type Database } from "./index";

export interface TestDatabase extends Database {
  /** Closes the connection and drops the database made for this test run. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a new database on the PostgreSQL server named by
 * `url` (default `DATABASE_URL`), or an in-memory PGlite when there is none. Runs never share data.
 */
export async function createTestDatabase(
  url: string | undefined = process.env.DATABASE_URL,
): Promise<TestDatabase> {
  if (!url) {
    const database = await createDb();
    await migrate(database);
    return { ...database, dispose: () => database.close() };
  }
  const name = `plinto_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await createDb({ url: target.toString(), max: 4 });
  await migrate(database);
  return {
    ...database,
    dispose: async () => {
      await database.close();
      const cleaner = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await cleaner.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleaner.end({ timeout: 5 });
      }
    },
  };
}

export { redactUrl };
