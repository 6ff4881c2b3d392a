import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlintoAccountClient, PlintoApiError } from "./index";

// The account client's sessions, factors, passkeys, consents and memberships against a loopback
// server answering as the API does: the paths, methods and bodies it sends, the answers it checks,
// and the ids it refuses to put in a path. (apps/api's tests and e2e/tests/portal.spec.ts drive the real API.)
let server: Server;
let baseUrl: string;
const seen: Array<{ method: string; url: string; body: string; authorization: string | undefined }> = [];
const at = "2026-11-27T09:30:00.000Z";
const SES = "ses_01k0000000000000000000000a";
const CRED = "cred_01k0000000000000000000000b";
const APP = "app_01k0000000000000000000000c";
const ORG = "org_01k0000000000000000000000d";

const answers: Record<string, [number, unknown]> = {
  "GET /sessions": [200, { sessions: [{ id: SES, current: true, ipAddress: "127.0.0.1", userAgent: "UA", amr: ["pwd"], authTime: at, lastActiveAt: at, expiresAt: at }] }],
  [`DELETE /sessions/${SES}`]: [200, { status: "revoked" }],
  "GET /factors": [200, { factors: [], recoveryCodes: { remaining: 0 } }],
  "POST /factors/totp": [201, { factorId: CRED, secret: "JBSWY3DPEHPK3PXP", otpauthUri: "otpauth://totp/x", qrCode: "data:image/svg+xml;base64,", issuer: "Plinto", label: "a@b.c", expiresAt: at }],
  "POST /factors/totp/confirm": [200, { factor: { id: CRED, type: "totp", name: null, createdAt: at, lastUsedAt: null }, recoveryCodes: ["aaaa-bbbb"] }],
  [`DELETE /factors/${CRED}`]: [200, { status: "removed" }],
  "POST /recovery-codes": [200, { recoveryCodes: ["cccc-dddd"] }],
  "GET /passkeys": [200, { passkeys: [] }],
  [`DELETE /passkeys/${CRED}`]: [204, null],
  "GET /consents": [200, { consents: [] }],
  [`DELETE /consents/${APP}`]: [200, { status: "revoked" }],
  "GET /organizations": [200, { organizations: [{ id: ORG, slug: "acme", name: "Acme", role: "admin", active: false }], active: null }],
  "PUT /organizations/active": [200, { active: { id: ORG, slug: "acme", name: "Acme", role: "admin", permissions: ["members:read"] } }],
  "POST /invitations/accept": [403, { type: "https://plinto.dev/errors/reauthentication_required", title: "Sign in again to do this", status: 403, code: "reauthentication_required" }],
};

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += String(chunk);
    seen.push({ method: req.method!, url: req.url!, body, authorization: req.headers.authorization });
    const path = req.url!.replace("/v1/tenants/acme/auth", "");
    const [status, answer] = answers[`${req.method} ${path}`] ?? [404, { type: "about:blank", title: "Not found", status: 404, code: "not_found" }];
    res.writeHead(status, { "content-type": status >= 400 ? "application/problem+json" : "application/json" });
    res.end(status === 204 ? undefined : JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const client = () => new PlintoAccountClient({ baseUrl, tenant: "acme", token: "the-access-token" });
const last = () => seen.at(-1)!;

describe("PlintoAccountClient: the existing end-user endpoints", () => {
  it("sessions: lists and revokes, with the token as a Bearer", async () => {
    const sessions = await client().sessions.list();
    expect(sessions[0]).toMatchObject({ id: SES, current: true });
    expect(last()).toMatchObject({ method: "GET", url: "/v1/tenants/acme/auth/sessions", authorization: "Bearer the-access-token" });
    expect(await client().sessions.revoke(SES)).toEqual({ status: "revoked" });
    expect(last()).toMatchObject({ method: "DELETE", url: `/v1/tenants/acme/auth/sessions/${SES}` });
  });

  it("factors: TOTP start and confirm, removal and new recovery codes", async () => {
    expect((await client().factors.list()).recoveryCodes.remaining).toBe(0);
    expect((await client().factors.startTotp()).secret).toBe("JBSWY3DPEHPK3PXP");
    expect(last()).toMatchObject({ method: "POST", url: "/v1/tenants/acme/auth/factors/totp", body: "{}" });
    expect((await client().factors.confirmTotp("123456")).recoveryCodes).toEqual(["aaaa-bbbb"]);
    expect(JSON.parse(last().body)).toEqual({ code: "123456" });
    expect(await client().factors.remove(CRED)).toEqual({ status: "removed" });
    expect(await client().factors.regenerateRecoveryCodes()).toEqual(["cccc-dddd"]);
  });

  it("passkeys, consents and memberships reach their paths; the active organization goes in the body", async () => {
    expect(await client().passkeys.list()).toEqual([]);
    expect(await client().passkeys.remove(CRED)).toBeUndefined();
    expect(last()).toMatchObject({ method: "DELETE", url: `/v1/tenants/acme/auth/passkeys/${CRED}` });
    expect(await client().consents.list()).toEqual([]);
    expect(await client().consents.revoke(APP)).toEqual({ status: "revoked" });
    expect((await client().memberships.list()).organizations[0]!.slug).toBe("acme");
    expect((await client().memberships.switchActive(ORG)).active?.id).toBe(ORG);
    expect(JSON.parse(last().body)).toEqual({ organizationId: ORG });
  });

  it("turns a refusal into PlintoApiError with its code", async () => {
    const error = await client()
      .memberships.acceptInvitation("t".repeat(43))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlintoApiError);
    expect((error as PlintoApiError).code).toBe("reauthentication_required");
  });

  it("puts only well-formed ids in a path, and sends nothing for the rest", async () => {
    const before = seen.length;
    await expect(client().sessions.revoke("../factors")).rejects.toThrow(TypeError);
    await expect(client().passkeys.remove("cred_x/../../x")).rejects.toThrow(TypeError);
    await expect(client().consents.revoke("app_1")).rejects.toThrow(TypeError);
    await expect(client().memberships.switchActive("acme")).rejects.toThrow(TypeError);
    expect(seen.length).toBe(before);
  });
});
