import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "@playwright/test";

/**
 * The application's own server, on loopback: it records every request to its redirect URI, so
 * the test sees exactly what the provider sent the browser back with.
 */
export async function applicationServer() {
  const caught: URL[] = [];
  const server = createServer((req, res) => {
    // Only the redirect URI counts (the browser also asks this origin for /favicon.ico).
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    if (url.pathname === "/callback") caught.push(url);
    res.setHeader("content-type", "text/html");
    res.end("<!doctype html><title>Application</title><p>Back at the application.</p>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  return {
    redirectUri,
    /** Runs `start` and resolves with the next URL the provider sends the browser back to. */
    async next(start: () => Promise<unknown>) {
      const before = caught.length;
      await start();
      await expect.poll(() => caught.length, { message: "the provider's redirect to the application" }).toBeGreaterThan(before);
      return caught[before]!;
    },
    /** Every request to the redirect URI so far. */
    caught,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
