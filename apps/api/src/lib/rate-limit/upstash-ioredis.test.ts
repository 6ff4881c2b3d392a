import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { rawRedis } from "./testing";
import { createUpstashAdapter, toStockRedisScript } from "./upstash-ioredis";

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

describe("toStockRedisScript", () => {
  it("leaves scripts without a shebang alone (all of @upstash/ratelimit 2.0.8's)", () => {
    const script = "\n  local key = KEYS[1]\n  return redis.call('GET', key)\n";
    expect(toStockRedisScript(script)).toBe(script);
  });

  it("drops the Upstash-only flag and keeps line numbers", () => {
    expect(toStockRedisScript("#!lua flags=allow-key-locking\nreturn 1\n")).toBe("\nreturn 1\n");
  });

  it("keeps the flags stock Redis knows", () => {
    expect(toStockRedisScript("#!lua flags=allow-key-locking,no-writes\nreturn 1")).toBe("#!lua flags=no-writes\nreturn 1");
    const stock = "#!lua flags=no-writes,allow-stale\nreturn 1";
    expect(toStockRedisScript(stock)).toBe(stock);
  });

  it("only reads a shebang on the first line, as Redis does", () => {
    const script = "\n#!lua flags=allow-key-locking\nreturn 1";
    expect(toStockRedisScript(script)).toBe(script);
  });
});

describe("createUpstashAdapter on stock Redis", () => {
  let redis: Redis;
  beforeAll(() => {
    redis = rawRedis();
  });
  afterAll(() => {
    redis.disconnect();
  });

  it("runs a script with Upstash's flag that stock Redis itself refuses", async () => {
    // A script no one has loaded yet, so the first EVALSHA really misses.
    const script = `#!lua flags=allow-key-locking\nreturn {KEYS[1], ARGV[1], ARGV[2], '${randomUUID()}'}`;
    await expect(redis.eval(script, 0)).rejects.toThrow(/Unexpected flag in script shebang/);

    const adapter = createUpstashAdapter(redis);
    // What @upstash/ratelimit's safeEval does: EVALSHA with the SHA-1 of its script, EVAL on NOSCRIPT.
    const miss = await adapter.evalsha(sha1(script), ["k"], [7, "x"]).catch((error: unknown) => `${String(error)}`);
    expect(miss).toContain("NOSCRIPT");
    const first = await adapter.eval(script, ["k"], [7, "x"]);
    expect((first as unknown[]).slice(0, 3)).toEqual(["k", "7", "x"]);
    // …and from then on EVALSHA with Upstash's SHA-1 finds the rewritten script in Redis's cache.
    await expect(adapter.evalsha(sha1(script), ["k2"], [8, "y"])).resolves.toEqual(
      expect.arrayContaining(["k2", "8", "y"]),
    );
  });

  it("passes replies through as ioredis decodes them (integers, nil, nested arrays)", async () => {
    const adapter = createUpstashAdapter(redis);
    const reply = await adapter.eval("return {tonumber(ARGV[1]) - 3, false, {1, 'a'}}", [], [5]);
    expect(reply).toEqual([2, null, [1, "a"]]);
  });
});
