/**
 * The MFA endpoints under `/v1/tenants/{tenant}/auth/` as Next calls them: real Requests, the
 * route handlers, a fresh database. Codes are computed from the secret the API hands out, at the
 * real time (the window of ±1 step covers the test's own running time).
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  factorListResponseSchema,
  factorRemovedResponseSchema,
  mfaEmailCodeSentResponseSchema,
  mfaEnrolmentRequiredResponseSchema,
  mfaRequiredResponseSchema,
  recoveryCodesResponseSchema,
  signedInResultSchema,
  stepUpResponseSchema,
  totpConfirmedResponseSchema,
  totpEnrolmentResponseSchema,
} from "@plinto/contracts";
import { sessions, tenants, type TenantSettings } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../../test/instance";
import { CLIENT_IP_HEADER, SESSION_COOKIE } from "../../../lib/request";
import { systemContext } from "../../../services/context";
import { ACR } from "../../../services/oidc/claims";
import { totpCode, totpStep } from "../../../services/mfa/totp";
import { createTenant } from "../../../services/tenants/tenants";
import { createUser } from "../../../services/users/users";
import { DELETE as deleteFactor } from "./[tenant]/auth/factors/[factor]/route";
import { GET as listFactors } from "./[tenant]/auth/factors/route";
import { POST as confirmTotp } from "./[tenant]/auth/factors/totp/confirm/route";
import { POST as startTotp } from "./[tenant]/auth/factors/totp/route";
import { POST as completeChallenge } from "./[tenant]/auth/mfa/challenge/route";
import { POST as sendEmailCode } from "./[tenant]/auth/mfa/email-code/route";
import { POST as stepUp } from "./[tenant]/auth/mfa/step-up/route";
import { POST as regenerate } from "./[tenant]/auth/recovery-codes/route";
import { API, bodyOf, codeIn, expectNoSession, lastMail, newEmail, newIp, parseSetCookie, PASSWORD, post, problemOf, signedIn } from "./testing";

let database: TestDatabase;
const home = { slug: "rest-mfa", id: "" };
const strict = { slug: "rest-mfa-required", id: "" };

beforeAll(async () => {
  ({ database } = await getTestInstance());
  home.id = (await createTenant(database.db, systemContext, { slug: home.slug, name: "MFA Home" })).id;
  strict.id = (await createTenant(database.db, systemContext, { slug: strict.slug, name: "MFA Strict" })).id;
  await setSettings(strict.id, { mfaPolicy: { mode: "required", gracePeriodDays: 0 } });
});
afterAll(async () => {
  await database?.dispose();
});

async function setSettings(id: string, settings: Record<string, unknown>) {
  await database.db.update(tenants).set({ settings: settings as TenantSettings }).where(eq(tenants.id, id));
}

interface Caller {
  bearer?: string;
  cookie?: string;
  ip?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route names its own params
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

/** Calls a route handler with a JSON body (or none), as Next would for `/v1/tenants/{tenant}/auth/{path}`. */
function call(handler: Handler, method: string, tenant: string, path: string, body?: unknown, caller: Caller = {}, params: Record<string, string> = {}) {
  const headers = new Headers({ [CLIENT_IP_HEADER]: caller.ip ?? newIp() });
  if (caller.bearer) headers.set("authorization", `Bearer ${caller.bearer}`);
  if (caller.cookie) headers.set("cookie", `${SESSION_COOKIE}=${caller.cookie}`);
  if (body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`${API}/v1/tenants/${tenant}/auth/${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  return handler(request, { params: Promise.resolve({ tenant, ...params }) });
}

async function person(tenant: { id: string; slug: string }) {
  const email = newEmail("mfa");
  await createUser(database.db, systemContext, { tenantId: tenant.id, email, password: PASSWORD, emailVerified: true });
  return email;
}

const nowStep = () => totpStep(new Date());

/** A signed-in person with an authenticator set up through the routes. */
async function enrolled() {
  const email = await person(home);
  const { sessionToken } = await signedIn(home.slug, email);
  const started = await bodyOf(await call(startTotp, "POST", home.slug, "factors/totp", {}, { bearer: sessionToken }), totpEnrolmentResponseSchema);
  const step = nowStep();
  const confirmed = await call(confirmTotp, "POST", home.slug, "factors/totp/confirm", { code: totpCode(started.secret, step) }, { bearer: sessionToken });
  expect(confirmed.status).toBe(200);
  const body = await bodyOf(confirmed, totpConfirmedResponseSchema);
  return { email, sessionToken, secret: started.secret, step, factorId: started.factorId, recoveryCodes: body.recoveryCodes! };
}

async function makeStale(sessionToken: string) {
  const { hashToken } = await import("../../../lib/crypto");
  await database.db
    .update(sessions)
    .set({ authTime: sql`now() - interval '10 minutes'` })
    .where(and(eq(sessions.tenantId, home.id), eq(sessions.tokenHash, hashToken(sessionToken))));
}

async function expectUnauthorized(response: Response) {
  expect(response.status).toBe(401);
  expect(await problemOf(response)).toMatchObject({ code: "unauthorized", status: 401 });
  await expectNoSession(response);
}

describe("sign-in with a second factor", () => {
  it("answers 200 mfa_required with a challenge token and no session; mfa/challenge completes it with the cookie", async () => {
    const { email, secret, step } = await enrolled();
    const response = await post("sign-in", home.slug, { email, password: PASSWORD });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    const pending = await bodyOf(response, mfaRequiredResponseSchema);
    expect(pending).toMatchObject({ status: "mfa_required", factors: ["totp", "recovery_code"] });
    expect(JSON.stringify(pending)).not.toContain("sessionToken");

    const done = await call(completeChallenge, "POST", home.slug, "mfa/challenge", {
      challengeToken: pending.challengeToken,
      method: "totp",
      code: totpCode(secret, step + 1),
    });
    expect(done.status).toBe(200);
    const body = await bodyOf(done, signedInResultSchema);
    expect(body.session.amr).toEqual(["pwd", "otp", "mfa"]);
    const cookie = parseSetCookie(done.headers.get("set-cookie"));
    expect(cookie).toMatchObject({ name: SESSION_COOKIE, value: body.sessionToken });
    expect(cookie.attributes.get("httponly")).toBe(true);
    expect(cookie.attributes.get("path")).toBe(`/t/${home.slug}`);
    const factors = await bodyOf(await call(listFactors, "GET", home.slug, "factors", undefined, { bearer: body.sessionToken }), factorListResponseSchema);
    expect(factors).toMatchObject({ factors: [{ type: "totp", name: "Authenticator app" }], recoveryCodes: { remaining: 10 } });
  });

  it("answers email-sign-in/complete the same way", async () => {
    const { email } = await enrolled();
    expect((await post("email-sign-in", home.slug, { email })).status).toBe(202);
    const code = codeIn((await lastMail(database.db, home.id, email, "email-sign-in"))!.text);
    const response = await post("email-sign-in/complete", home.slug, { email, code });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect((await bodyOf(response, mfaRequiredResponseSchema)).status).toBe("mfa_required");
  });

  it("refuses bad input with problem+json 400 and acts on nothing", async () => {
    const { email } = await enrolled();
    const { challengeToken } = await bodyOf(await post("sign-in", home.slug, { email, password: PASSWORD }), mfaRequiredResponseSchema);
    for (const [body, path] of [
      [{ challengeToken, code: "123456" }, "method"],
      [{ challengeToken, method: "sms", code: "123456" }, "method"],
      [{ challengeToken, method: "totp", code: "12345" }, "code"],
      [{ challengeToken, method: "totp", code: "１２３４５６" }, "code"],
      [{ challengeToken, method: "recovery_code", code: "short" }, "code"],
      [{ method: "totp", code: "123456" }, "challengeToken"],
      [{ challengeToken: "short", method: "totp", code: "123456" }, "challengeToken"],
    ] as const) {
      const response = await call(completeChallenge, "POST", home.slug, "mfa/challenge", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const problem = await problemOf(response);
      expect(problem.code).toBe("validation_failed");
      expect(problem.errors?.map((e) => e.path)).toContain(path);
      await expectNoSession(response, challengeToken);
    }
    const notJson = await call(completeChallenge, "POST", home.slug, "mfa/challenge", "challengeToken=x");
    expect(notJson.status).toBe(400);
    expect((await problemOf(notJson)).code).toBe("malformed_json");
  });

  it("answers a wrong code 400 invalid_verification and an unknown pending sign-in 401", async () => {
    const { email, secret, step } = await enrolled();
    const { challengeToken } = await bodyOf(await post("sign-in", home.slug, { email, password: PASSWORD }), mfaRequiredResponseSchema);
    const wrongCode = totpCode(secret, step + 9);
    const wrong = await call(completeChallenge, "POST", home.slug, "mfa/challenge", { challengeToken, method: "totp", code: wrongCode });
    expect(wrong.status).toBe(400);
    expect((await problemOf(wrong)).code).toBe("invalid_verification");
    await expectNoSession(wrong);
    await expectUnauthorized(await call(completeChallenge, "POST", home.slug, "mfa/challenge", { challengeToken: "c".repeat(43), method: "totp", code: "123456" }));
    // Another tenant does not know it.
    await expectUnauthorized(await call(completeChallenge, "POST", strict.slug, "mfa/challenge", { challengeToken, method: "totp", code: "123456" }));
  });

  it("mails a code where the tenant allows it (202), and refuses it where not (403)", async () => {
    const { email } = await enrolled();
    const first = await bodyOf(await post("sign-in", home.slug, { email, password: PASSWORD }), mfaRequiredResponseSchema);
    const refused = await call(sendEmailCode, "POST", home.slug, "mfa/email-code", { challengeToken: first.challengeToken });
    expect(refused.status).toBe(403);
    expect((await problemOf(refused)).code).toBe("forbidden");

    await setSettings(home.id, { mfaPolicy: { mode: "optional", allowEmailCode: true } });
    try {
      const pending = await bodyOf(await post("sign-in", home.slug, { email, password: PASSWORD }), mfaRequiredResponseSchema);
      expect(pending.factors).toContain("email_code");
      const sent = await call(sendEmailCode, "POST", home.slug, "mfa/email-code", { challengeToken: pending.challengeToken });
      expect(sent.status).toBe(202);
      expect((await bodyOf(sent, mfaEmailCodeSentResponseSchema)).status).toBe("email_code_sent");
      const code = codeIn((await lastMail(database.db, home.id, email, "mfa-email-code"))!.text)!;
      const done = await call(completeChallenge, "POST", home.slug, "mfa/challenge", { challengeToken: pending.challengeToken, method: "email_code", code });
      expect(done.status).toBe(200);
    } finally {
      await setSettings(home.id, {});
    }
  });
});

describe("the caller's factors", () => {
  it("need a session: 401 with the Bearer challenge", async () => {
    await expectUnauthorized(await call(listFactors, "GET", home.slug, "factors"));
    await expectUnauthorized(await call(startTotp, "POST", home.slug, "factors/totp", {}));
    await expectUnauthorized(await call(startTotp, "POST", home.slug, "factors/totp"));
    await expectUnauthorized(await call(confirmTotp, "POST", home.slug, "factors/totp/confirm", { code: "123456" }));
    await expectUnauthorized(await call(regenerate, "POST", home.slug, "recovery-codes"));
    await expectUnauthorized(await call(deleteFactor, "DELETE", home.slug, "factors/cred_x", undefined, {}, { factor: "cred_x" }));
    await expectUnauthorized(await call(stepUp, "POST", home.slug, "mfa/step-up", { method: "totp", code: "123456" }));
    const www = await call(listFactors, "GET", home.slug, "factors", undefined, { bearer: "s".repeat(43) });
    expect(www.headers.get("www-authenticate")).toBe('Bearer realm="plinto"');
  });

  it("starts an enrolment (201, also with no body at all), confirms it, and refuses a wrong code", async () => {
    const email = await person(home);
    const { sessionToken } = await signedIn(home.slug, email);
    const noBody = await call(startTotp, "POST", home.slug, "factors/totp", undefined, { cookie: sessionToken });
    expect(noBody.status).toBe(201);
    const started = await bodyOf(noBody, totpEnrolmentResponseSchema);
    expect(started).toMatchObject({ issuer: "MFA Home", label: email });
    expect(started.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(started.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);

    const wrong = await call(confirmTotp, "POST", home.slug, "factors/totp/confirm", { code: totpCode(started.secret, nowStep() + 9) }, { bearer: sessionToken });
    expect(wrong.status).toBe(400);
    expect((await problemOf(wrong)).code).toBe("invalid_verification");
    const bad = await call(confirmTotp, "POST", home.slug, "factors/totp/confirm", { code: "abc" }, { bearer: sessionToken });
    expect(bad.status).toBe(400);
    expect((await problemOf(bad)).errors?.[0]?.path).toBe("code");

    const confirmed = await call(confirmTotp, "POST", home.slug, "factors/totp/confirm", { code: totpCode(started.secret, nowStep()) }, { bearer: sessionToken });
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers.get("set-cookie")).toBeNull();
    const body = await bodyOf(confirmed, totpConfirmedResponseSchema);
    expect(body.factor.id).toBe(started.factorId);
    expect(body.recoveryCodes).toHaveLength(10);
    expect(body.signIn).toBeUndefined();
  });

  it("needs a recent sign-in to start, remove or regenerate: 403 reauthentication_required, until a step-up", async () => {
    const { sessionToken, factorId, secret, step } = await enrolled();
    await makeStale(sessionToken);
    for (const response of [
      await call(startTotp, "POST", home.slug, "factors/totp", {}, { bearer: sessionToken }),
      await call(regenerate, "POST", home.slug, "recovery-codes", undefined, { bearer: sessionToken }),
      await call(deleteFactor, "DELETE", home.slug, `factors/${factorId}`, undefined, { bearer: sessionToken }, { factor: factorId }),
    ]) {
      expect(response.status).toBe(403);
      expect(await problemOf(response)).toMatchObject({ code: "reauthentication_required", status: 403 });
    }

    const raised = await call(stepUp, "POST", home.slug, "mfa/step-up", { method: "totp", code: totpCode(secret, step + 1) }, { bearer: sessionToken });
    expect(raised.status).toBe(200);
    const body = await bodyOf(raised, stepUpResponseSchema);
    expect(body.session).toMatchObject({ acr: ACR.multiFactor, amr: ["pwd", "otp", "mfa"] });
    expect(parseSetCookie(raised.headers.get("set-cookie")).value).toBe(body.sessionToken);
    // The old token is gone.
    await expectUnauthorized(await call(listFactors, "GET", home.slug, "factors", undefined, { bearer: sessionToken }));

    const codes = await call(regenerate, "POST", home.slug, "recovery-codes", undefined, { bearer: body.sessionToken });
    expect(codes.status).toBe(200);
    expect((await bodyOf(codes, recoveryCodesResponseSchema)).recoveryCodes).toHaveLength(10);

    const notAnId = await call(deleteFactor, "DELETE", home.slug, "factors/nope", undefined, { bearer: body.sessionToken }, { factor: "nope" });
    expect(notAnId.status).toBe(404);
    const someoneElses = (await enrolled()).factorId;
    const other = await call(deleteFactor, "DELETE", home.slug, `factors/${someoneElses}`, undefined, { bearer: body.sessionToken }, { factor: someoneElses });
    expect(other.status).toBe(404);
    const removed = await call(deleteFactor, "DELETE", home.slug, `factors/${factorId}`, undefined, { bearer: body.sessionToken }, { factor: factorId });
    expect(removed.status).toBe(200);
    expect(await bodyOf(removed, factorRemovedResponseSchema)).toEqual({ status: "removed" });
    const left = await bodyOf(await call(listFactors, "GET", home.slug, "factors", undefined, { bearer: body.sessionToken }), factorListResponseSchema);
    expect(left).toEqual({ factors: [], recoveryCodes: { remaining: 0 } });
  });
});

describe("a tenant that requires a second factor", () => {
  it("answers mfa_enrolment_required; the challenge token sets up an app, and confirming signs in with the cookie", async () => {
    const email = await person(strict);
    const response = await post("sign-in", strict.slug, { email, password: PASSWORD });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    const held = await bodyOf(response, mfaEnrolmentRequiredResponseSchema);
    expect(held.factors).toEqual(["totp"]);

    // Not a session: the factors list stays closed to it.
    await expectUnauthorized(await call(listFactors, "GET", strict.slug, "factors", undefined, { bearer: held.challengeToken }));

    const started = await call(startTotp, "POST", strict.slug, "factors/totp", { challengeToken: held.challengeToken });
    expect(started.status).toBe(201);
    const { secret } = await bodyOf(started, totpEnrolmentResponseSchema);
    const confirmed = await call(confirmTotp, "POST", strict.slug, "factors/totp/confirm", { challengeToken: held.challengeToken, code: totpCode(secret, nowStep()) });
    expect(confirmed.status).toBe(200);
    const body = await bodyOf(confirmed, totpConfirmedResponseSchema);
    expect(body.recoveryCodes).toHaveLength(10);
    expect(body.signIn).toMatchObject({ status: "signed_in", session: { amr: ["pwd", "otp", "mfa"] } });
    expect(parseSetCookie(confirmed.headers.get("set-cookie")).value).toBe(body.signIn!.sessionToken);

    const again = await call(confirmTotp, "POST", strict.slug, "factors/totp/confirm", { challengeToken: held.challengeToken, code: totpCode(secret, nowStep() + 1) });
    await expectUnauthorized(again);
  });
});
