import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlintoClient, PlintoError, PlintoNetworkError } from "./index";

// A real HTTP server on loopback answering the way the API does, so the client's parsing,
// headers and error mapping are exercised over the wire.
let server: Server;
let baseUrl: string;
const seenAuthorization: Array<string | undefined> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seenAuthorization.push(req.headers.authorization);
    const send = (status: number, body: unknown, type = "application/json") => {
      res.writeHead(status, { "content-type": type });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    if (req.url === "/health") return send(200, { status: "ok", service: "plinto-api", version: "0.0.0", uptimeSeconds: 3 });
    if (req.url === "/ready") {
      return send(503, {
        status: "not_ready",
        checks: {
          database: { status: "ok", driver: "pglite" },
          migrations: { status: "fail", applied: 1, expected: 2 },
        },
      });
    }
    if (req.url === "/broken/health") return send(200, { status: "fine" });
    if (req.url === "/html/health") return send(502, "<html>bad gateway</html>", "text/html");
    return send(
      404,
      { type: "https://plinto.dev/errors/not_found", title: "Nothing was found here", status: 404, code: "not_found" },
      "application/problem+json",
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("PlintoClient", () => {
  it("reads health and sends the bearer token", async () => {
    const client = new PlintoClient({ baseUrl: `${baseUrl}/`, token: "sk_test" });
    const health = await client.health();
    expect(health).toEqual({ status: "ok", service: "plinto-api", version: "0.0.0", uptimeSeconds: 3 });
    expect(seenAuthorization.at(-1)).toBe("Bearer sk_test");
  });

  it("returns a not-ready answer instead of throwing", async () => {
    const ready = await new PlintoClient({ baseUrl }).ready();
    expect(ready.status).toBe("not_ready");
    expect(ready.checks.migrations).toEqual({ status: "fail", applied: 1, expected: 2 });
  });

  it("turns a problem document into a typed PlintoError", async () => {
    const error = await new PlintoClient({ baseUrl: `${baseUrl}/missing` }).health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlintoError);
    expect((error as PlintoError).status).toBe(404);
    expect((error as PlintoError).code).toBe("not_found");
  });

  it("refuses an answer that breaks the contract", async () => {
    await expect(new PlintoClient({ baseUrl: `${baseUrl}/broken` }).health()).rejects.toBeInstanceOf(PlintoNetworkError);
    await expect(new PlintoClient({ baseUrl: `${baseUrl}/html` }).health()).rejects.toThrow(/without JSON/);
  });

  it("reports an unreachable API as a network error", async () => {
    const error = await new PlintoClient({ baseUrl: "http://127.0.0.1:1" }).health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlintoNetworkError);
    expect((error as PlintoNetworkError).url).toBe("http://127.0.0.1:1/health");
  });

  it("rejects a relative base URL at construction", () => {
    expect(() => new PlintoClient({ baseUrl: "/api" })).toThrow(/not an absolute URL/);
  });
});
