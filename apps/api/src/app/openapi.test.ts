import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "@plinto/contracts";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../test/instance";
import { GET } from "./v1/openapi.json/route";

const appDir = import.meta.dirname;

/** Every route handler in the app as `METHOD /path`, read from the files Next serves. */
function servedOperations(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "route.ts") {
        const path =
          "/" +
          relative(appDir, dir)
            .split(sep)
            .filter((segment) => !/^\(.*\)$/.test(segment))
            .map((segment) => segment.replace(/^\[(\w+)\]$/, "{$1}"))
            .join("/");
        for (const [, method] of readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) {
          found.push(`${method} ${path === "/" ? "/" : path}`);
        }
      }
    }
  };
  walk(appDir);
  return found.sort();
}

let database: TestDatabase;
beforeAll(async () => {
  ({ database } = await getTestInstance());
});
afterAll(async () => {
  await database?.dispose();
});

describe("GET /v1/openapi.json", () => {
  it("describes exactly the operations the app serves", () => {
    const described = operations.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort();
    expect(described).toEqual(servedOperations());
  });

  it("is an OpenAPI 3.1 document with a schema for every body and answer", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    const ids = new Set<string>();
    for (const [path, methods] of Object.entries<Record<string, { operationId: string; responses: Record<string, unknown>; requestBody?: unknown }>>(
      document.paths,
    )) {
      for (const [method, op] of Object.entries(methods)) {
        expect(ids.has(op.operationId), `${method} ${path}`).toBe(false);
        ids.add(op.operationId);
        const statuses = Object.keys(op.responses);
        expect(statuses.some((s) => s.startsWith("2")), `${method} ${path}`).toBe(true);
      }
    }
    const signIn = document.paths["/v1/tenants/{tenant}/auth/sign-in"].post;
    expect(signIn.requestBody.content["application/json"].schema.required).toEqual(["email", "password"]);
    expect(signIn.responses["401"].content["application/problem+json"]).toBeDefined();
    expect(signIn.responses["429"]).toBeDefined();
    expect(document.servers[0].url).toMatch(/^http/);
  });

  it("gives every management operation worked examples that its own schemas accept", () => {
    const management = operations.filter((op) => op.security === "management");
    expect(management.length).toBeGreaterThan(0);
    for (const op of management) {
      const where = `${op.method.toUpperCase()} ${op.path}`;
      // `/v1/me/…` is about the admin token's own user, not a tenant's data: it needs no scope.
      if (op.path.startsWith("/v1/me/")) expect(op.scope, `${where} names no scope`).toBeUndefined();
      else expect(op.scope, `${where} names its scope`).toMatch(/^[a-z_]+:(read|write|impersonate)$/);
      if (op.body) {
        expect(op.examples?.request, `${where} has a request example`).toBeDefined();
        const parsed = op.body.safeParse(op.examples?.request);
        expect(parsed.success, `${where} request example: ${parsed.error?.message}`).toBe(true);
      }
      if (op.success.schema) {
        expect(op.examples?.response, `${where} has a response example`).toBeDefined();
        const parsed = op.success.schema.safeParse(op.examples?.response);
        expect(parsed.success, `${where} response example: ${parsed.error?.message}`).toBe(true);
      }
      for (const alt of op.success.alternatives ?? []) {
        const parsed = alt.schema.safeParse(alt.example);
        expect(parsed.success, `${where} ${alt.mediaType} example: ${parsed.error?.message}`).toBe(true);
      }
    }
  });

  it("gives every account operation worked examples that its own schemas accept", () => {
    const account = operations.filter((op) => op.tag === "Account");
    expect(account.length).toBeGreaterThan(0);
    for (const op of account) {
      const where = `${op.method.toUpperCase()} ${op.path}`;
      expect(op.path.startsWith("/v1/tenants/{tenant}/"), where).toBe(true);
      if (op.body) {
        const parsed = op.body.safeParse(op.examples?.request);
        expect(parsed.success, `${where} request example: ${parsed.error?.message}`).toBe(true);
      }
      if (op.success.schema) {
        const parsed = op.success.schema.safeParse(op.examples?.response);
        expect(parsed.success, `${where} response example: ${parsed.error?.message}`).toBe(true);
      }
    }
  });

  it("describes uploads and binary answers by their media types", async () => {
    const document = await (await GET()).json();
    const upload = document.paths["/v1/tenants/{tenant}/auth/profile/avatar"].put;
    expect(Object.keys(upload.requestBody.content)).toEqual(["image/png", "image/jpeg", "image/webp", "application/octet-stream"]);
    const avatar = document.paths["/v1/tenants/{tenant}/avatars/{avatar}"].get;
    expect(Object.keys(avatar.responses["200"].content)).toEqual(["image/png", "image/jpeg", "image/webp"]);
    expect(avatar.security).toEqual([]);
  });

  it("puts the examples and the scope in the document", async () => {
    const document = await (await GET()).json();
    const list = document.paths["/v1/applications"].get;
    expect(list["x-plinto-scope"]).toBe("applications:read");
    expect(list.security).toEqual([{ apiKey: [] }, { adminToken: [] }]);
    expect(list.parameters.some((p: { name: string; in: string }) => p.in === "header" && p.name === "plinto-tenant")).toBe(true);
    expect(list.responses["200"].content["application/json"].example.applications).toBeInstanceOf(Array);
    // An export answers a file in more than one format; each is described with its example.
    const exported = document.paths["/v1/audit-events/export"].get.responses["200"];
    expect(exported.content["text/csv"].example).toMatch(/^id,seq,occurredAt,action,/);
    expect(exported.content["application/json"].example.events).toBeInstanceOf(Array);
    const create = document.paths["/v1/applications"].post;
    expect(create.requestBody.content["application/json"].example.name).toEqual(expect.any(String));
  });
});
