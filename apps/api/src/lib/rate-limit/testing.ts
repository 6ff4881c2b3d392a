import { randomUUID } from "node:crypto";
import { createServer, connect, type AddressInfo, type Server, type Socket } from "node:net";
import { Redis } from "ioredis";

/** The real Redis the tests run against (CI sets REDIS_URL; locally Redis runs on 6379). */
export const REDIS_URL = process.env.REDIS_URL?.trim() || "redis://127.0.0.1:6379";

/** A key prefix no other test run uses, so runs on a shared Redis never see each other's counts. */
export function uniquePrefix(): string {
  return `plinto:rl:test:${randomUUID()}`;
}

/** A plain ioredis client for looking at what the limiter wrote. */
export function rawRedis(url = REDIS_URL): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: false });
}

/** Deletes every key under `prefix` (they expire anyway; this keeps a shared Redis tidy). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== "0");
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits, if needed, until at least `marginMs` remain in the current `windowMs` window, so a burst
 * of calls does not straddle two windows.
 */
export async function freshWindow(windowMs: number, marginMs = 400): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < marginMs) await sleep(left + 5);
}

/** Collects log lines instead of printing them. */
export function captureLog() {
  const warn: string[] = [];
  const info: string[] = [];
  return { warn, info, logger: { warn: (m: string) => void warn.push(m), info: (m: string) => void info.push(m) } };
}

/** A TCP server on 127.0.0.1 that accepts connections and never writes a byte. */
export async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
  });
  await listen(server, 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A TCP proxy on 127.0.0.1 in front of the real Redis that can be taken down (every connection cut,
 * port closed) and brought back on the same port: Redis going away and returning, for real.
 */
export async function redisProxy(target = REDIS_URL) {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const open = async () => {
    server = createServer((client) => {
      const upstream = connect(Number(targetPort || 6379), hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await listen(server, port);
    port = (server.address() as AddressInfo).port;
  };
  const down = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (server) server.close(() => resolve());
      else resolve();
      server = undefined;
    });
  await open();
  return { url: `redis://127.0.0.1:${port}`, down, up: open };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/**
 * Waits, when needed, until the current window of `windowSeconds` has at least `needMs` left.
 * Windows are aligned to the epoch, and the sliding window weighs the previous window's count by
 * the part of it still covered, rounding down: a run of N+1 attempts that straddles a boundary can
 * see its last attempt let through. A test that counts to exactly N+1 starts away from the edge.
 */
export async function awayFromWindowEdge(windowSeconds: number, needMs = 10_000): Promise<void> {
  const windowMs = windowSeconds * 1_000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
