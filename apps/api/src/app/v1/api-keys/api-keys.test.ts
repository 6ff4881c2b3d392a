import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyCreatedResponseSchema, apiKeyListResponseSchema, apiKeyResponseSchema, problemDetailsSchema, tenantSettingsResponseSchema } from "@plinto/contracts";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../../test/instance";
import { createApiKey, type ApiKeyScope } from "../../../services/api-keys/api-keys";
import { systemContext } from "../../../services/context";
import { createTenant } from "../../../services/tenants/tenants";
import { GET as getSettings, PATCH as patchSettings } from "../settings/route";
import { DELETE as revoke, GET as getOne } from "./[apiKey]/route";
import { GET as list, POST as create } from "./route";

const API = "http://localhost:4000/v1";
let database: TestDatabase;
const tenants = { a: "", b: "" };
const keys = {} as Record<"a" | "b" | "keysOnly" | "readOnly" | "settings" | "settingsRead", string>;

beforeAll(async () => {
  ({ database } = await getTestInstance());
  tenants.a = (await createTenant(database.db, systemContext, { slug: "key-routes-a", name: "A" })).id;
  tenants.b = (await createTenant(database.db, systemContext, { slug: "key-routes-b", name: "B" })).id;
  const key = async (tenantId: string, scopes: ApiKeyScope[]) => (await createApiKey(database.db, systemContext, { tenantId, name: scopes.join(" "), scopes })).secret;
  keys.a = await key(tenants.a, ["api_keys:read", "api_keys:write", "users:read"]);
  keys.b = await key(tenants.b, ["api_keys:read", "api_keys:write"]);
  keys.keysOnly = await key(tenants.a, ["api_keys:write"]);
  keys.readOnly = await key(tenants.a, ["api_keys:read"]);
  keys.settings = await key(tenants.a, ["settings:read", "settings:write"]);
  keys.settingsRead = await key(tenants.a, ["settings:read"]);
});
afterAll(async () => {
  await database?.dispose();
});

function request(path: string, method: string, key?: string, body?: unknown) {
  const headers = new Headers(key ? { authorization: `Bearer ${key}` } : {});
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(`${API}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}
const at = (apiKey: string) => ({ params: Promise.resolve({ apiKey }) });
async function codeOf(response: Response, status: number) {
  expect(response.status).toBe(status);
  return problemDetailsSchema.parse(await response.json()).code;
}

describe("/v1/api-keys", () => {
  it("creates a key with the secret this once; lists and gets it without the secret; the key works", async () => {
    const response = await create(request("/api-keys", "POST", keys.a, { name: "Reporting", scopes: ["users:read"], expiresInDays: 30 }));
    expect(response.status).toBe(201);
    const { apiKey, secret } = apiKeyCreatedResponseSchema.parse(await response.json());
    expect(secret).toMatch(/^plinto_sk_/);
    expect(apiKey.expiresAt).not.toBeNull();
    const listed = await list(request("/api-keys", "GET", keys.readOnly));
    const text = await listed.text();
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/hash/i);
    expect(apiKeyListResponseSchema.parse(JSON.parse(text)).apiKeys.map((k) => k.id)).toContain(apiKey.id);
    expect(apiKeyResponseSchema.parse(await (await getOne(request(`/api-keys/${apiKey.id}`, "GET", keys.a), at(apiKey.id))).json()).apiKey.name).toBe("Reporting");
    // The new key authenticates with its own scope, and nothing more.
    expect(await codeOf(await list(request("/api-keys", "GET", secret)), 403)).toBe("forbidden");
  });

  it("refuses to hand out scopes the caller lacks (403), and bad bodies (400)", async () => {
    expect(await codeOf(await create(request("/api-keys", "POST", keys.keysOnly, { name: "Escalate", scopes: ["users:write"] })), 403)).toBe("forbidden");
    expect(await codeOf(await create(request("/api-keys", "POST", keys.a, { name: "Escalate", scopes: ["users:write"] })), 403)).toBe("forbidden");
    const bad = [
      { name: "x", scopes: [] },
      { name: "x", scopes: ["everything"] },
      { name: "x", scopes: ["users:read"], expiresInDays: 0 },
      { name: "x", scopes: ["users:read"], expiresAt: "2020-01-01T00:00:00Z" },
      { name: "x", scopes: ["users:read"], expiresAt: "2099-01-01T00:00:00Z", expiresInDays: 3 },
      { name: "x", scopes: ["users:read"], secret: "mine" },
    ];
    for (const body of bad) expect(await codeOf(await create(request("/api-keys", "POST", keys.a, body)), 400), JSON.stringify(body)).toBe("validation_failed");
  });

  it("401 / 403 / 404 across tenants; a key may revoke itself and then stops working", async () => {
    expect(await codeOf(await list(request("/api-keys", "GET")), 401)).toBe("unauthorized");
    expect(await codeOf(await list(request("/api-keys", "GET", keys.settings)), 403)).toBe("forbidden");
    expect(await codeOf(await create(request("/api-keys", "POST", keys.readOnly, { name: "x", scopes: ["api_keys:read"] })), 403)).toBe("forbidden");
    const theirs = apiKeyCreatedResponseSchema.parse(await (await create(request("/api-keys", "POST", keys.b, { name: "B's", scopes: ["api_keys:read"] }))).json());
    expect(await codeOf(await getOne(request(`/api-keys/${theirs.apiKey.id}`, "GET", keys.a), at(theirs.apiKey.id)), 404)).toBe("not_found");
    expect(await codeOf(await revoke(request(`/api-keys/${theirs.apiKey.id}`, "DELETE", keys.a), at(theirs.apiKey.id)), 404)).toBe("not_found");
    expect((await list(request("/api-keys", "GET", theirs.secret))).status).toBe(200);

    const self = apiKeyCreatedResponseSchema.parse(
      await (await create(request("/api-keys", "POST", keys.a, { name: "Self", scopes: ["api_keys:read", "api_keys:write"] }))).json(),
    );
    expect((await revoke(request(`/api-keys/${self.apiKey.id}`, "DELETE", self.secret), at(self.apiKey.id))).status).toBe(204);
    expect(await codeOf(await list(request("/api-keys", "GET", self.secret)), 401)).toBe("unauthorized");
    const after = apiKeyResponseSchema.parse(await (await getOne(request(`/api-keys/${self.apiKey.id}`, "GET", keys.a), at(self.apiKey.id))).json());
    expect(after.apiKey.revokedAt).not.toBeNull();
  });
});

describe("/v1/settings", () => {
  it("reads and deep-merges the tenant's settings, per scope, per tenant", async () => {
    expect(await codeOf(await getSettings(request("/settings", "GET")), 401)).toBe("unauthorized");
    expect(await codeOf(await getSettings(request("/settings", "GET", keys.a)), 403)).toBe("forbidden");
    expect(await codeOf(await patchSettings(request("/settings", "PATCH", keys.settingsRead, { branding: { displayName: "x" } })), 403)).toBe("forbidden");
    const patched = await patchSettings(request("/settings", "PATCH", keys.settings, { branding: { displayName: "Acme" }, mfaPolicy: { mode: "required" } }));
    expect(patched.status).toBe(200);
    const { settings } = tenantSettingsResponseSchema.parse(await patched.json());
    expect(settings.branding).toEqual({ displayName: "Acme" });
    expect(settings.mfaPolicy?.requiredSince).toEqual(expect.any(String));
    await patchSettings(request("/settings", "PATCH", keys.settings, { branding: { primaryColor: "#112233" } }));
    const read = tenantSettingsResponseSchema.parse(await (await getSettings(request("/settings", "GET", keys.settingsRead))).json());
    expect(read.settings.branding).toEqual({ displayName: "Acme", primaryColor: "#112233" });
    expect(await codeOf(await patchSettings(request("/settings", "PATCH", keys.settings, { mfaPolicy: { mode: "always" } })), 400)).toBe("validation_failed");
    expect(await codeOf(await patchSettings(request("/settings", "PATCH", keys.settings, { sessionLifetimes: { absoluteSeconds: 600 } })), 400)).toBe(
      "validation_failed",
    );
  });
});
