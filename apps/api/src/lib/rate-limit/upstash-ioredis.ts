import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * The part of `@upstash/redis`'s client that `@upstash/ratelimit` 2.0.8 calls in the way we use it
 * (single region, `fixedWindow` / `slidingWindow`, no analytics, no deny list, no dynamic limits):
 *
 * - `evalsha(sha1, keys, args)`: every `limit()` and `getRemaining()` (the limiter's `peek`), with
 *   the SHA-1 of its script (hard-coded in the package; checked to equal the SHA-1 of the script
 *   text in 2.0.8);
 * - `eval(script, keys, args)`: only when `evalsha` failed with an error whose text contains
 *   `NOSCRIPT` (the package's `safeEval`), i.e. after a Redis restart or `SCRIPT FLUSH`.
 *
 * Both resolve with the script's reply as Redis sends it (ioredis gives integers as numbers and
 * arrays as arrays, which is what the package reads). Nothing else is called: `scriptLoad` is no
 * longer used since 2.0.3, and `get`/`set`/`del`/`multi` belong to dynamic limits, the deny list and
 * analytics, which we leave off. (The package's declared type, `Pick<Redis, "evalsha" | "get" |
 * "set">`, omits `eval` although `safeEval` calls it, and names `get`/`set` that this path never
 * calls; hence the cast where the adapter is handed over.)
 */
export interface UpstashScriptClient {
  eval<TArgs extends unknown[], TData = unknown>(script: string, keys: string[], args: TArgs): Promise<TData>;
  evalsha<TArgs extends unknown[], TData = unknown>(sha1: string, keys: string[], args: TArgs): Promise<TData>;
}

/** Script flags stock Redis 7 knows (https://redis.io/docs/latest/develop/interact/programmability/lua-api/#script-flags). */
const STOCK_REDIS_FLAGS = new Set(["no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys"]);

/**
 * Makes an Upstash Lua script acceptable to stock Redis. 2.0.8's scripts need nothing (no shebang,
 * only GET / INCRBY / PEXPIRE / HMGET / HSET), but `@upstash/ratelimit` 2.1 puts
 * `#!lua flags=allow-key-locking` on the first line, which stock Redis 7 refuses with
 * "Unexpected flag in script shebang" (and Redis 6 cannot parse at all). Flags stock Redis does not
 * know are dropped; when none is left the shebang line becomes an empty line, which gives back the
 * pre-2.1 script (same semantics, same line numbers in error messages). Redis only reads a shebang on
 * the very first line, so nothing else is touched.
 */
export function toStockRedisScript(script: string): string {
  const match = /^#!lua\b([^\r\n]*)(\r?\n)/.exec(script);
  if (!match) return script;
  const body = script.slice(match[0].length);
  const flags = (/(?:^|\s)flags=(\S*)/.exec(match[1] ?? "")?.[1] ?? "").split(",").filter((flag) => flag !== "");
  const kept = flags.filter((flag) => STOCK_REDIS_FLAGS.has(flag));
  if (kept.length === flags.length) return script;
  return kept.length > 0 ? `#!lua flags=${kept.join(",")}${match[2]}${body}` : `${match[2]}${body}`;
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** How Upstash's REST client sends arguments: strings and numbers as they are, anything else as JSON. */
function toArgument(value: unknown): string | number {
  if (typeof value === "string" || typeof value === "number") return value;
  if (value === null || value === undefined) return "";
  return JSON.stringify(value);
}

/**
 * Adapts an ioredis client to `UpstashScriptClient`. When a script had to be rewritten for stock
 * Redis, its SHA-1 changes; the adapter remembers Upstash's SHA-1 → ours once `eval` has run the
 * script, so later `evalsha` calls (with Upstash's hard-coded SHA-1) hit Redis's script cache
 * instead of paying a NOSCRIPT round trip plus a full `EVAL` on every call.
 */
export function createUpstashAdapter(redis: Redis): UpstashScriptClient {
  const rewritten = new Map<string, string>();
  return {
    async evalsha<TArgs extends unknown[], TData = unknown>(hash: string, keys: string[], args: TArgs) {
      const result = await redis.evalsha(rewritten.get(hash) ?? hash, keys.length, ...keys, ...args.map(toArgument));
      return result as TData;
    },
    async eval<TArgs extends unknown[], TData = unknown>(script: string, keys: string[], args: TArgs) {
      const stock = toStockRedisScript(script);
      if (stock !== script) rewritten.set(sha1(script), sha1(stock));
      const result = await redis.eval(stock, keys.length, ...keys, ...args.map(toArgument));
      return result as TData;
    },
  };
}
