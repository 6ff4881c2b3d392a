import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { createRateLimiter, type RateLimiter, type RateLimiterOptions } from "./index";
import {
  REDIS_URL,
  captureLog,
  deleteKeys,
  freshWindow,
  rawRedis,
  redisProxy,
  silentServer,
  sleep,
  uniquePrefix,
} from "./testing";

const prefix = uniquePrefix();
let raw: Redis;
const open: RateLimiter[] = [];

/** A limiter on `redisUrl` (undefined: embedded mode) that the test run closes afterwards. */
function limiter(redisUrl: string | undefined, options: RateLimiterOptions = {}): RateLimiter {
  const created = createRateLimiter({ redisUrl }, { prefix, logger: captureLog().logger, ...options });
  open.push(created);
  return created;
}

beforeAll(() => {
  raw = rawRedis();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});
afterAll(async () => {
  await deleteKeys(raw, prefix);
  raw.disconnect();
});

const minute = { limit: 3, windowSeconds: 60 };

describe.each([
  ["redis", REDIS_URL],
  ["memory", undefined],
] as const)("%s store", (store, url) => {
  it.each(["sliding-window", "fixed-window"] as const)("enforces the limit (%s)", async (algorithm) => {
    await freshWindow(60_000, 1_000);
    const rl = limiter(url);
    const key = `signin:ip:203.0.113.7:${algorithm}:${store}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await rl.limit(key, { ...minute, algorithm }));
    expect(results.map((r) => r.store)).toEqual([store, store, store, store]);
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results.map((r) => r.retryAfterSeconds)).toEqual([0, 0, 0, expect.any(Number)]);
    const refused = results[3]!;
    expect(refused.limit).toBe(3);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(refused.resetAt % 60_000).toBe(0);
    const secondsLeft = (refused.resetAt - Date.now()) / 1000;
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(Math.floor(secondsLeft));
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(Math.ceil(secondsLeft) + 1);
  });

  it.each(["sliding-window", "fixed-window"] as const)("allows again once the window has passed (%s)", async (algorithm) => {
    const rl = limiter(url);
    const policy = { limit: 2, windowSeconds: 1, algorithm };
    const key = `otp:acct:usr_1:${algorithm}:${store}`;
    await freshWindow(1_000, 600);
    expect((await rl.limit(key, policy)).success).toBe(true);
    expect((await rl.limit(key, policy)).success).toBe(true);
    const refused = await rl.limit(key, policy);
    expect(refused.success).toBe(false);
    expect(refused.retryAfterSeconds).toBe(1);
    await sleep(refused.resetAt - Date.now() + 30);
    const again = await rl.limit(key, policy);
    expect(again).toMatchObject({ success: true, store });
  });

  it("keeps keys, windows and algorithms apart", async () => {
    await freshWindow(60_000, 1_000);
    const rl = limiter(url);
    const one = { limit: 1, windowSeconds: 60 };
    expect((await rl.limit(`signin:ip:198.51.100.1:${store}`, one)).success).toBe(true);
    expect((await rl.limit(`signin:ip:198.51.100.1:${store}`, one)).success).toBe(false);
    expect((await rl.limit(`signin:ip:198.51.100.2:${store}`, one)).success).toBe(true);
    expect((await rl.limit(`signup:ip:198.51.100.1:${store}`, one)).success).toBe(true);
    expect((await rl.limit(`signin:ip:198.51.100.1:${store}`, { limit: 1, windowSeconds: 61 })).success).toBe(true);
    expect((await rl.limit(`signin:ip:198.51.100.1:${store}`, { ...one, algorithm: "fixed-window" })).success).toBe(true);
  });

  it("reset forgets a key's count", async () => {
    await freshWindow(60_000, 1_000);
    const rl = limiter(url);
    const key = `signin:acct:usr_reset:${store}`;
    const one = { limit: 1, windowSeconds: 60 };
    expect((await rl.limit(key, one)).success).toBe(true);
    expect((await rl.limit(key, one)).success).toBe(false);
    await rl.reset(key, one);
    expect((await rl.limit(key, one)).success).toBe(true);
    expect((await rl.limit(key, one)).success).toBe(false);
  });

  it.each(["sliding-window", "fixed-window"] as const)("peek tells what limit would answer without counting (%s)", async (algorithm) => {
    await freshWindow(60_000, 1_000);
    const rl = limiter(url);
    const policy = { ...minute, algorithm };
    const key = `signin:account:peek:${algorithm}:${store}`;
    // Nothing counted yet: all of the window left, and peeking many times uses none of it.
    for (let i = 0; i < 5; i++) expect(await rl.peek(key, policy)).toMatchObject({ success: true, remaining: 3, limit: 3, store });
    expect(await rl.limit(key, policy)).toMatchObject({ success: true, remaining: 2 });
    expect(await rl.peek(key, policy)).toMatchObject({ success: true, remaining: 2, retryAfterSeconds: 0 });
    await rl.limit(key, policy);
    await rl.limit(key, policy);
    const paused = await rl.peek(key, policy);
    expect(paused).toMatchObject({ success: false, remaining: 0, store });
    expect(paused.resetAt % 60_000).toBe(0);
    expect(paused.resetAt).toBeGreaterThan(Date.now());
    expect(paused.retryAfterSeconds).toBeGreaterThan(0);
    expect(paused.retryAfterSeconds).toBeLessThanOrEqual(60);
    // The refusal peek predicted is what limit answers; peeking did not move the window's end.
    const refused = await rl.limit(key, policy);
    expect(refused).toMatchObject({ success: false, resetAt: paused.resetAt });
    // Other policies on the same key are separate counts, and a reset shows at once.
    expect(await rl.peek(key, { limit: 3, windowSeconds: 61, algorithm })).toMatchObject({ success: true, remaining: 3 });
    await rl.reset(key, policy);
    expect(await rl.peek(key, policy)).toMatchObject({ success: true, remaining: 3 });
  });

  it("lets exactly `limit` calls through when they arrive at once", async () => {
    await freshWindow(60_000, 2_000);
    const rl = limiter(url);
    const results = await Promise.all(
      Array.from({ length: 25 }, () => rl.limit(`burst:${store}`, { limit: 10, windowSeconds: 60 })),
    );
    expect(results.filter((r) => r.success)).toHaveLength(10);
  });
});

describe("shared through Redis", () => {
  it("counts calls from two limiters (two API processes) together", async () => {
    await freshWindow(60_000, 1_000);
    const a = limiter(REDIS_URL);
    const b = limiter(REDIS_URL);
    const key = "signin:ip:192.0.2.10";
    expect((await a.limit(key, minute)).success).toBe(true);
    expect((await b.limit(key, minute)).success).toBe(true);
    expect((await a.limit(key, minute)).success).toBe(true);
    expect(await b.limit(key, minute)).toMatchObject({ success: false, store: "redis" });

    const concurrent = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).limit("burst:shared", { limit: 7, windowSeconds: 60 })),
    );
    expect(concurrent.filter((r) => r.success)).toHaveLength(7);
  });

  it("peek sees calls another process counted, and writes no key", async () => {
    await freshWindow(60_000, 1_000);
    const a = limiter(REDIS_URL);
    const b = limiter(REDIS_URL);
    const key = "signin:account:peek-shared";
    expect(await b.peek(key, minute)).toMatchObject({ store: "redis", remaining: 3 });
    expect(await raw.keys(`${prefix}:*peek-shared*`)).toEqual([]);
    await a.limit(key, minute);
    await a.limit(key, minute);
    expect(await b.peek(key, minute)).toMatchObject({ store: "redis", success: true, remaining: 1 });
    await a.limit(key, minute);
    expect(await b.peek(key, minute)).toMatchObject({ store: "redis", success: false, remaining: 0 });
  });

  it("writes namespaced keys that expire", async () => {
    const rl = limiter(REDIS_URL);
    await rl.limit("signin:ip:192.0.2.20", { limit: 5, windowSeconds: 60 });
    await rl.limit("signin:ip:192.0.2.20", { limit: 5, windowSeconds: 60, algorithm: "fixed-window" });
    const keys = (await raw.keys(`${prefix}:*192.0.2.20*`)).sort();
    const bucket = Math.floor(Date.now() / 60_000);
    expect(keys).toEqual([`${prefix}:fw60:signin:ip:192.0.2.20:${bucket}`, `${prefix}:sw60:signin:ip:192.0.2.20:${bucket}`]);
    for (const key of keys) {
      const ttl = await raw.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(121_000);
    }
  });

  it("keeps the default prefix plinto:rl", async () => {
    const rl = createRateLimiter({ redisUrl: REDIS_URL }, { logger: captureLog().logger });
    open.push(rl);
    const key = `test:${prefix}`;
    await rl.limit(key, { limit: 5, windowSeconds: 60 });
    const keys = await raw.keys(`plinto:rl:sw60:${key}:*`);
    expect(keys).toHaveLength(1);
    await raw.del(...keys);
  });

  it("does not share memory limiters between processes (embedded mode is single-process)", async () => {
    const a = limiter(undefined);
    const b = limiter(undefined);
    const one = { limit: 1, windowSeconds: 60 };
    expect((await a.limit("k", one)).success).toBe(true);
    expect((await b.limit("k", one)).success).toBe(true);
    expect(a.store).toBe("memory");
  });
});

describe("Redis unreachable or silent", () => {
  it("falls back to memory at once when the port refuses connections", async () => {
    const log = captureLog();
    const rl = limiter("redis://127.0.0.1:1", { logger: log.logger, timeoutMs: 500, retryIntervalMs: 50 });
    const key = "signin:ip:203.0.113.99";
    const started = Date.now();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await rl.limit(key, minute));
    // Not even one call waits for the timeout: the refused connection fails the queued command.
    expect(Date.now() - started).toBeLessThan(400);
    expect(results.map((r) => [r.store, r.success])).toEqual([
      ["memory", true],
      ["memory", true],
      ["memory", true],
      ["memory", false],
    ]);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(0);
    // Later calls do not wait either: no retry goes out until ioredis has a connection again.
    for (let i = 0; i < 5; i++) {
      await sleep(120);
      const before = Date.now();
      expect(await rl.limit(`${key}:later:${i}`, minute)).toMatchObject({ store: "memory", success: true });
      expect(Date.now() - before).toBeLessThan(50);
    }
    await expect(rl.reset(key, minute)).resolves.toBeUndefined();
    // peek answers from the same memory the degraded limit counted in.
    expect(await rl.peek(key, minute)).toMatchObject({ store: "memory", success: true, remaining: 3 });
    expect(rl.store).toBe("memory");
    expect(log.warn).toHaveLength(1);
    expect(log.warn[0]).toMatch(/Redis unavailable \(ECONNREFUSED\)/);
    expect(log.warn[0]).not.toContain("203.0.113.99");
    expect(log.warn[0]).not.toContain("signin");
  });

  it("answers within the timeout when Redis accepts but never replies, then stops waiting", async () => {
    const server = await silentServer();
    try {
      const log = captureLog();
      const rl = limiter(server.url, { logger: log.logger, timeoutMs: 200, retryIntervalMs: 100 });
      const key = "signin:ip:203.0.113.100";
      let started = Date.now();
      const first = await rl.limit(key, minute);
      const firstMs = Date.now() - started;
      expect(first).toMatchObject({ success: true, store: "memory" });
      expect(firstMs).toBeGreaterThanOrEqual(150);
      expect(firstMs).toBeLessThan(1_000);

      await sleep(150); // past retryIntervalMs: still no probe, the connection never became ready
      started = Date.now();
      const rest = [];
      for (let i = 0; i < 3; i++) rest.push(await rl.limit(key, minute));
      expect(Date.now() - started).toBeLessThan(100);
      expect(rest.map((r) => [r.store, r.success])).toEqual([
        ["memory", true],
        ["memory", true],
        ["memory", false],
      ]);
      expect(log.warn).toEqual([expect.stringMatching(/Redis unavailable \(no answer within 200 ms\)/)]);
    } finally {
      await Promise.all(open.splice(0).map((l) => l.close()));
      await server.close();
    }
  });

  it("goes back to Redis by itself when Redis returns", async () => {
    await freshWindow(60_000, 2_000);
    const proxy = await redisProxy();
    const log = captureLog();
    const rl = limiter(proxy.url, { logger: log.logger, retryIntervalMs: 100 });
    const key = "signin:ip:203.0.113.101";
    const policy = { limit: 10, windowSeconds: 60 };
    expect(await rl.limit(key, policy)).toMatchObject({ store: "redis", remaining: 9 });

    await proxy.down();
    const during = await rl.limit(key, policy);
    expect(during).toMatchObject({ store: "memory", success: true, remaining: 9 }); // memory starts at zero
    expect(log.warn).toHaveLength(1);

    await proxy.up();
    let after = await rl.limit(key, policy);
    for (let i = 0; i < 50 && after.store !== "redis"; i++) {
      await sleep(100);
      after = await rl.limit(key, policy);
    }
    // Back on the shared count: the call made before the outage is still there.
    expect(after).toMatchObject({ store: "redis", remaining: 8 });
    expect(rl.store).toBe("redis");
    expect(log.info).toHaveLength(1);
    expect(log.warn).toHaveLength(1);
    await rl.close();
    await proxy.down();
  });
});

describe("arguments", () => {
  it("rejects a bad key or policy (programming errors, not Redis trouble)", async () => {
    const rl = limiter(undefined);
    await expect(rl.limit("", minute)).rejects.toThrow(TypeError);
    await expect(rl.limit("k", { limit: 0, windowSeconds: 60 })).rejects.toThrow(RangeError);
    await expect(rl.limit("k", { limit: 1.5, windowSeconds: 60 })).rejects.toThrow(RangeError);
    await expect(rl.limit("k", { limit: 1, windowSeconds: 0.5 })).rejects.toThrow(RangeError);
    await expect(rl.limit("k", { limit: 1, windowSeconds: 60, algorithm: "token-bucket" as never })).rejects.toThrow(RangeError);
  });

  it("hashes very long keys instead of storing them", async () => {
    const rl = limiter(REDIS_URL);
    const long = `signin:acct:${"x".repeat(500)}`;
    expect((await rl.limit(long, { limit: 1, windowSeconds: 60 })).success).toBe(true);
    expect((await rl.limit(long, { limit: 1, windowSeconds: 60 })).success).toBe(false);
    const keys = await raw.keys(`${prefix}:sw60:sha256:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain("xxxx");
  });

  it("refuses use after close", async () => {
    const rl = limiter(REDIS_URL);
    await rl.close();
    await expect(rl.limit("k", minute)).rejects.toThrow(/closed/);
  });
});
