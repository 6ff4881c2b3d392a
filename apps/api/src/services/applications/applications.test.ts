import { generateKeyPairSync } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, consents, oidcModels } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { hashToken } from "../../lib/crypto";
import { verifyAuditChain } from "../audit/audit";
import { systemContext } from "../context";
import { ServiceError } from "../errors";
import { createTenant } from "../tenants/tenants";
import { createUser } from "../users/users";
import {
  APPLICATION_SCOPES,
  createApplication,
  deleteApplication,
  findApplicationByClientId,
  getApplication,
  listApplications,
  rotateApplicationSecret,
  updateApplication,
  verifyClientSecret,
  type NewApplication,
} from "./applications";

let database: TestDatabase;
const tenants = { a: "", b: "" };

beforeAll(async () => {
  ({ database } = await getTestInstance());
  tenants.a = (await createTenant(database.db, systemContext, { slug: "apps-a", name: "Apps A" })).id;
  tenants.b = (await createTenant(database.db, systemContext, { slug: "apps-b", name: "Apps B" })).id;
});
afterAll(async () => {
  await database?.dispose();
});

const CALLBACK = "https://app.example.com/callback";
type Spec = Omit<NewApplication, "tenantId" | "name"> & { name?: string; tenantId?: string };

function create(spec: Spec) {
  return database.db.transaction((tx) => createApplication(tx, systemContext, { tenantId: tenants.a, name: "Test app", ...spec }));
}
const web = (spec: Partial<Spec> = {}) => create({ type: "web", redirectUris: [CALLBACK], ...spec });

/** The field errors of a refused create/update (it must be validation_failed). */
async function refused(attempt: Promise<unknown>) {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).code).toBe("validation_failed");
  return (error as ServiceError).fields ?? [];
}

/** Expects exactly one field error at `path` whose message matches. */
async function refusedAt(attempt: Promise<unknown>, path: string, message: RegExp) {
  const fields = await refused(attempt);
  expect(fields, JSON.stringify(fields)).toEqual([{ path, message: expect.stringMatching(message) }]);
}

async function eventsFor(applicationId: string) {
  return database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, "application"), eq(auditEvents.targetId, applicationId)))
    .orderBy(asc(auditEvents.occurredAt), asc(auditEvents.seq));
}

const publicJwk = (type: "rsa" | "ec" | "ed25519", kid?: string) => {
  const { publicKey } =
    type === "rsa"
      ? generateKeyPairSync("rsa", { modulusLength: 2048 })
      : type === "ec"
        ? generateKeyPairSync("ec", { namedCurve: "P-256" })
        : generateKeyPairSync("ed25519");
  return { ...(publicKey.export({ format: "jwk" }) as Record<string, unknown>), ...(kid ? { kid } : {}) };
};

describe("creating applications", () => {
  it("gives a web application a readable client id and a high-entropy secret, stored only hashed", async () => {
    const { application, clientSecret } = await web({ name: "  Acme Portal  " });
    expect(application.id).toMatch(/^app_/);
    expect(application.name).toBe("Acme Portal");
    expect(application.clientId).toMatch(/^[0-9a-hjkmnp-tv-z]{24}$/);
    expect(clientSecret).toMatch(/^plinto_cs_[A-Za-z0-9_-]{43}$/);
    expect(application.clientSecretHash).toBe(hashToken(clientSecret!));
    expect(application).toMatchObject({
      type: "web",
      tokenEndpointAuthMethod: "client_secret_basic",
      grantTypes: ["authorization_code", "refresh_token"],
      allowedScopes: ["openid", "profile", "email", "offline_access"],
      firstParty: true,
      accessTokenTtlSeconds: 3600,
      refreshTokenTtlSeconds: 2_592_000,
      jwks: null,
      logoUri: null,
    });
    const other = await web();
    expect(other.application.clientId).not.toBe(application.clientId);
    expect(other.clientSecret).not.toBe(clientSecret);
  });

  it("verifies the secret by hash, and nothing else", async () => {
    const { application, clientSecret } = await web();
    expect(verifyClientSecret(application, clientSecret!)).toBe(true);
    expect(verifyClientSecret(application, `${clientSecret}x`)).toBe(false);
    expect(verifyClientSecret(application, application.clientSecretHash!)).toBe(false);
    expect(verifyClientSecret(application, "")).toBe(false);
    expect(verifyClientSecret({ clientSecretHash: null }, "")).toBe(false);
    expect(verifyClientSecret({ clientSecretHash: null }, clientSecret!)).toBe(false);
  });

  it("makes spa and native applications public clients with no secret", async () => {
    for (const [type, uri] of [
      ["spa", "https://spa.example.com/callback"],
      ["native", "com.example.app:/callback"],
    ] as const) {
      const { application, clientSecret } = await create({ type, redirectUris: [uri] });
      expect(clientSecret).toBeUndefined();
      expect(application.clientSecretHash).toBeNull();
      expect(application.tokenEndpointAuthMethod).toBe("none");
    }
  });

  it("makes a machine application a confidential client of client_credentials only", async () => {
    const { application, clientSecret } = await create({ type: "machine" });
    expect(clientSecret).toMatch(/^plinto_cs_/);
    expect(application.grantTypes).toEqual(["client_credentials"]);
    expect(application.redirectUris).toEqual([]);
    await refusedAt(create({ type: "machine", grantTypes: ["client_credentials", "refresh_token"] }), "grantTypes", /client_credentials grant and nothing else/);
    await refusedAt(create({ type: "machine", redirectUris: [CALLBACK] }), "redirectUris", /no redirect URIs/);
    await refusedAt(create({ type: "machine", postLogoutRedirectUris: [CALLBACK] }), "postLogoutRedirectUris", /no post-logout redirect URIs/);
    await refusedAt(create({ type: "machine", tokenEndpointAuthMethod: "none" }), "tokenEndpointAuthMethod", /confidential client/);
  });

  it("writes application.created without the secret or its hash", async () => {
    const { application, clientSecret } = await web();
    const [event] = await eventsFor(application.id);
    expect(event).toMatchObject({ action: "application.created", actorType: "system", tenantId: tenants.a });
    expect(event!.data).toMatchObject({ type: "web", clientId: application.clientId, redirectUris: [CALLBACK] });
    const text = JSON.stringify(event);
    expect(text).not.toContain(clientSecret!);
    expect(text).not.toContain(application.clientSecretHash!);
  });

  it("takes a fixed client id (the dev seed's) once across all tenants", async () => {
    const { application } = await web({ clientId: "acme-portal" });
    expect(application.clientId).toBe("acme-portal");
    await expect(web({ tenantId: tenants.b, clientId: "acme-portal" })).rejects.toMatchObject({ code: "conflict" });
    await refusedAt(web({ clientId: "a b" }), "clientId", /client id/);
  });
});

describe("the rules an application must follow", () => {
  it("takes https redirect URIs, http only on loopback, private-use schemes only for native apps", async () => {
    const accepted: Array<[Spec["type"], string]> = [
      ["web", "https://app.example.com/callback?tenant=1"],
      ["web", "http://127.0.0.1:8080/callback"],
      ["web", "http://[::1]/callback"],
      ["spa", "http://localhost:3000/callback"],
      ["native", "com.example.app:/oauth2redirect"],
      ["native", "http://127.0.0.1/callback"],
      ["native", "https://app.example.com/native"],
    ];
    for (const [type, uri] of accepted) {
      const { application } = await create({ type, redirectUris: [uri], postLogoutRedirectUris: [uri] });
      expect(application.redirectUris).toEqual([uri]);
    }
    const refusedUris: Array<[Spec["type"], string, RegExp]> = [
      ["web", "http://app.example.com/callback", /Use https: plain http is allowed only on loopback/],
      ["spa", "http://localhost.evil.example/callback", /only on loopback/],
      ["web", "https://app.example.com/callback#done", /no fragment/],
      ["web", "https://app.example.com/callback#", /no fragment/],
      ["web", "https://*.example.com/callback", /Wildcards/],
      ["web", "https://app.example.com/*", /Wildcards/],
      ["web", "/callback", /absolute URI/],
      ["web", "https:/app.example.com/callback", /absolute URI/],
      ["web", "https://user:pw@app.example.com/callback", /no user name or password/],
      ["web", "https://app.example.com/call back", /no spaces/],
      ["web", "com.example.app:/callback", /a web application cannot use the com.example.app: scheme/],
      ["spa", "javascript:alert(1)", /cannot use the javascript: scheme/],
      ["native", "myapp:/callback", /reverse domain name/],
      ["native", "javascript:alert(1)", /reverse domain name/],
      ["native", "https://127.0.0.1/callback", /loopback redirect uses http/],
      ["web", `https://app.example.com/${"x".repeat(2048)}`, /at most 2048/],
    ];
    for (const [type, uri, message] of refusedUris) {
      await refusedAt(create({ type, redirectUris: [CALLBACK, uri] }), "redirectUris.1", message);
      await refusedAt(create({ type, redirectUris: [CALLBACK], postLogoutRedirectUris: [uri] }), "postLogoutRedirectUris.0", message);
    }
  });

  it("keeps each client type to its token endpoint auth method", async () => {
    await refusedAt(create({ type: "spa", redirectUris: [CALLBACK], tokenEndpointAuthMethod: "client_secret_basic" }), "tokenEndpointAuthMethod", /public client/);
    await refusedAt(create({ type: "native", redirectUris: [CALLBACK], tokenEndpointAuthMethod: "private_key_jwt" }), "tokenEndpointAuthMethod", /public client/);
    await refusedAt(web({ tokenEndpointAuthMethod: "none" }), "tokenEndpointAuthMethod", /confidential client/);
    await refusedAt(web({ tokenEndpointAuthMethod: "client_secret_jwt" }), "tokenEndpointAuthMethod", /one of none, client_secret_basic/);
    const post = await web({ tokenEndpointAuthMethod: "client_secret_post" });
    expect(post.clientSecret).toMatch(/^plinto_cs_/);
  });

  it("takes private_key_jwt with public signing keys only", async () => {
    const keys = [publicJwk("rsa", "r1"), publicJwk("ec", "e1"), publicJwk("ed25519", "o1")];
    const { application, clientSecret } = await web({ tokenEndpointAuthMethod: "private_key_jwt", jwks: { keys } });
    expect(clientSecret).toBeUndefined();
    expect(application.clientSecretHash).toBeNull();
    expect(application.jwks).toEqual({ keys });

    const pkjwt = (jwks: { keys: Record<string, unknown>[] }) => web({ tokenEndpointAuthMethod: "private_key_jwt", jwks });
    await refusedAt(web({ tokenEndpointAuthMethod: "private_key_jwt" }), "jwks", /private_key_jwt needs jwks/);
    await refusedAt(web({ jwks: { keys: [publicJwk("ec")] } }), "jwks", /only for applications that authenticate with private_key_jwt/);
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    await refusedAt(pkjwt({ keys: [privateKey.export({ format: "jwk" }) as Record<string, unknown>] }), "jwks.keys.0", /private member "d": send only the public key/);
    await refusedAt(pkjwt({ keys: [{ kty: "oct", k: "c2VjcmV0" }] }), "jwks.keys.0", /private member "k"/);
    await refusedAt(pkjwt({ keys: [{ kty: "oct" }] }), "jwks.keys.0", /kty is RSA, EC or OKP/);
    await refusedAt(pkjwt({ keys: [{ ...publicJwk("ec"), use: "enc" }] }), "jwks.keys.0", /use is "sig"/);
    await refusedAt(pkjwt({ keys: [{ kty: "RSA", n: "AQAB", e: "AQAB" }] }), "jwks.keys.0", /at least 2048 bits|not a valid RSA/);
    await refusedAt(pkjwt({ keys: [{ kty: "EC", crv: "P-256", x: "nope", y: "nope" }] }), "jwks.keys.0", /not a valid EC public key/);
    const x25519 = generateKeyPairSync("x25519").publicKey.export({ format: "jwk" }) as Record<string, unknown>;
    await refusedAt(pkjwt({ keys: [x25519] }), "jwks.keys.0", /crv is one of Ed25519, Ed448/);
    const small = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" }) as Record<string, unknown>;
    await refusedAt(pkjwt({ keys: [small] }), "jwks.keys.0", /at least 2048 bits/);
    await refusedAt(pkjwt({ keys: [publicJwk("ec", "same"), publicJwk("ec", "same")] }), "jwks.keys.1", /share the kid "same"/);
    await refusedAt(pkjwt({ keys: [publicJwk("ec", "one"), publicJwk("ec")] }), "jwks.keys.1", /Give each key a kid/);
    await refusedAt(pkjwt({ keys: [] }), "jwks.keys", /at least one public key/);
  });

  it("allows only the grants RFC 9700 leaves, each where it fits", async () => {
    await refusedAt(web({ grantTypes: ["authorization_code", "implicit"] }), "grantTypes.1", /implicit grant is not allowed/);
    await refusedAt(web({ grantTypes: ["password"] }), "grantTypes.0", /password grant is not allowed/);
    await refusedAt(web({ grantTypes: ["authorization_code", "urn:example:custom"] }), "grantTypes.1", /Unknown grant type/);
    await refusedAt(web({ grantTypes: [] }), "grantTypes", /at least one grant type/);
    await refusedAt(create({ type: "spa", redirectUris: [CALLBACK], grantTypes: ["authorization_code", "client_credentials"] }), "grantTypes", /confidential client/);
    await refusedAt(create({ type: "web", grantTypes: ["authorization_code"] }), "redirectUris", /authorization_code needs at least one redirect URI/);
    await refusedAt(web({ grantTypes: ["refresh_token"] }), "grantTypes", /refresh_token comes with authorization_code or the device grant/);

    const service = await create({ type: "web", grantTypes: ["client_credentials"] });
    expect(service.application.grantTypes).toEqual(["client_credentials"]);
    const tv = await create({ type: "native", grantTypes: ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"] });
    expect(tv.application.redirectUris).toEqual([]);
    const deduped = await web({ grantTypes: ["authorization_code", "authorization_code", "refresh_token"] });
    expect(deduped.application.grantTypes).toEqual(["authorization_code", "refresh_token"]);
  });

  it("allows scopes from one list only", async () => {
    expect(APPLICATION_SCOPES).toEqual(["openid", "profile", "email", "offline_access", "organizations"]);
    const all = await web({ allowedScopes: [...APPLICATION_SCOPES] });
    expect(all.application.allowedScopes).toEqual([...APPLICATION_SCOPES]);
    await refusedAt(web({ allowedScopes: ["openid", "admin"] }), "allowedScopes.1", /Unknown scope "admin"/);
    await refusedAt(web({ allowedScopes: [] }), "allowedScopes", /at least one scope/);
  });

  it("keeps token lifetimes within bounds", async () => {
    const edges = await web({ accessTokenTtlSeconds: 60, refreshTokenTtlSeconds: 365 * 86_400 });
    expect(edges.application.accessTokenTtlSeconds).toBe(60);
    const longest = await web({ accessTokenTtlSeconds: 86_400, refreshTokenTtlSeconds: 300 });
    expect(longest.application.refreshTokenTtlSeconds).toBe(300);
    for (const accessTokenTtlSeconds of [59, 86_401, 90.5, Number.NaN]) {
      await refusedAt(web({ accessTokenTtlSeconds }), "accessTokenTtlSeconds", /from 60 \(1 min\) to 86400 \(24 h\)/);
    }
    for (const refreshTokenTtlSeconds of [299, 365 * 86_400 + 1]) {
      await refusedAt(web({ refreshTokenTtlSeconds }), "refreshTokenTtlSeconds", /from 300 \(5 min\) to 31536000 \(365 d\)/);
    }
  });

  it("needs a name and takes a logo only over https", async () => {
    for (const name of ["", "   ", "n".repeat(101)]) await refusedAt(web({ name }), "name", /1–100 characters/);
    const logo = await web({ logoUri: "https://cdn.example.com/logo.png" });
    expect(logo.application.logoUri).toBe("https://cdn.example.com/logo.png");
    for (const logoUri of ["http://cdn.example.com/logo.png", "data:image/png;base64,AAAA", "logo.png"]) {
      await refusedAt(web({ logoUri }), "logoUri", /https/);
    }
  });

  it("names every bad field at once", async () => {
    const fields = await refused(
      create({ type: "spa", name: "", redirectUris: ["http://spa.example.com/"], allowedScopes: ["everything"], tokenEndpointAuthMethod: "client_secret_basic" }),
    );
    expect(fields.map((f) => f.path).sort()).toEqual(["allowedScopes.0", "name", "redirectUris.0", "tokenEndpointAuthMethod"]);
  });
});

describe("changing applications", () => {
  it("changes only what is sent, audits it, and skips a change that changes nothing", async () => {
    const { application } = await web({ name: "Before" });
    const { application: after, clientSecret } = await database.db.transaction((tx) =>
      updateApplication(tx, systemContext, {
        tenantId: tenants.a,
        applicationId: application.id,
        name: "After",
        redirectUris: [CALLBACK, "https://app.example.com/other"],
        logoUri: "https://cdn.example.com/logo.png",
      }),
    );
    expect(clientSecret).toBeUndefined();
    expect(after).toMatchObject({ name: "After", redirectUris: [CALLBACK, "https://app.example.com/other"], grantTypes: application.grantTypes });
    expect(after.clientSecretHash).toBe(application.clientSecretHash);
    const same = await database.db.transaction((tx) =>
      updateApplication(tx, systemContext, { tenantId: tenants.a, applicationId: application.id, name: "After", redirectUris: after.redirectUris }),
    );
    expect(same.application.updatedAt).toEqual(after.updatedAt);
    const events = await eventsFor(application.id);
    expect(events.map((e) => e.action)).toEqual(["application.created", "application.updated"]);
    expect(events[1]!.data).toMatchObject({ changed: ["name", "logoUri", "redirectUris"], after: { name: "After" } });

    const cleared = await database.db.transaction((tx) => updateApplication(tx, systemContext, { tenantId: tenants.a, applicationId: application.id, logoUri: null }));
    expect(cleared.application.logoUri).toBeNull();
  });

  it("checks the application as a whole after the change", async () => {
    const { application } = await web();
    const update = (changes: Record<string, unknown>) =>
      database.db.transaction((tx) => updateApplication(tx, systemContext, { tenantId: tenants.a, applicationId: application.id, ...changes }));
    await refusedAt(update({ redirectUris: [] }), "redirectUris", /authorization_code needs at least one redirect URI/);
    await refusedAt(update({ redirectUris: ["http://app.example.com/cb"] }), "redirectUris.0", /Use https/);
    await refusedAt(update({ tokenEndpointAuthMethod: "none" }), "tokenEndpointAuthMethod", /confidential client/);
    expect((await getApplication(database.db, tenants.a, application.id)).redirectUris).toEqual([CALLBACK]);
  });

  it("drops the secret when moving to private_key_jwt, and issues a new one when moving back", async () => {
    const { application, clientSecret } = await web();
    const keys = [publicJwk("ec", "k1")];
    const toKeys = await database.db.transaction((tx) =>
      updateApplication(tx, systemContext, { tenantId: tenants.a, applicationId: application.id, tokenEndpointAuthMethod: "private_key_jwt", jwks: { keys } }),
    );
    expect(toKeys.clientSecret).toBeUndefined();
    expect(toKeys.application.clientSecretHash).toBeNull();
    expect(verifyClientSecret(toKeys.application, clientSecret!)).toBe(false);

    const back = await database.db.transaction((tx) =>
      updateApplication(tx, systemContext, { tenantId: tenants.a, applicationId: application.id, tokenEndpointAuthMethod: "client_secret_post" }),
    );
    expect(back.application.jwks).toBeNull();
    expect(back.clientSecret).toMatch(/^plinto_cs_/);
    expect(back.clientSecret).not.toBe(clientSecret);
    expect(verifyClientSecret(back.application, back.clientSecret!)).toBe(true);
    const [, moved, returned] = await eventsFor(application.id);
    expect(moved!.data).toMatchObject({ secretRemoved: true, after: { jwksKids: ["k1"] } });
    expect(returned!.data).toMatchObject({ secretIssued: true });
    expect(JSON.stringify(returned)).not.toContain(back.clientSecret!);
  });

  it("rotates a secret: the old one stops working, the new one works, the event holds neither", async () => {
    const { application, clientSecret } = await web();
    const rotated = await database.db.transaction((tx) => rotateApplicationSecret(tx, systemContext, { tenantId: tenants.a, applicationId: application.id }));
    expect(rotated.clientSecret).toMatch(/^plinto_cs_/);
    expect(rotated.clientSecret).not.toBe(clientSecret);
    const stored = await getApplication(database.db, tenants.a, application.id);
    expect(verifyClientSecret(stored, clientSecret!)).toBe(false);
    expect(verifyClientSecret(stored, rotated.clientSecret)).toBe(true);
    const events = await eventsFor(application.id);
    expect(events.map((e) => e.action)).toEqual(["application.created", "application.secret_rotated"]);
    const text = JSON.stringify(events);
    for (const secret of [clientSecret!, rotated.clientSecret, stored.clientSecretHash!]) expect(text).not.toContain(secret);
  });

  it("has no secret to rotate for public or private_key_jwt applications", async () => {
    const spa = await create({ type: "spa", redirectUris: [CALLBACK] });
    const keyed = await web({ tokenEndpointAuthMethod: "private_key_jwt", jwks: { keys: [publicJwk("ec")] } });
    for (const { application } of [spa, keyed]) {
      await expect(
        database.db.transaction((tx) => rotateApplicationSecret(tx, systemContext, { tenantId: tenants.a, applicationId: application.id })),
      ).rejects.toMatchObject({ code: "conflict" });
    }
  });
});

describe("deleting applications", () => {
  it("removes the application, its protocol state and its consents, and nothing else", async () => {
    const { application } = await web();
    const { application: kept } = await web();
    const user = await database.db.transaction((tx) => createUser(tx, systemContext, { tenantId: tenants.a, email: "consent@example.com" }));
    await database.db.insert(consents).values({ tenantId: tenants.a, userId: user.id, applicationId: application.id, scopes: ["openid"] });
    const state = (tenantId: string, id: string, clientId: string) => ({ tenantId, model: "AccessToken", id, clientId, payload: { clientId } });
    await database.db.insert(oidcModels).values([
      state(tenants.a, "at-1", application.clientId),
      { ...state(tenants.a, "grant-1", application.clientId), model: "Grant" },
      state(tenants.a, "at-kept", kept.clientId),
      state(tenants.b, "at-other-tenant", application.clientId),
    ]);

    await database.db.transaction((tx) => deleteApplication(tx, systemContext, { tenantId: tenants.a, applicationId: application.id }));

    await expect(getApplication(database.db, tenants.a, application.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await findApplicationByClientId(database.db, tenants.a, application.clientId)).toBeUndefined();
    const left = await database.db.select({ id: oidcModels.id }).from(oidcModels);
    expect(left.map((r) => r.id).sort()).toEqual(["at-kept", "at-other-tenant"]);
    expect(await database.db.select().from(consents).where(eq(consents.applicationId, application.id))).toEqual([]);
    const events = await eventsFor(application.id);
    expect(events.at(-1)).toMatchObject({ action: "application.deleted", data: { clientId: application.clientId, protocolStateRemoved: 2 } });
    await expect(
      database.db.transaction((tx) => deleteApplication(tx, systemContext, { tenantId: tenants.a, applicationId: application.id })),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("tenant isolation", () => {
  it("never finds, changes, rotates or deletes another tenant's application", async () => {
    const { application, clientSecret } = await web({ name: "Tenant A's" });
    const asB = { tenantId: tenants.b, applicationId: application.id };
    await expect(getApplication(database.db, tenants.b, application.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await findApplicationByClientId(database.db, tenants.b, application.clientId)).toBeUndefined();
    expect((await listApplications(database.db, tenants.b)).map((a) => a.id)).not.toContain(application.id);
    expect((await listApplications(database.db, tenants.a)).map((a) => a.id)).toContain(application.id);
    for (const attempt of [
      () => database.db.transaction((tx) => updateApplication(tx, systemContext, { ...asB, name: "Taken over" })),
      () => database.db.transaction((tx) => rotateApplicationSecret(tx, systemContext, asB)),
      () => database.db.transaction((tx) => deleteApplication(tx, systemContext, asB)),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "not_found" });
    }
    const untouched = await getApplication(database.db, tenants.a, application.id);
    expect(untouched.name).toBe("Tenant A's");
    expect(verifyClientSecret(untouched, clientSecret!)).toBe(true);
    await expect(getApplication(database.db, tenants.a, "app_not-an-id")).rejects.toMatchObject({ code: "not_found" });
  });

  it("leaves each tenant's audit chain whole", async () => {
    for (const tenantId of [tenants.a, tenants.b]) expect(await verifyAuditChain(database.db, tenantId)).toEqual({ ok: true });
  });
});
