/**
 * Throughput and latency of the rate limiter's `limit()` (apps/api/src/lib/rate-limit), by store:
 * memory (embedded mode), Redis on this machine, and Redis unreachable (the in-memory fallback).
 * Run by hand, never as a test:
 *
 *     cd apps/api && npx tsx ../../bench/rate-limit.ts      # tsx is a dependency of apps/api
 *
 * It only talks to Redis on the loopback interface (REDIS_URL if it points there, otherwise
 * redis://127.0.0.1:6379), makes a bounded number of calls, writes under a prefix of its own and
 * deletes those keys at the end.
 */
import { randomUUID } from "node:crypto";
import { createRateLimiter, type RateLimiter } from "../apps/api/src/lib/rate-limit/index.ts";
// (ioredis is a dependency of apps/api, not of the root: reach it through the tests' helpers.)
import { deleteKeys, rawRedis } from "../apps/api/src/lib/rate-limit/testing.ts";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
const redisUrl = process.env.REDIS_URL?.trim() || "redis://127.0.0.1:6379";
if (!LOOPBACK.has(new URL(redisUrl).hostname)) {
  console.error(`bench/rate-limit: refusing to benchmark against ${new URL(redisUrl).hostname}; loopback only`);
  process.exit(1);
}

const prefix = `plinto:rl:bench:${randomUUID()}`;
const policy = { limit: 50, windowSeconds: 60 };
const KEYS = 1_000; // distinct callers (think IP addresses): some end up refused, like under attack

interface Row {
  store: string;
  scenario: string;
  calls: number;
  seconds: number;
  latenciesMs: number[];
  allowed: number;
  decidedBy: string;
}

async function run(
  store: string,
  limiter: RateLimiter,
  scenario: string,
  calls: number,
  concurrency: number,
): Promise<Row> {
  const latenciesMs: number[] = new Array(calls);
  const decided = new Map<string, number>();
  let allowed = 0;
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      const i = next++;
      const started = process.hrtime.bigint();
      const result = await limiter.limit(`bench:ip:${i % KEYS}`, policy);
      latenciesMs[i] = Number(process.hrtime.bigint() - started) / 1e6;
      if (result.success) allowed++;
      decided.set(result.store, (decided.get(result.store) ?? 0) + 1);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const decidedBy = [...decided].map(([name, n]) => (decided.size > 1 ? `${name} ${n}` : name)).join(", ");
  return { store, scenario, calls, seconds, latenciesMs, allowed, decidedBy };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function table(rows: Row[]): string {
  const head = ["store", "scenario", "calls", "calls/s", "p50 ms", "p99 ms", "max ms", "allowed", "decided by"];
  const body = rows.map((row) => {
    const sorted = [...row.latenciesMs].sort((a, b) => a - b);
    return [
      row.store,
      row.scenario,
      String(row.calls),
      Math.round(row.calls / row.seconds).toLocaleString("en-US"),
      percentile(sorted, 50).toFixed(3),
      percentile(sorted, 99).toFixed(3),
      (sorted.at(-1) ?? NaN).toFixed(3),
      `${((100 * row.allowed) / row.calls).toFixed(1)} %`,
      row.decidedBy,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 || i === 8 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

const quiet = { warn: () => {}, info: () => {} };
const rows: Row[] = [];

const memory = createRateLimiter({ redisUrl: undefined }, { prefix, logger: quiet });
await run("memory", memory, "warm-up", 2_000, 1);
rows.push(await run("memory", memory, "sequential", 50_000, 1));
rows.push(await run("memory", memory, "64 in flight", 50_000, 64));
await memory.close();

const redis = createRateLimiter({ redisUrl }, { prefix, logger: quiet });
await run("redis", redis, "warm-up", 1_000, 1);
if (redis.store !== "redis") {
  console.error(`bench/rate-limit: Redis at ${redisUrl} does not answer; start it or set REDIS_URL`);
  await redis.close();
  process.exit(1);
}
rows.push(await run("redis", redis, "sequential", 10_000, 1));
rows.push(await run("redis", redis, "64 in flight", 50_000, 64));
await redis.close();

const down = createRateLimiter({ redisUrl: "redis://127.0.0.1:1" }, { prefix, logger: quiet });
await run("redis down", down, "warm-up", 1_000, 1);
rows.push(await run("redis down", down, "sequential", 50_000, 1));
await down.close();

console.log(`rate limiter: ${policy.limit} calls / ${policy.windowSeconds} s per key, ${KEYS} keys, Node ${process.version}`);
console.log(table(rows));

const cleanup = rawRedis(redisUrl);
await deleteKeys(cleanup, prefix);
cleanup.disconnect();
