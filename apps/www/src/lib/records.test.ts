import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendRecord, readRecords } from "./records";

describe("records", () => {
  it("appends one JSON line per record and reads them back in order", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "plinto-www-")), "www");
    expect(await readRecords(dir, "events.jsonl")).toEqual([]);
    await appendRecord(dir, "events.jsonl", { n: 1, text: "line\nbreak" });
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendRecord(dir, "events.jsonl", { n: i + 2 })));
    const records = await readRecords<{ n: number }>(dir, "events.jsonl");
    expect(records).toHaveLength(21);
    expect(records[0]).toEqual({ n: 1, text: "line\nbreak" });
    expect(records.map((r) => r.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(readFileSync(join(dir, "events.jsonl"), "utf8").trimEnd().split("\n")).toHaveLength(21);
  });

  it("keeps the files to the site's own user", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "plinto-www-")), "www");
    await appendRecord(dir, "contact-outbox.jsonl", { id: "msg_1" });
    expect(statSync(join(dir, "contact-outbox.jsonl")).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
