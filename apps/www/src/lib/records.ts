import { appendFile, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Append-only JSON Lines files in the site's data folder (`$PLINTO_HOME/www`): one record per
 * line, never rewritten. The website has no database of its own (only the API opens one), and
 * these records are about the website, not any tenant, so they stay beside it in the Plinto home —
 * where `npm start` keeps its credentials and the browser tests can read them.
 */
export type RecordFile = "events.jsonl" | "contact-outbox.jsonl";

export async function appendRecord(dir: string, file: RecordFile, record: Record<string, unknown>): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // One write of one line with O_APPEND: concurrent requests never interleave inside a line.
  await appendFile(join(dir, file), `${JSON.stringify(record)}\n`, { encoding: "utf8", mode: 0o600, flag: "a" });
}

/** Every record of a file, oldest first; none when the file does not exist yet. */
export async function readRecords<T = Record<string, unknown>>(dir: string, file: RecordFile): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(join(dir, file), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}
