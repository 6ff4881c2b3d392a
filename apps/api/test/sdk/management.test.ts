/**
 * @plinto/sdk's management client (PlintoClient) against the API's real route handlers: the
 * client's fetch is a router that hands each request to the route module Next would call, over a
 * fresh database, so paths, methods, bodies, API key auth and problem documents are the real ones.
 * Then a signing key rotation through the SDK, checked with the SDK's verifier against the
 * provider's real JWKS and tokens.
 */
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenVerifier, PlintoApiError, PlintoClient, type TokenInvalidError } from "@plinto/sdk";
import { DELETE as deleteApplication, GET as getApplication, PATCH as patchApplication } from "../../src/app/v1/applications/[application]/route";
import { POST as rotateSecret } from "../../src/app/v1/applications/[application]/rotate-secret/route";
import { GET as listApplications, POST as createApplication } from "../../src/app/v1/applications/route";
import { POST as rotateKeys } from "../../src/app/v1/signing-keys/rotate/route";
import { GET as listKeys } from "../../src/app/v1/signing-keys/route";
import { createApiKey, type ApiKeyScope } from "../../src/services/api-keys/api-keys";
import { systemContext } from "../../src/services/context";
import { createTenant } from "../../src/services/tenants/tenants";
import { startOidcServer } from "../oidc-server";

type Handler = (request: Request, context: { params: Promise<{ application: string }> }) => Promise<Response>;
/** The route files under src/app/v1 this client calls; a capture group is the [application] segment. */
const routes: Array<{ pattern: RegExp; methods: Record<string, Handler> }> = [
  { pattern: /^\/v1\/applications$/, methods: { GET: listApplications, POST: createApplication } },
  { pattern: /^\/v1\/applications\/([^/]+)$/, methods: { GET: getApplication, PATCH: patchApplication, DELETE: deleteApplication } },
  { pattern: /^\/v1\/applications\/([^/]+)\/rotate-secret$/, methods: { POST: rotateSecret } },
  { pattern: /^\/v1\/signing-keys$/, methods: { GET: listKeys } },
  { pattern: /^\/v1\/signing-keys\/rotate$/, methods: { POST: rotateKeys } },
];

const seen: Array<{ method: string; path: string; authorization: string | null }> = [];

/** What Next's router does for these files: match the path, decode the params, call the method's handler. */
const routerFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  seen.push({ method: request.method, path: url.pathname, authorization: request.headers.get("authorization") });
  for (const route of routes) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    const handler = route.methods[request.method];
    if (!handler) return new Response(null, { status: 405 });
    return handler(request, { params: Promise.resolve({ application: decodeURIComponent(match[1] ?? "") }) });
  }
  return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
};

let server: Awaited<ReturnType<typeof startOidcServer>>;
const slug = "sdk-management";
const keys = {} as Record<"admin" | "readOnly" | "keysOnly", string>;
const client = (apiKey: string) => new PlintoClient({ baseUrl: server.url, apiKey, fetch: routerFetch });

beforeAll(async () => {
  server = await startOidcServer();
  const { db } = server.database;
  const tenantId = (await createTenant(db, systemContext, { slug, name: "SDK management" })).id;
  const key = async (scopes: ApiKeyScope[]) => (await createApiKey(db, systemContext, { tenantId, name: scopes.join(" "), scopes })).secret;
  keys.admin = await key(["applications:read", "applications:write", "signing_keys:read", "signing_keys:write"]);
  keys.readOnly = await key(["applications:read"]);
  keys.keysOnly = await key(["signing_keys:read"]);
});
afterAll(async () => {
  await server?.close();
});

describe("applications", () => {
  it("create, list, get, update, rotate the secret and delete, typed and parsed", async () => {
    const plinto = client(keys.admin);
    const created = await plinto.applications.create({ name: "Billing portal", type: "web", redirectUris: ["https://billing.example.com/callback"] });
    expect(seen.at(-1)).toEqual({ method: "POST", path: "/v1/applications", authorization: `Bearer ${keys.admin}` });
    expect(keys.admin).toMatch(/^plinto_sk_/);
    expect(created.application).toMatchObject({ name: "Billing portal", type: "web", tokenEndpointAuthMethod: "client_secret_basic" });
    expect(created.clientSecret).toMatch(/^plinto_cs_/);
    const id = created.application.id;

    const spa = await plinto.applications.create({ name: "Dashboard", type: "spa", redirectUris: ["https://app.example.com/callback"] });
    expect(spa.clientSecret).toBeUndefined();
    expect((await plinto.applications.list()).map((a) => a.id)).toEqual([spa.application.id, id]);
    expect(await plinto.applications.get(id)).toEqual(created.application);

    const updated = await plinto.applications.update(id, { name: "Billing", logoUri: "https://billing.example.com/logo.png" });
    expect(updated.application).toMatchObject({ id, name: "Billing", logoUri: "https://billing.example.com/logo.png" });
    expect(updated.clientSecret).toBeUndefined();

    const rotated = await plinto.applications.rotateSecret(id);
    expect(rotated.clientSecret).toMatch(/^plinto_cs_/);
    expect(rotated.clientSecret).not.toBe(created.clientSecret);

    await expect(plinto.applications.delete(id)).resolves.toBeUndefined();
    expect(seen.at(-1)).toMatchObject({ method: "DELETE", path: `/v1/applications/${id}` });
    const gone = await plinto.applications.get(id).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(PlintoApiError);
    expect(gone).toMatchObject({ status: 404, code: "not_found" });
  });

  it("problem documents become PlintoApiError with code, status, detail and fields", async () => {
    const invalid = await client(keys.admin)
      .applications.create({ name: "", type: "web", redirectUris: ["not a uri"] })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(PlintoApiError);
    const error = invalid as PlintoApiError;
    expect(error).toMatchObject({ status: 400, code: "validation_failed", type: "https://plinto.dev/errors/validation_failed" });
    expect(error.fields.name?.[0]).toMatch(/Name the application/);

    const rules = await client(keys.admin)
      .applications.create({ name: "Bad redirect", type: "web", redirectUris: ["javascript:alert(1)"] })
      .catch((e: unknown) => e as PlintoApiError);
    expect(rules).toMatchObject({ code: "validation_failed" });
    expect(Object.keys((rules as PlintoApiError).fields).some((path) => path.startsWith("redirectUris"))).toBe(true);

    const forbidden = await client(keys.readOnly)
      .applications.create({ name: "Nope", type: "spa" })
      .catch((e: unknown) => e as PlintoApiError);
    expect(forbidden).toMatchObject({ status: 403, code: "forbidden" });
    expect((forbidden as PlintoApiError).detail).toContain("applications:write");

    const unauthorized = await client("plinto_sk_not-a-real-key").applications.list().catch((e: unknown) => e);
    expect(unauthorized).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("refuses an application id that is not one before sending anything", async () => {
    const before = seen.length;
    await expect(client(keys.admin).applications.delete("../signing-keys/rotate")).rejects.toThrow(/not an application id/);
    await expect(client(keys.admin).applications.get("..")).rejects.toBeInstanceOf(TypeError);
    expect(seen.length).toBe(before);
  });
});

describe("signing keys", () => {
  it("list and rotate; tokens signed before and after verify with the SDK, the next key already cached", async () => {
    const issuer = server.issuer(slug);
    const resource = `${server.url}/v1`;
    const plinto = client(keys.admin);

    // A machine application's access token for the API: an at+jwt signed with the active key.
    const machine = await plinto.applications.create({ name: "Worker", type: "machine", grantTypes: ["client_credentials"] });
    const config = await oidc.discovery(new URL(issuer), machine.application.clientId, undefined, oidc.ClientSecretBasic(machine.clientSecret!), {
      execute: [oidc.allowInsecureRequests],
    });
    const tokenFor = async () => (await oidc.clientCredentialsGrant(config, { resource })).access_token;
    const jwksFetches: string[] = [];
    const verifier = createTokenVerifier({
      issuer,
      audience: resource,
      fetch: (input, init) => {
        jwksFetches.push(String(input));
        return fetch(input, init);
      },
    });
    const before = await tokenFor();
    const first = await verifier.verifyAccessToken(before);
    expect(first.claims.client_id).toBe(machine.application.clientId);

    const listed = await plinto.signingKeys.list();
    const active = listed.find((k) => k.status === "active")!;
    const next = listed.find((k) => k.status === "next")!;
    expect(first.header.kid).toBe(active.kid);

    const rotated = await plinto.signingKeys.rotate();
    expect(rotated.active.kid).toBe(next.kid);
    expect(rotated.retired.kid).toBe(active.kid);
    expect(rotated.retired.expiresAt).toEqual(expect.any(String));

    // The provider now signs with the former next key, which was published before the rotation:
    // the verifier already has it, and the retired key still verifies the earlier token.
    const after = await tokenFor();
    const second = await verifier.verifyAccessToken(after);
    expect(second.header.kid).toBe(next.kid);
    await expect(verifier.verifyAccessToken(before)).resolves.toBeDefined();
    expect(jwksFetches.filter((url) => url.endsWith("/jwks.json"))).toHaveLength(1);

    // A key with signing_keys:read only may list but not rotate.
    await expect(client(keys.keysOnly).signingKeys.rotate({ alg: "ES256" })).rejects.toMatchObject({ status: 403, code: "forbidden" });
    expect((await client(keys.keysOnly).signingKeys.list()).map((k) => k.kid)).toContain(rotated.next.kid);

    // And a verifier for another audience still refuses these tokens.
    const other = await createTokenVerifier({ issuer, audience: "https://elsewhere.example/api" })
      .verifyAccessToken(after)
      .catch((e: unknown) => e);
    expect((other as TokenInvalidError).reason).toBe("audience_mismatch");
  });
});
