/**
 * Token verification against a real JWKS served over loopback HTTP, with keys generated here.
 * Every refusal is checked by its reason, and the JWKS server counts its requests so the cache,
 * the refetch on a new kid and the cooldown against made-up kids are observable.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, base64url, type CryptoKey, type JWK } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  bearerToken,
  createTokenVerifier,
  JwksUnavailableError,
  TokenExpiredError,
  TokenInvalidError,
  verifyToken,
  type TokenInvalidReason,
} from "../server";

interface TestKey {
  kid: string;
  alg: "RS256" | "ES256" | "EdDSA";
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

let server: Server;
let origin: string;
let issuer: string;
const API = "https://api.example.com/v1";
const CLIENT = "app_client_123";
const published: JWK[] = [];
const hits = { discovery: 0, jwks: 0 };
let jwksStatus = 200;
let discoveryIssuer: string | undefined;
const keys: Record<string, TestKey> = {};

async function newKey(kid: string, alg: TestKey["alg"]): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
  return { kid, alg, privateKey, publicKey, jwk };
}

beforeAll(async () => {
  keys.rsa = await newKey("rsa-1", "RS256");
  keys.ec = await newKey("ec-1", "ES256");
  keys.ed = await newKey("ed-1", "EdDSA");
  keys.rotated = await newKey("rsa-2", "RS256");
  server = createServer((req, res) => {
    if (req.url === "/t/acme/.well-known/openid-configuration") {
      hits.discovery += 1;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ issuer: discoveryIssuer ?? issuer, jwks_uri: `${issuer}/.well-known/jwks.json` }));
      return;
    }
    if (req.url === "/t/acme/.well-known/jwks.json") {
      hits.jwks += 1;
      res.writeHead(jwksStatus, { "content-type": "application/json" });
      res.end(jwksStatus === 200 ? JSON.stringify({ keys: published }) : "{}");
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer = `${origin}/t/acme`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  published.splice(0, published.length, keys.rsa!.jwk, keys.ec!.jwk, keys.ed!.jwk);
  hits.discovery = 0;
  hits.jwks = 0;
  jwksStatus = 200;
  discoveryIssuer = undefined;
});

const now = () => Math.floor(Date.now() / 1000);

/** A token as Plinto's provider issues it; `header` and `claims` override or (undefined) remove. */
async function sign(key: TestKey, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) {
  const payload: Record<string, unknown> = {
    iss: issuer,
    sub: "usr_1",
    aud: API,
    client_id: CLIENT,
    scope: "openid applications:read",
    jti: crypto.randomUUID(),
    iat: now(),
    exp: now() + 300,
    ...claims,
  };
  for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
  const protectedHeader = { alg: key.alg, kid: key.kid, typ: "at+jwt", ...header };
  for (const [name, value] of Object.entries(protectedHeader)) if (value === undefined) delete (protectedHeader as Record<string, unknown>)[name];
  return new SignJWT(payload).setProtectedHeader(protectedHeader as { alg: string }).sign(key.privateKey);
}

const idClaims = { aud: CLIENT, client_id: undefined, scope: undefined, nonce: "n-123", azp: CLIENT };

async function refusal(promise: Promise<unknown>, reason: TokenInvalidReason) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a refusal with reason ${reason}`).toBeInstanceOf(TokenInvalidError);
  expect((error as TokenInvalidError).reason).toBe(reason);
  return error as TokenInvalidError;
}

describe("access tokens (RFC 9068)", () => {
  it("accepts a valid at+jwt signed with RS256, ES256 or EdDSA, finding the JWKS through discovery once", async () => {
    const verifier = createTokenVerifier({ issuer, audience: API });
    for (const key of [keys.rsa!, keys.ec!, keys.ed!]) {
      const { claims, scopes, header } = await verifier.verifyAccessToken(await sign(key));
      expect(claims).toMatchObject({ iss: issuer, sub: "usr_1", client_id: CLIENT });
      expect(scopes).toEqual(["openid", "applications:read"]);
      expect(header.kid).toBe(key.kid);
    }
    expect(hits).toEqual({ discovery: 1, jwks: 1 });
  });

  it("accepts typ application/at+jwt (RFC 9068 §2.1 allows both spellings)", async () => {
    const verifier = createTokenVerifier({ issuer, audience: API });
    await expect(verifier.verifyAccessToken(await sign(keys.rsa!, {}, { typ: "application/at+jwt" }))).resolves.toMatchObject({ kind: "access" });
  });

  it("refuses alg none without fetching any key", async () => {
    const verifier = createTokenVerifier({ issuer, audience: API });
    const header = base64url.encode(JSON.stringify({ alg: "none", typ: "at+jwt" }));
    const payload = base64url.encode(JSON.stringify({ iss: issuer, sub: "usr_1", aud: API, client_id: CLIENT, iat: now(), exp: now() + 60 }));
    await refusal(verifier.verifyAccessToken(`${header}.${payload}.`), "algorithm_not_allowed");
    await refusal(verifier.verifyAccessToken(`${header}.${payload}`), "malformed");
    expect(hits.jwks).toBe(0);
  });

  it("refuses HS256 signed with the issuer's RSA public key (algorithm confusion)", async () => {
    const verifier = createTokenVerifier({ issuer, audience: API });
    const pem = await exportSPKI(keys.rsa!.publicKey);
    const claims = { iss: issuer, sub: "usr_1", aud: API, client_id: CLIENT, iat: now(), exp: now() + 60 };
    for (const secret of [pem, JSON.stringify(keys.rsa!.jwk), keys.rsa!.jwk.n!]) {
      const forged = await new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256", kid: keys.rsa!.kid, typ: "at+jwt" })
        .sign(new TextEncoder().encode(secret));
      await refusal(verifier.verifyAccessToken(forged), "algorithm_not_allowed");
    }
    // And no configuration lets an HMAC (or anything outside RS256/ES256/EdDSA) in.
    expect(() => createTokenVerifier({ issuer, audience: API, algorithms: ["HS256" as "RS256"] })).toThrow(/not allowed/);
  });

  it("refuses a token for another audience, from another issuer, or without an audience", async () => {
    const verifier = createTokenVerifier({ issuer, audience: API });
    await refusal(verifier.verifyAccessToken(await sign(keys.rsa!, { aud: "https://other.example.com/api" })), "audience_mismatch");
    await refusal(verifier.verifyAccessToken(await sign(keys.rsa!, { aud: undefined })), "missing_claim");
    const wrongIss = await refusal(verifier.verifyAccessToken(await sign(keys.rsa!, { iss: `${origin}/t/other` })), "issuer_mismatch");
    expect(wrongIss.claim).toBe("iss");
    // Exact comparison: a trailing slash is another issuer.
    await refusal(verifier.verifyAccessToken(await sign(keys.rsa!, { iss: `${issuer}/` })), "issuer_mismatch");
    expect(() => createTokenVerifier({ issuer, audience: [] })).toThrow(/audience is required/);
  });

  it("refuses an expired token with TokenExpiredError, within a small clock tolerance", async () => {
    const verifier = createTokenVerifier({ issuer, audience: API });
    const expired = await refusal(verifier.verifyAccessToken(await sign(keys.rsa!, { iat: now() - 600, exp: now() - 60 })), "expired");
    expect(expired).toBeInstanceOf(TokenExpiredError);
    expect((expired as TokenExpiredError).expiredAt!.getTime()).toBeLessThan(Date.now());
    // Three seconds of skew between machines is tolerated (default 5 s).
    await expect(verifier.verifyAccessToken(await sign(keys.rsa!, { iat: now() - 600, exp: now() - 3 }))).resolves.toBeDefined();
    const strict = createTokenVerifier({ issuer, audience: API, clockToleranceSeconds: 0 });
    await refusal(strict.verifyAccessToken(await sign(keys.rsa!, { iat: now() - 600, exp: now() - 3 })), "expired");
    await refusal(verifier.verifyAccessToken(await sign(keys.rsa!, { exp: undefined })), "missing_claim");
  });

  it("refuses a token that is not yet valid, or issued in the future", async () => {
    const verifier = createTokenVerifier({ issuer, audience: API });
    await refusal(verifier.verifyAccessToken(await sign(keys.rsa!, { nbf: now() + 120 })), "not_yet_valid");
    await refusal(verifier.verifyAccessToken(await sign(keys.rsa!, { iat: now() + 120 })), "claim_invalid");
  });

  it("refuses an ID token (typ JWT, or no typ) presented as an access token", async () => {
    const verifier = createTokenVerifier({ issuer, audience: [API, CLIENT] });
    const idToken = await sign(keys.rsa!, idClaims, { typ: "JWT" });
    const wrong = await refusal(verifier.verifyAccessToken(idToken), "wrong_token_type");
    expect(wrong.claim).toBe("typ");
    await refusal(verifier.verifyAccessToken(await sign(keys.rsa!, idClaims, { typ: undefined })), "wrong_token_type");
  });

  it("refuses a forged signature, a tampered payload, and a key the issuer does not publish", async () => {
    const verifier = createTokenVerifier({ issuer, audience: API });
    const impostor = await newKey(keys.rsa!.kid, "RS256");
    await refusal(verifier.verifyAccessToken(await sign(impostor)), "signature_invalid");

    const [h, , s] = (await sign(keys.rsa!)).split(".");
    const tampered = base64url.encode(JSON.stringify({ iss: issuer, sub: "usr_admin", aud: API, client_id: CLIENT, iat: now(), exp: now() + 60 }));
    await refusal(verifier.verifyAccessToken(`${h}.${tampered}.${s}`), "signature_invalid");

    const unpublished = await newKey("not-published", "ES256");
    await refusal(verifier.verifyAccessToken(await sign(unpublished)), "key_not_found");
    await refusal(verifier.verifyAccessToken("not.a.jwt"), "malformed");
    await refusal(verifier.verifyAccessToken(""), "malformed");
    await refusal(verifier.verifyAccessToken("a".repeat(20_000)), "malformed");
  });

  it("requires client_id and sub, and checks required scopes", async () => {
    const verifier = createTokenVerifier({ issuer, audience: API });
    await refusal(verifier.verifyAccessToken(await sign(keys.rsa!, { client_id: undefined })), "missing_claim");
    await refusal(verifier.verifyAccessToken(await sign(keys.rsa!, { sub: undefined })), "missing_claim");
    const token = await sign(keys.rsa!);
    await expect(verifier.verifyAccessToken(token, { requiredScopes: ["applications:read"] })).resolves.toBeDefined();
    await refusal(verifier.verifyAccessToken(token, { requiredScopes: ["applications:write"] }), "insufficient_scope");
  });
});

describe("ID tokens", () => {
  it("accepts an ID token for the client with the expected nonce", async () => {
    const verifier = createTokenVerifier({ issuer, audience: CLIENT });
    const { claims, kind } = await verifier.verifyIdToken(await sign(keys.ec!, idClaims, { typ: "JWT" }), { nonce: "n-123" });
    expect(kind).toBe("id");
    expect(claims.nonce).toBe("n-123");
  });

  it("refuses an access token presented as an ID token, a wrong nonce, and another client's token", async () => {
    const verifier = createTokenVerifier({ issuer, audience: CLIENT });
    await refusal(verifier.verifyIdToken(await sign(keys.rsa!, idClaims), { nonce: "n-123" }), "wrong_token_type");
    await refusal(verifier.verifyIdToken(await sign(keys.rsa!, idClaims, { typ: "JWT" }), { nonce: "other" }), "nonce_mismatch");
    await refusal(verifier.verifyIdToken(await sign(keys.rsa!, { ...idClaims, aud: "app_other" }, { typ: "JWT" })), "audience_mismatch");
    // Several audiences: azp must be present and name this client.
    await refusal(verifier.verifyIdToken(await sign(keys.rsa!, { ...idClaims, aud: [CLIENT, "app_other"], azp: undefined }, { typ: "JWT" })), "azp_mismatch");
    await refusal(verifier.verifyIdToken(await sign(keys.rsa!, { ...idClaims, azp: "app_other" }, { typ: "JWT" })), "azp_mismatch");
    await expect(
      verifier.verifyIdToken(await sign(keys.rsa!, { ...idClaims, aud: [CLIENT, "app_other"] }, { typ: "JWT" })),
    ).resolves.toBeDefined();
  });

  it("checks auth_time against max_age", async () => {
    const verifier = createTokenVerifier({ issuer, audience: CLIENT });
    const old = await sign(keys.rsa!, { ...idClaims, auth_time: now() - 3600 }, { typ: "JWT" });
    await refusal(verifier.verifyIdToken(old, { maxAgeSeconds: 60 }), "auth_time_too_old");
    await expect(verifier.verifyIdToken(old, { maxAgeSeconds: 7200 })).resolves.toBeDefined();
    await refusal(verifier.verifyIdToken(await sign(keys.rsa!, idClaims, { typ: "JWT" }), { maxAgeSeconds: 60 }), "missing_claim");
  });
});

describe("the key cache", () => {
  it("accepts a token signed after a key rotation: the new kid makes it refetch the JWKS", async () => {
    const verifier = createTokenVerifier({ issuer, audience: API, jwksCooldownMs: 1500 });
    await verifier.verifyAccessToken(await sign(keys.rsa!));
    expect(hits.jwks).toBe(1);

    // The issuer rotates: the new key is published and starts signing.
    published.push(keys.rotated!.jwk);
    const rotatedToken = await sign(keys.rotated!);
    // Right after a fetch the cooldown holds: an unknown kid does not trigger another one yet.
    await refusal(verifier.verifyAccessToken(rotatedToken), "key_not_found");
    expect(hits.jwks).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, 1600));
    const { header } = await verifier.verifyAccessToken(rotatedToken);
    expect(header.kid).toBe("rsa-2");
    expect(hits.jwks).toBe(2);
    // The old key still verifies its tokens from the same (refetched) set.
    await verifier.verifyAccessToken(await sign(keys.rsa!));
    expect(hits.jwks).toBe(2);
  });

  it("a flood of made-up kids costs at most one JWKS fetch per cooldown", async () => {
    const verifier = createTokenVerifier({ issuer, audience: API, jwksCooldownMs: 60_000 });
    await verifier.verifyAccessToken(await sign(keys.rsa!));
    const made = await Promise.all(Array.from({ length: 25 }, (_, i) => sign(keys.rsa!, {}, { kid: `made-up-${i}` })));
    const results = await Promise.allSettled(made.map((token) => verifier.verifyAccessToken(token)));
    expect(results.every((r) => r.status === "rejected" && (r.reason as TokenInvalidError).reason === "key_not_found")).toBe(true);
    expect(hits.jwks).toBe(1);
  });

  it("verifyToken shares one key cache per issuer between calls", async () => {
    const options = { issuer, audience: API, jwksUri: `${issuer}/.well-known/jwks.json` };
    for (let i = 0; i < 3; i++) await verifyToken(await sign(keys.ed!), options);
    const idToken = await sign(keys.ed!, idClaims, { typ: "JWT" });
    await expect(verifyToken(idToken, { ...options, kind: "id", audience: CLIENT, nonce: "n-123" })).resolves.toMatchObject({ kind: "id" });
    await refusal(verifyToken(idToken, options), "wrong_token_type");
    expect(hits).toEqual({ discovery: 0, jwks: 1 });
  });

  it("an unreachable JWKS or a discovery document for another issuer is JwksUnavailableError, not a verdict on the token", async () => {
    jwksStatus = 500;
    const down = createTokenVerifier({ issuer, audience: API });
    await expect(down.verifyAccessToken(await sign(keys.rsa!))).rejects.toBeInstanceOf(JwksUnavailableError);

    jwksStatus = 200;
    discoveryIssuer = "https://evil.example.com/t/acme";
    const mixedUp = createTokenVerifier({ issuer, audience: API });
    await expect(mixedUp.verifyAccessToken(await sign(keys.rsa!))).rejects.toThrow(/names issuer https:\/\/evil/);

    const nowhere = createTokenVerifier({ issuer: "http://127.0.0.1:1/t/acme", audience: API, timeoutMs: 1000 });
    await expect(nowhere.verifyAccessToken(await sign(keys.rsa!))).rejects.toBeInstanceOf(JwksUnavailableError);
  });

  it("refuses plain http issuers and JWKS locations except on loopback", () => {
    expect(() => createTokenVerifier({ issuer: "http://auth.example.com/t/acme", audience: API })).toThrow(/must use https/);
    expect(() => createTokenVerifier({ issuer: "https://auth.example.com/t/acme", audience: API, jwksUri: "http://auth.example.com/jwks" })).toThrow(
      /must use https/,
    );
    expect(() => createTokenVerifier({ issuer: "http://localhost:4000/t/demo", audience: API })).not.toThrow();
  });
});

describe("bearerToken", () => {
  it("reads an RFC 6750 Authorization header", () => {
    expect(bearerToken("Bearer abc.def-ghi_jkl")).toBe("abc.def-ghi_jkl");
    expect(bearerToken("bearer abc")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeUndefined();
    expect(bearerToken("Bearer a b")).toBeUndefined();
    expect(bearerToken(null)).toBeUndefined();
  });
});
