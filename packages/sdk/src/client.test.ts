import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlintoApiError, PlintoClient, PlintoError, PlintoNetworkError } from "./index";

// A real HTTP server on loopback answering the way the API does, so the client's parsing,
// headers and error mapping are exercised over the wire.
let server: Server;
let baseUrl: string;
const seenAuthorization: Array<string | undefined> = [];
const seenRequests: Array<{ method: string; url: string; body: string; contentType: string | undefined }> = [];
const APP_ID = "app_01k0000000000000000000000a";
const application = {
  id: APP_ID,
  name: "Portal",
  type: "web",
  clientId: "client-1",
  tokenEndpointAuthMethod: "client_secret_basic",
  redirectUris: ["https://portal.example.com/callback"],
  postLogoutRedirectUris: [],
  grantTypes: ["authorization_code", "refresh_token"],
  allowedScopes: ["openid"],
  firstParty: true,
  jwks: null,
  logoUri: null,
  accessTokenTtlSeconds: 3600,
  refreshTokenTtlSeconds: 2592000,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

beforeAll(async () => {
  server = createServer(async (req, res) => {
    seenAuthorization.push(req.headers.authorization);
    let body = "";
    for await (const chunk of req) body += String(chunk);
    seenRequests.push({ method: req.method!, url: req.url!, body, contentType: req.headers["content-type"] });
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
    if (req.url === "/v1/applications" && req.method === "GET") return send(200, { applications: [application] });
    if (req.url === "/v1/applications" && req.method === "POST") {
      return send(
        400,
        {
          type: "https://plinto.dev/errors/validation_failed",
          title: "The request is not valid",
          status: 400,
          code: "validation_failed",
          detail: "2 fields are wrong",
          errors: [
            { path: "name", message: "Name the application in 1–100 characters" },
            { path: "redirectUris.0", message: "A redirect URI is absolute" },
            { path: "redirectUris.0", message: "A redirect URI has no fragment" },
          ],
        },
        "application/problem+json",
      );
    }
    if (req.url === `/v1/applications/${APP_ID}` && req.method === "DELETE") {
      res.writeHead(204).end();
      return;
    }
    if (req.url === `/v1/applications/${APP_ID}` && req.method === "GET") return send(200, { application: { ...application, type: "hybrid" } });
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

describe("PlintoClient management methods", () => {
  it("sends the API key, JSON bodies and the right method and path; parses the answer", async () => {
    const client = new PlintoClient({ baseUrl, apiKey: "plinto_sk_test" });
    expect(await client.applications.list()).toEqual([application]);
    expect(seenAuthorization.at(-1)).toBe("Bearer plinto_sk_test");
    await expect(client.applications.delete(APP_ID)).resolves.toBeUndefined();
    expect(seenRequests.at(-1)).toMatchObject({ method: "DELETE", url: `/v1/applications/${APP_ID}`, body: "" });
  });

  it("turns validation_failed into PlintoApiError with fields by path", async () => {
    const client = new PlintoClient({ baseUrl, apiKey: "plinto_sk_test" });
    const error = await client.applications.create({ name: "", type: "web" }).catch((e: unknown) => e);
    expect(seenRequests.at(-1)).toMatchObject({ method: "POST", contentType: "application/json", body: JSON.stringify({ name: "", type: "web" }) });
    expect(error).toBeInstanceOf(PlintoApiError);
    expect(error).toBeInstanceOf(PlintoError); // the earlier name is the same class
    expect(error).toMatchObject({ status: 400, code: "validation_failed", detail: "2 fields are wrong" });
    expect((error as PlintoApiError).fields).toEqual({
      name: ["Name the application in 1–100 characters"],
      "redirectUris.0": ["A redirect URI is absolute", "A redirect URI has no fragment"],
    });
  });

  it("refuses a success answer that breaks the contract", async () => {
    const error = await new PlintoClient({ baseUrl }).applications.get(APP_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlintoNetworkError);
    expect((error as PlintoNetworkError).status).toBe(200);
  });

  it("refuses an API key and a token together", () => {
    expect(() => new PlintoClient({ baseUrl, apiKey: "a", token: "b" })).toThrow(/not both/);
  });
});
