import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";
import { corsDecision, handleCors } from "./cors";

const docs = "http://localhost:3001";

describe("corsDecision", () => {
  const decide = (method: string, pathname: string, origin?: string, requestMethod?: string) =>
    corsDecision({ method, pathname, origin, requestMethod }, [docs]);

  it("lets the allowed origin read /v1, /health and /ready answers, without credentials", () => {
    for (const path of ["/v1/users", "/v1", "/v1/openapi.json", "/health", "/ready"]) {
      const decision = decide("GET", path, docs);
      expect(decision, path).toEqual({
        preflight: false,
        headers: { vary: "Origin", "access-control-allow-origin": docs, "access-control-expose-headers": "retry-after, location, www-authenticate" },
      });
      expect(decision!.headers).not.toHaveProperty("access-control-allow-credentials");
    }
  });

  it("answers a preflight from the allowed origin with the methods and headers the API takes", () => {
    expect(decide("OPTIONS", "/v1/applications", docs, "POST")).toEqual({
      preflight: true,
      headers: {
        vary: "Origin",
        "access-control-allow-origin": docs,
        "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE",
        "access-control-allow-headers": "authorization, content-type, plinto-tenant",
        "access-control-max-age": "600",
      },
    });
  });

  it("gives any other origin nothing to read, preflight or not", () => {
    for (const origin of ["http://evil.example", "http://localhost:3002", "http://localhost:3001.evil.example", "null", `${docs}/`]) {
      expect(decide("GET", "/v1/users", origin)).toEqual({ preflight: false, headers: { vary: "Origin" } });
      expect(decide("OPTIONS", "/v1/users", origin, "DELETE")).toEqual({ preflight: true, headers: { vary: "Origin" } });
    }
  });

  it("leaves other paths and requests without an Origin alone", () => {
    for (const path of ["/t/demo/token", "/t/demo/sign-in", "/", "/v10/x", "/healthz", "/ready/x"]) {
      expect(decide("GET", path, docs), path).toBeNull();
      expect(decide("OPTIONS", path, docs, "POST"), path).toBeNull();
    }
    expect(decide("GET", "/v1/users", undefined)).toBeNull();
  });
});

describe("handleCors at the HTTP edge", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // As server.ts wires it: the policy first, then the application (here one that names the method).
    server = createServer((req, res) => {
      if (handleCors(req, res, [docs])) return;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ method: req.method }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers the preflight itself with 204 and lets the real request through with the allow-origin header", async () => {
    const preflight = await fetch(`${url}/v1/signing-keys`, {
      method: "OPTIONS",
      headers: { origin: docs, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(docs);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(await preflight.text()).toBe("");

    const actual = await fetch(`${url}/v1/signing-keys`, { headers: { origin: docs } });
    expect(await actual.json()).toEqual({ method: "GET" });
    expect(actual.headers.get("access-control-allow-origin")).toBe(docs);
    expect(actual.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("refuses a preflight from another origin: 204 without any allow header", async () => {
    const preflight = await fetch(`${url}/v1/users`, {
      method: "OPTIONS",
      headers: { origin: "http://evil.example", "access-control-request-method": "DELETE" },
    });
    expect(preflight.status).toBe(204);
    expect([...preflight.headers.keys()].filter((h) => h.startsWith("access-control-"))).toEqual([]);
  });

  it("passes a plain OPTIONS (no preflight) and other paths to the application", async () => {
    expect(await (await fetch(`${url}/v1/users`, { method: "OPTIONS" })).json()).toEqual({ method: "OPTIONS" });
    const other = await fetch(`${url}/t/demo/token`, { headers: { origin: docs } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("PLINTO_CORS_ORIGINS", () => {
  const home = () => mkdtempSync(join(tmpdir(), "plinto-cors-"));
  const problems = (value: string) => {
    try {
      loadConfig({ PLINTO_HOME: home(), PLINTO_CORS_ORIGINS: value });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it("defaults to the docs site's origin, following PLINTO_DOCS_URL and PLINTO_PORT_OFFSET", () => {
    expect(loadConfig({ PLINTO_HOME: home() }).corsOrigins).toEqual(["http://localhost:3001"]);
    expect(loadConfig({ PLINTO_HOME: home(), PLINTO_PORT_OFFSET: "25000" }).corsOrigins).toEqual(["http://localhost:28001"]);
    expect(loadConfig({ PLINTO_HOME: home(), PLINTO_DOCS_URL: "https://docs.example.com/guide/" }).corsOrigins).toEqual(["https://docs.example.com"]);
  });

  it("takes a list of exact origins, or none", () => {
    const config = loadConfig({ PLINTO_HOME: home(), PLINTO_CORS_ORIGINS: "https://docs.example.com, http://localhost:8080" });
    expect(config.corsOrigins).toEqual(["https://docs.example.com", "http://localhost:8080"]);
    expect(loadConfig({ PLINTO_HOME: home(), PLINTO_CORS_ORIGINS: "none" }).corsOrigins).toEqual([]);
  });

  it("refuses wildcards, paths and other schemes, one line each", () => {
    expect(problems("*, https://docs.example.com/path, ftp://x.example")).toEqual([
      'PLINTO_CORS_ORIGINS has "*", which is not an origin (expected https://host[:port], no path)',
      'PLINTO_CORS_ORIGINS has "https://docs.example.com/path", which is not an origin (expected https://host[:port], no path)',
      'PLINTO_CORS_ORIGINS has "ftp://x.example", which is not an origin (expected https://host[:port], no path)',
    ]);
  });
});
