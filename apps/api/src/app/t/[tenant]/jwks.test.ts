import { eq } from "drizzle-orm";
import { createLocalJWKSet, jwtVerify, SignJWT, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROBLEM_CONTENT_TYPE } from "@plinto/contracts";
import { signingKeys } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../../test/instance";
import type { Runtime } from "../../../lib/runtime";
import { systemContext } from "../../../services/context";
import { activeSigningKey, rotateSigningKeys } from "../../../services/keys/keys";
import { createTenant } from "../../../services/tenants/tenants";
import { GET } from "./.well-known/jwks.json/route";

let database: TestDatabase;
let runtime: Runtime;
beforeAll(async () => {
  ({ database, runtime } = await getTestInstance());
});
afterAll(async () => {
  await database?.dispose();
});

const getJwks = (tenant: string) =>
  GET(new Request(`http://localhost:4000/t/${tenant}/.well-known/jwks.json`), { params: Promise.resolve({ tenant }) });

describe("GET /t/{tenant}/.well-known/jwks.json", () => {
  it("publishes a new tenant's keys, cacheable for a short while, and the same keys on the next fetch", async () => {
    const tenant = await createTenant(database.db, systemContext, { slug: "jwks-a", name: "JWKS A" });
    const response = await getJwks("jwks-a");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    const body = (await response.json()) as JSONWebKeySet;
    expect(Object.keys(body)).toEqual(["keys"]);
    expect(body.keys).toHaveLength(2);
    for (const key of body.keys) {
      expect(Object.keys(key).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
      expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    }

    const again = (await (await getJwks("jwks-a")).json()) as JSONWebKeySet;
    expect(again).toEqual(body);
    expect(await database.db.select().from(signingKeys).where(eq(signingKeys.tenantId, tenant.id))).toHaveLength(2);

    // What the endpoint publishes is what verifies the tenant's tokens.
    const key = (await activeSigningKey(database.db, tenant.id, runtime.config.secret))!;
    const token = await new SignJWT({ sub: "usr_x" })
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .setExpirationTime("5m")
      .sign(key.privateKey);
    const { payload } = await jwtVerify(token, createLocalJWKSet(body));
    expect(payload.sub).toBe("usr_x");
  });

  it("keeps a retired key published after rotation", async () => {
    const tenant = await createTenant(database.db, systemContext, { slug: "jwks-b", name: "JWKS B" });
    const before = (await (await getJwks("jwks-b")).json()) as JSONWebKeySet;
    await database.db.transaction((tx) =>
      rotateSigningKeys(tx, systemContext, { tenantId: tenant.id, secret: runtime.config.secret, maxTokenLifetimeSeconds: 600 }),
    );
    const after = (await (await getJwks("jwks-b")).json()) as JSONWebKeySet;
    expect(after.keys).toHaveLength(3);
    expect(after.keys.map((k) => k.kid)).toEqual(expect.arrayContaining(before.keys.map((k) => k.kid)));
  });

  it("answers a not_found problem for an unknown tenant", async () => {
    for (const slug of ["nobody-here", "Not%20A%20Slug"]) {
      const response = await getJwks(slug);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
      expect(await response.json()).toMatchObject({ code: "not_found", status: 404 });
    }
  });
});
