import { eq } from "drizzle-orm";
import { createLocalJWKSet, jwtVerify, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rotateSigningKeysResponseSchema, signingKeyListResponseSchema } from "@plinto/contracts";
import { apiKeys, auditEvents } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import type { Runtime } from "../../lib/runtime";
import { createApiKey, revokeApiKey } from "../../services/api-keys/api-keys";
import { systemContext } from "../../services/context";
import { activeSigningKey, ensureSigningKeys, publishedKeys } from "../../services/keys/keys";
import { createTenant } from "../../services/tenants/tenants";
import { GET as listKeys } from "./signing-keys/route";
import { POST as rotate } from "./signing-keys/rotate/route";

let runtime: Runtime;
let database: TestDatabase;
const tenants: Record<"a" | "b", string> = { a: "", b: "" };

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  for (const name of ["a", "b"] as const) {
    tenants[name] = (await createTenant(database.db, systemContext, { slug: `keys-${name}`, name: `Keys ${name}` })).id;
    await database.db.transaction((tx) => ensureSigningKeys(tx, systemContext, { tenantId: tenants[name], secret: runtime.config.secret }));
  }
});
afterAll(async () => {
  await database?.dispose();
});

async function keyFor(tenant: "a" | "b", scopes: Array<"signing_keys:read" | "signing_keys:write">, expiresAt?: Date) {
  return createApiKey(database.db, systemContext, { tenantId: tenants[tenant], name: `test ${scopes.join(" ")}`, scopes, ...(expiresAt ? { expiresAt } : {}) });
}

const rotateWith = (authorization?: string, body: unknown = {}) =>
  rotate(
    new Request("http://localhost/v1/signing-keys/rotate", {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    }),
  );

async function signWithActive(tenant: "a" | "b") {
  const active = (await activeSigningKey(database.db, tenants[tenant], runtime.config.secret))!;
  return new SignJWT({ sub: "usr_x" }).setProtectedHeader({ alg: active.alg, kid: active.kid }).setIssuedAt().setExpirationTime("1h").sign(active.privateKey);
}

describe("POST /v1/signing-keys/rotate", () => {
  it("refuses a missing, malformed, revoked or expired key with 401, a read-only key with 403", async () => {
    expect((await rotateWith()).status).toBe(401);
    expect((await rotateWith("Bearer plinto_sk_nope")).status).toBe(401);
    const revoked = await keyFor("a", ["signing_keys:write"]);
    await database.db.transaction((tx) => revokeApiKey(tx, systemContext, { tenantId: tenants.a, apiKeyId: revoked.apiKey.id }));
    expect((await rotateWith(`Bearer ${revoked.secret}`)).status).toBe(401);
    const expired = await keyFor("a", ["signing_keys:write"], new Date(Date.now() - 1000));
    expect((await rotateWith(`Bearer ${expired.secret}`)).status).toBe(401);
    const readOnly = await keyFor("a", ["signing_keys:read"]);
    const refused = await rotateWith(`Bearer ${readOnly.secret}`);
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe("forbidden");
  });

  it("starts signing with the key that was already published, and keeps the old one for its tokens", async () => {
    const { secret } = await keyFor("a", ["signing_keys:write"]);
    const before = await publishedKeys(database.db, tenants.a);
    const oldToken = await signWithActive("a");

    const response = await rotateWith(`Bearer ${secret}`);
    expect(response.status).toBe(200);
    const body = rotateSigningKeysResponseSchema.parse(await response.json());
    expect(before.map((k) => k.kid)).toContain(body.active.kid);
    const lifetime = (Date.parse(body.retired.expiresAt!) - Date.parse(body.retired.retiredAt!)) / 1000;
    expect(lifetime).toBe(3600 + 300 + 300);

    const jwks = createLocalJWKSet({ keys: await publishedKeys(database.db, tenants.a) });
    await jwtVerify(oldToken, jwks);
    const newToken = await signWithActive("a");
    const { protectedHeader } = await jwtVerify(newToken, jwks);
    expect(protectedHeader.kid).toBe(body.active.kid);

    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "signing_key.retired"));
    expect(event?.actorType).toBe("api_key");
  });

  it("rotates only the calling key's tenant", async () => {
    const untouched = (await publishedKeys(database.db, tenants.b)).map((k) => k.kid).sort();
    const { secret } = await keyFor("a", ["signing_keys:write"]);
    expect((await rotateWith(`Bearer ${secret}`)).status).toBe(200);
    expect((await publishedKeys(database.db, tenants.b)).map((k) => k.kid).sort()).toEqual(untouched);
  });

  it("switches algorithm for the next key when asked, and refuses an unknown one", async () => {
    const { secret } = await keyFor("b", ["signing_keys:write"]);
    const body = rotateSigningKeysResponseSchema.parse(await (await rotateWith(`Bearer ${secret}`, { alg: "ES256" })).json());
    expect(body.next.alg).toBe("ES256");
    expect((await rotateWith(`Bearer ${secret}`, { alg: "HS256" })).status).toBe(400);
  });
});

describe("GET /v1/signing-keys", () => {
  it("lists the tenant's keys without private parts and records when the key was used", async () => {
    const { apiKey, secret } = await keyFor("b", ["signing_keys:read"]);
    const response = await listKeys(new Request("http://localhost/v1/signing-keys", { headers: { authorization: `Bearer ${secret}` } }));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toMatch(/private|PRIVATE|"d":/);
    const body = signingKeyListResponseSchema.parse(JSON.parse(text));
    expect(body.keys.filter((k) => k.status === "active")).toHaveLength(1);
    expect(body.keys.filter((k) => k.status === "next")).toHaveLength(1);
    const [stored] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(stored?.lastUsedAt).not.toBeNull();
    expect(stored?.keyHash).not.toBe(secret);
  });

  it("gives a tenant that has no keys yet its active and next key on the first listing", async () => {
    const fresh = (await createTenant(database.db, systemContext, { slug: "keys-fresh", name: "Keys fresh" })).id;
    const { secret } = await createApiKey(database.db, systemContext, { tenantId: fresh, name: "read", scopes: ["signing_keys:read"] });
    const response = await listKeys(new Request("http://localhost/v1/signing-keys", { headers: { authorization: `Bearer ${secret}` } }));
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Array<{ status: string }> };
    expect(keys.map((k) => k.status).sort()).toEqual(["active", "next"]);
  });
});
