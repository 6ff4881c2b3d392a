import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applicationListResponseSchema,
  applicationResponseSchema,
  applicationSecretRotatedResponseSchema,
} from "@plinto/contracts";
import { auditEvents } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { createApiKey, type ApiKeyScope } from "../../services/api-keys/api-keys";
import { getApplication, verifyClientSecret } from "../../services/applications/applications";
import { systemContext } from "../../services/context";
import { createTenant } from "../../services/tenants/tenants";
import { DELETE as deleteOne, GET as getOne, PATCH as patchOne } from "./applications/[application]/route";
import { POST as rotateSecret } from "./applications/[application]/rotate-secret/route";
import { GET as list, POST as create } from "./applications/route";
import { bodyOf, problemOf } from "../../../test/responses";

const API = "http://localhost:4000/v1/applications";
const CALLBACK = "https://app.example.com/callback";
let database: TestDatabase;
const tenants = { a: "", b: "" };
const keys = {} as Record<"a" | "b" | "readOnly" | "writeOnly" | "signingKeys", string>;

beforeAll(async () => {
  ({ database } = await getTestInstance());
  tenants.a = (await createTenant(database.db, systemContext, { slug: "app-routes-a", name: "A" })).id;
  tenants.b = (await createTenant(database.db, systemContext, { slug: "app-routes-b", name: "B" })).id;
  const key = async (tenantId: string, scopes: ApiKeyScope[]) =>
    (await createApiKey(database.db, systemContext, { tenantId, name: scopes.join(" "), scopes })).secret;
  keys.a = await key(tenants.a, ["applications:read", "applications:write"]);
  keys.b = await key(tenants.b, ["applications:read", "applications:write"]);
  keys.readOnly = await key(tenants.a, ["applications:read"]);
  keys.writeOnly = await key(tenants.a, ["applications:write"]);
  keys.signingKeys = await key(tenants.a, ["signing_keys:read", "signing_keys:write"]);
});
afterAll(async () => {
  await database?.dispose();
});

interface Call {
  key?: string;
  body?: unknown;
  contentType?: string;
}

function request(url: string, method: string, { key, body, contentType = "application/json" }: Call = {}) {
  const headers = new Headers(key ? { authorization: `Bearer ${key}` } : {});
  if (body !== undefined) headers.set("content-type", contentType);
  return new Request(url, { method, headers, ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}) });
}
const at = (application: string) => ({ params: Promise.resolve({ application }) });

/** Every handler, called the way Next calls it. */
const endpoints = {
  list: (call: Call = {}) => list(request(API, "GET", call)),
  create: (call: Call = {}) => create(request(API, "POST", call)),
  get: (id: string, call: Call = {}) => getOne(request(`${API}/${id}`, "GET", call), at(id)),
  update: (id: string, call: Call = {}) => patchOne(request(`${API}/${id}`, "PATCH", call), at(id)),
  remove: (id: string, call: Call = {}) => deleteOne(request(`${API}/${id}`, "DELETE", call), at(id)),
  rotate: (id: string, call: Call = {}) => rotateSecret(request(`${API}/${id}/rotate-secret`, "POST", call), at(id)),
};

async function created(key = keys.a, body: Record<string, unknown> = { name: "Portal", type: "web", redirectUris: [CALLBACK] }) {
  return bodyOf(await endpoints.create({ key, body }), 201, applicationResponseSchema);
}

describe("API key scopes", () => {
  it("answers 401 without a valid key and 403 without the scope, on every operation", async () => {
    const { application } = await created();
    const body = { name: "x" };
    const calls = [
      ["read", (c: Call) => endpoints.list(c)],
      ["read", (c: Call) => endpoints.get(application.id, c)],
      ["write", (c: Call) => endpoints.create({ ...c, body: { name: "x", type: "spa" } })],
      ["write", (c: Call) => endpoints.update(application.id, { ...c, body })],
      ["write", (c: Call) => endpoints.remove(application.id, c)],
      ["write", (c: Call) => endpoints.rotate(application.id, c)],
    ] as const;
    for (const [needs, call] of calls) {
      await problemOf(await call({}), 401, "unauthorized");
      await problemOf(await call({ key: "plinto_sk_not-a-real-key" }), 401, "unauthorized");
      const problem = await problemOf(await call({ key: keys.signingKeys }), 403, "forbidden");
      expect(problem.detail).toContain(`applications:${needs}`);
      await problemOf(await call({ key: needs === "read" ? keys.writeOnly : keys.readOnly }), 403, "forbidden");
    }
    expect((await endpoints.get(application.id, { key: keys.readOnly })).status).toBe(200);
  });
});

describe("POST /v1/applications", () => {
  it("creates a web application: 201, its client secret this once, audited as the API key", async () => {
    const { application, clientSecret } = await created();
    expect(application).toMatchObject({ name: "Portal", type: "web", tokenEndpointAuthMethod: "client_secret_basic", redirectUris: [CALLBACK] });
    expect(clientSecret).toMatch(/^plinto_cs_/);
    expect(verifyClientSecret(await getApplication(database.db, tenants.a, application.id), clientSecret!)).toBe(true);
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, application.id), eq(auditEvents.action, "application.created")));
    expect(event?.actorType).toBe("api_key");
  });

  it("creates a public spa with no secret in the answer", async () => {
    const body = await created(keys.a, { name: "SPA", type: "spa", redirectUris: ["http://localhost:5173/callback"] });
    expect(body.clientSecret).toBeUndefined();
    expect(body.application.tokenEndpointAuthMethod).toBe("none");
  });

  it("refuses bodies that are not JSON, are not JSON objects of known fields, or break the rules", async () => {
    await problemOf(await endpoints.create({ key: keys.a, body: "{not json" }), 400, "malformed_json");
    await problemOf(await endpoints.create({ key: keys.a, body: { name: "x", type: "web" }, contentType: "text/plain" }), 415, "unsupported_media_type");
    const cases: Array<[unknown, string]> = [
      [{ name: "x", type: "web", redirectUris: [CALLBACK], clientSecret: "mine" }, "(body)"],
      [{ name: "x", type: "web", redirectUris: [CALLBACK], clientId: "chosen" }, "(body)"],
      [{ name: 42, type: "web", redirectUris: [CALLBACK] }, "name"],
      [{ name: "x", type: "hybrid" }, "type"],
      [{ name: "x", type: "web", redirectUris: CALLBACK }, "redirectUris"],
      [{ name: "x", type: "web", redirectUris: [CALLBACK], grantTypes: ["implicit"] }, "grantTypes.0"],
      [{ name: "x", type: "web", redirectUris: [CALLBACK], allowedScopes: ["admin"] }, "allowedScopes.0"],
      [{ name: "x", type: "web", redirectUris: [CALLBACK], accessTokenTtlSeconds: "3600" }, "accessTokenTtlSeconds"],
      [{ name: "x", type: "web", redirectUris: [CALLBACK], accessTokenTtlSeconds: 30 }, "accessTokenTtlSeconds"],
      [{ name: "x", type: "web", redirectUris: [CALLBACK], firstParty: "yes" }, "firstParty"],
      [[{ name: "x", type: "web" }], "(body)"],
      // Shape is fine; the service's rules refuse it.
      [{ name: "x", type: "web", redirectUris: ["http://app.example.com/callback"] }, "redirectUris.0"],
      [{ name: "x", type: "spa", redirectUris: [CALLBACK], grantTypes: ["client_credentials"] }, "grantTypes"],
      [{ name: "x", type: "web", tokenEndpointAuthMethod: "private_key_jwt", redirectUris: [CALLBACK], jwks: { keys: [{ kty: "EC", d: "x" }] } }, "jwks.keys.0"],
    ];
    for (const [body, path] of cases) {
      const problem = await problemOf(await endpoints.create({ key: keys.a, body }), 400, "validation_failed");
      expect(problem.errors?.map((e) => e.path), JSON.stringify(body)).toContain(path);
    }
    const listed = await bodyOf(await endpoints.list({ key: keys.a }), 200, applicationListResponseSchema);
    expect(listed.applications.map((a) => a.name)).not.toContain("x");
  });
});

describe("GET, PATCH, DELETE /v1/applications/{application}", () => {
  it("lists and reads applications without any secret", async () => {
    const { application, clientSecret } = await created();
    const listed = await bodyOf(await endpoints.list({ key: keys.readOnly }), 200, applicationListResponseSchema);
    expect(listed.applications.map((a) => a.id)).toContain(application.id);
    const one = await endpoints.get(application.id, { key: keys.a });
    const text = await one.clone().text();
    expect(text).not.toContain(clientSecret!);
    const body = await bodyOf(one, 200, applicationResponseSchema);
    expect(body).toEqual({ application });
  });

  it("changes only the fields sent, and refuses unknown or unchangeable fields", async () => {
    const { application } = await created();
    const changed = await bodyOf(
      await endpoints.update(application.id, { key: keys.a, body: { name: "Renamed", postLogoutRedirectUris: ["https://app.example.com/"] } }),
      200,
      applicationResponseSchema,
    );
    expect(changed.application).toMatchObject({ name: "Renamed", redirectUris: [CALLBACK], postLogoutRedirectUris: ["https://app.example.com/"] });
    expect(changed.clientSecret).toBeUndefined();
    for (const body of [{ type: "spa" }, { clientId: "mine" }, { name: "" }, { redirectUris: ["https://*.example.com/"] }]) {
      await problemOf(await endpoints.update(application.id, { key: keys.a, body }), 400, "validation_failed");
    }
    await problemOf(await endpoints.update(application.id, { key: keys.a, body: "nope" }), 400, "malformed_json");
  });

  it("deletes: 204 with no body, then 404", async () => {
    const { application } = await created();
    const response = await endpoints.remove(application.id, { key: keys.a });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    await problemOf(await endpoints.get(application.id, { key: keys.a }), 404, "not_found");
    await problemOf(await endpoints.remove(application.id, { key: keys.a }), 404, "not_found");
    await problemOf(await endpoints.get("not-an-id", { key: keys.a }), 404, "not_found");
  });
});

describe("POST /v1/applications/{application}/rotate-secret", () => {
  it("issues a new secret once; the old one stops working", async () => {
    const { application, clientSecret } = await created();
    const rotated = await bodyOf(await endpoints.rotate(application.id, { key: keys.a }), 200, applicationSecretRotatedResponseSchema);
    expect(rotated.clientSecret).not.toBe(clientSecret);
    const stored = await getApplication(database.db, tenants.a, application.id);
    expect(verifyClientSecret(stored, clientSecret!)).toBe(false);
    expect(verifyClientSecret(stored, rotated.clientSecret)).toBe(true);
  });

  it("answers 409 for a public client, which has no secret", async () => {
    const { application } = await created(keys.a, { name: "SPA", type: "spa", redirectUris: [CALLBACK] });
    await problemOf(await endpoints.rotate(application.id, { key: keys.a }), 409, "conflict");
  });
});

describe("tenant isolation", () => {
  it("answers another tenant's application as not found, and leaves it alone", async () => {
    const { application, clientSecret } = await created(keys.a);
    await problemOf(await endpoints.get(application.id, { key: keys.b }), 404, "not_found");
    await problemOf(await endpoints.update(application.id, { key: keys.b, body: { name: "Mine now" } }), 404, "not_found");
    await problemOf(await endpoints.rotate(application.id, { key: keys.b }), 404, "not_found");
    await problemOf(await endpoints.remove(application.id, { key: keys.b }), 404, "not_found");
    const listed = await bodyOf(await endpoints.list({ key: keys.b }), 200, applicationListResponseSchema);
    expect(listed.applications.map((a) => a.id)).not.toContain(application.id);
    const stored = await getApplication(database.db, tenants.a, application.id);
    expect(stored.name).toBe("Portal");
    expect(verifyClientSecret(stored, clientSecret!)).toBe(true);
  });
});
