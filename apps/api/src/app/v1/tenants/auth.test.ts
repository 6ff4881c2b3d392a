import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  emailSignInSentResponseSchema,
  emailVerifiedResponseSchema,
  passwordResetResponseSchema,
  resetRequestedResponseSchema,
  sessionListResponseSchema,
  signedInResultSchema,
  signedOutResponseSchema,
  verificationSentResponseSchema,
} from "@plinto/contracts";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../../test/instance";
import { awayFromWindowEdge } from "../../../lib/rate-limit/testing";
import { MAX_JSON_BODY_BYTES } from "../../../lib/validation";
import type { Runtime } from "../../../lib/runtime";
import { limits } from "../../../services/auth/auth";
import { systemContext } from "../../../services/context";
import { listOutbox } from "../../../services/mail/outbox";
import { DEFAULT_SESSION_LIFETIMES } from "../../../services/sessions/sessions";
import { createTenant } from "../../../services/tenants/tenants";
import { findUserByEmail } from "../../../services/users/users";
import {
  bodyOf,
  codeIn,
  expectNoSession,
  getSessions,
  lastMail,
  newEmail,
  newIp,
  parseSetCookie,
  PASSWORD,
  post,
  problemOf,
  revokeSession,
  signedIn,
  signedUpAndVerified,
  tokenIn,
  type PostEndpoint,
} from "./testing";

let runtime: Runtime;
let database: TestDatabase;
const tenant = { slug: "rest-auth", id: "" };

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  tenant.id = (await createTenant(database.db, systemContext, { slug: tenant.slug, name: "Rest Auth" })).id;
});
afterAll(async () => {
  await database?.dispose();
});

const mail = (to: string, kind?: string) => lastMail(database.db, tenant.id, to, kind);

describe("the whole journey", () => {
  it("signs up, verifies with the mailed code, signs in, lists sessions, signs out, and the token stops working", async () => {
    const email = newEmail("journey");
    const phone = { ip: newIp(), headers: { "user-agent": "PlintoJourney/1.0 (phone)" } };

    // Sign up: 202, nothing else, no session yet.
    const signUp = await post("sign-up", tenant.slug, { email, password: PASSWORD, name: "  Ada Lovelace " }, phone);
    expect(signUp.status).toBe(202);
    expect(await bodyOf(signUp, verificationSentResponseSchema)).toEqual({ status: "verification_sent" });
    await expectNoSession(signUp);

    // Verify with the code from the outbox.
    const confirmation = await mail(email, "verify-email");
    const code = codeIn(confirmation!.text);
    expect(code).toMatch(/^\d{6}$/);
    const verified = await post("verify-email", tenant.slug, { email, code }, phone);
    expect(verified.status).toBe(200);
    expect(await bodyOf(verified, emailVerifiedResponseSchema)).toEqual({ status: "verified" });

    // Sign in: user, session and token in the body; the same token in the session cookie.
    const before = Date.now();
    const response = await post("sign-in", tenant.slug, { email, password: PASSWORD }, phone);
    expect(response.status).toBe(200);
    const body = await bodyOf(response, signedInResultSchema);
    const user = await findUserByEmail(database.db, tenant.id, email);
    expect(body.user).toEqual({ id: user!.id, email, name: "Ada Lovelace", emailVerified: true });
    expect(body.session.amr).toEqual(["pwd"]);
    const started = Date.parse(body.session.expiresAt) - DEFAULT_SESSION_LIFETIMES.absoluteSeconds * 1000;
    expect(started).toBeGreaterThanOrEqual(before);
    expect(started).toBeLessThanOrEqual(Date.now());
    expect(body.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const cookie = parseSetCookie(response.headers.get("set-cookie"));
    expect(cookie.name).toBe("plinto_session");
    expect(cookie.value).toBe(body.sessionToken);
    expect(cookie.attributes.get("httponly")).toBe(true);
    expect(cookie.attributes.get("samesite")).toBe("Lax");
    expect(cookie.attributes.get("path")).toBe(`/t/${tenant.slug}`);
    expect(cookie.attributes.get("max-age")).toBe(String(DEFAULT_SESSION_LIFETIMES.absoluteSeconds));
    expect(cookie.attributes.has("secure")).toBe(false); // the test instance's public URL is http://
    expect(cookie.attributes.has("domain")).toBe(false);

    // A second device.
    const laptop = await signedIn(tenant.slug, email, PASSWORD, { headers: { "user-agent": "PlintoJourney/1.0 (laptop)" } });
    expect(laptop.session.id).not.toBe(body.session.id);
    expect(laptop.sessionToken).not.toBe(body.sessionToken);

    // The phone lists both sessions, by Bearer token and by cookie alike, and only its own is current.
    for (const caller of [{ bearer: body.sessionToken }, { cookie: body.sessionToken }]) {
      const listed = await getSessions(tenant.slug, caller);
      expect(listed.status).toBe(200);
      const { sessions } = await bodyOf(listed, sessionListResponseSchema);
      expect(sessions.map((s) => s.id)).toEqual([laptop.session.id, body.session.id]);
      expect(sessions.map((s) => s.current)).toEqual([false, true]);
      expect(sessions[1]).toMatchObject({ ipAddress: phone.ip, userAgent: "PlintoJourney/1.0 (phone)", amr: ["pwd"] });
      expect(sessions[1]!.expiresAt).toBe(body.session.expiresAt);
    }

    // Sign out with the Bearer token: 200, and the cookie is cleared at the same path.
    const out = await post("sign-out", tenant.slug, undefined, { bearer: body.sessionToken });
    expect(out.status).toBe(200);
    expect(await bodyOf(out, signedOutResponseSchema)).toEqual({ status: "signed_out" });
    const cleared = parseSetCookie(out.headers.get("set-cookie"));
    expect(cleared).toMatchObject({ name: "plinto_session", value: "" });
    expect(cleared.attributes.get("max-age")).toBe("0");
    expect(cleared.attributes.get("path")).toBe(`/t/${tenant.slug}`);
    expect(cleared.attributes.get("httponly")).toBe(true);

    // The phone's token no longer lists sessions, neither as Bearer nor as cookie: 401.
    for (const caller of [{ bearer: body.sessionToken }, { cookie: body.sessionToken }]) {
      const refused = await getSessions(tenant.slug, caller);
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="plinto"');
      expect(await problemOf(refused)).toMatchObject({ code: "unauthorized", status: 401 });
      await expectNoSession(refused, body.sessionToken);
    }
    // The laptop is still signed in, and now sees only itself.
    const remaining = await bodyOf(await getSessions(tenant.slug, { bearer: laptop.sessionToken }), sessionListResponseSchema);
    expect(remaining.sessions.map((s) => [s.id, s.current])).toEqual([[laptop.session.id, true]]);
  });

  it("confirms an address with the link's token once, and refuses it a second time", async () => {
    const email = newEmail();
    await post("sign-up", tenant.slug, { email, password: PASSWORD }, { ip: newIp() });
    const token = tokenIn((await mail(email, "verify-email"))!.text)!;
    const first = await post("verify-email", tenant.slug, { token });
    expect(first.status).toBe(200);
    expect(await bodyOf(first, emailVerifiedResponseSchema)).toEqual({ status: "verified" });
    const again = await post("verify-email", tenant.slug, { token });
    expect(again.status).toBe(400);
    expect(await problemOf(again)).toMatchObject({ code: "invalid_verification" });
    // A wrong code for the same address is refused the same way.
    const wrong = await post("verify-email", tenant.slug, { email, code: "000000" });
    expect((await problemOf(wrong)).code).toBe("invalid_verification");
  });

  it("refuses password sign-in before the address is confirmed (403), with no session, and mails a fresh code", async () => {
    const email = newEmail();
    await post("sign-up", tenant.slug, { email, password: PASSWORD }, { ip: newIp() });
    const first = await mail(email, "verify-email");
    const refused = await post("sign-in", tenant.slug, { email, password: PASSWORD });
    expect(refused.status).toBe(403);
    expect(await problemOf(refused)).toMatchObject({ code: "email_not_verified", status: 403 });
    await expectNoSession(refused);
    expect((await mail(email, "verify-email"))!.id).not.toBe(first!.id);
  });

  it("answers resend-verification with 202 for any address, and mails only an unconfirmed account", async () => {
    const pending = newEmail();
    await post("sign-up", tenant.slug, { email: pending, password: PASSWORD }, { ip: newIp() });
    const before = await mail(pending, "verify-email");
    const stranger = newEmail();
    const answers = [];
    for (const email of [pending, stranger]) {
      const response = await post("resend-verification", tenant.slug, { email });
      expect(response.status).toBe(202);
      answers.push(await bodyOf(response, verificationSentResponseSchema));
    }
    expect(answers).toEqual([{ status: "verification_sent" }, { status: "verification_sent" }]);
    expect((await mail(pending, "verify-email"))!.id).not.toBe(before!.id);
    expect(await mail(stranger)).toBeUndefined();
  });

  it("refuses a sign-up password the policy does not allow, naming the password field", async () => {
    const email = newEmail();
    const response = await post("sign-up", tenant.slug, { email, password: "password" }, { ip: newIp() });
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors?.map((e) => e.path)).toContain("password");
    expect(await findUserByEmail(database.db, tenant.id, email)).toBeUndefined();
  });
});

describe("password reset", () => {
  it("mails a link, sets the new password, ends every session, and spends the link", async () => {
    const { email } = await signedUpAndVerified(database.db, tenant);
    const session = await signedIn(tenant.slug, email);

    const requested = await post("forgot-password", tenant.slug, { email });
    expect(requested.status).toBe(202);
    expect(await bodyOf(requested, resetRequestedResponseSchema)).toEqual({ status: "reset_requested" });
    const token = tokenIn((await mail(email, "reset-password"))!.text)!;

    // The policy holds on reset, and a refused password does not spend the link.
    const weak = await post("reset-password", tenant.slug, { token, password: "short" });
    expect(weak.status).toBe(400);
    expect((await problemOf(weak)).errors?.map((e) => e.path)).toContain("password");

    const reset = await post("reset-password", tenant.slug, { token, password: "a brand new passphrase here" });
    expect(reset.status).toBe(200);
    expect(await bodyOf(reset, passwordResetResponseSchema)).toEqual({ status: "password_reset" });
    await expectNoSession(reset, token);

    expect((await getSessions(tenant.slug, { bearer: session.sessionToken })).status).toBe(401);
    expect((await post("sign-in", tenant.slug, { email, password: PASSWORD })).status).toBe(401);
    await signedIn(tenant.slug, email, "a brand new passphrase here");
    const replay = await post("reset-password", tenant.slug, { token, password: "yet another fine passphrase" });
    expect((await problemOf(replay)).code).toBe("invalid_verification");
  });

  it("answers an unknown address exactly like a known one", async () => {
    const { email } = await signedUpAndVerified(database.db, tenant);
    const known = await post("forgot-password", tenant.slug, { email });
    const unknown = await post("forgot-password", tenant.slug, { email: newEmail("ghost") });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await unknown.text()).toBe(await known.text());
  });
});

describe("email sign-in", () => {
  it("mails a link and a code; the link signs in once, the code too, each with the sign-in answer and cookie", async () => {
    const { email } = await signedUpAndVerified(database.db, tenant);

    const sent = await post("email-sign-in", tenant.slug, { email });
    expect(sent.status).toBe(202);
    expect(await bodyOf(sent, emailSignInSentResponseSchema)).toEqual({ status: "sign_in_link_sent" });
    const token = tokenIn((await mail(email, "email-sign-in"))!.text)!;

    const viaLink = await post("email-sign-in/complete", tenant.slug, { token });
    expect(viaLink.status).toBe(200);
    const body = await bodyOf(viaLink, signedInResultSchema);
    expect(body.user.email).toBe(email);
    expect(body.session.amr).toEqual(["otp"]);
    const cookie = parseSetCookie(viaLink.headers.get("set-cookie"));
    expect(cookie.value).toBe(body.sessionToken);
    expect(cookie.attributes.get("path")).toBe(`/t/${tenant.slug}`);
    expect(cookie.attributes.get("httponly")).toBe(true);

    const replay = await post("email-sign-in/complete", tenant.slug, { token });
    expect(replay.status).toBe(400);
    expect((await problemOf(replay)).code).toBe("invalid_verification");
    await expectNoSession(replay, token);

    await post("email-sign-in", tenant.slug, { email });
    const code = codeIn((await mail(email, "email-sign-in"))!.text)!;
    const viaCode = await post("email-sign-in/complete", tenant.slug, { email, code });
    expect(viaCode.status).toBe(200);
    const second = await bodyOf(viaCode, signedInResultSchema);
    expect(second.session.id).not.toBe(body.session.id);
    expect((await getSessions(tenant.slug, { bearer: second.sessionToken })).status).toBe(200);
  });

  it("signs a new account in by mail and confirms its address on the way", async () => {
    const email = newEmail();
    await post("sign-up", tenant.slug, { email, password: PASSWORD }, { ip: newIp() });
    await post("email-sign-in", tenant.slug, { email });
    const code = codeIn((await mail(email, "email-sign-in"))!.text)!;
    const body = await bodyOf(await post("email-sign-in/complete", tenant.slug, { email, code }), signedInResultSchema);
    expect(body.user.emailVerified).toBe(true);
  });

  it("answers an unknown address like a known one, and a code for it is refused without a session", async () => {
    const { email } = await signedUpAndVerified(database.db, tenant);
    const known = await post("email-sign-in", tenant.slug, { email });
    const ghost = newEmail("ghost");
    const unknown = await post("email-sign-in", tenant.slug, { email: ghost });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await unknown.text()).toBe(await known.text());
    const guess = await post("email-sign-in/complete", tenant.slug, { email: ghost, code: "123456" });
    expect(guess.status).toBe(400);
    expect((await problemOf(guess)).code).toBe("invalid_verification");
    await expectNoSession(guess);
  });
});

describe("sign-in failures (SECURITY-CASES #2, #3)", () => {
  it("answers unknown email, wrong password and empty password identically, with no session", async () => {
    const { email } = await signedUpAndVerified(database.db, tenant);
    const attempts = [
      { email: newEmail("nobody"), password: PASSWORD },
      { email, password: "not the passphrase at all" },
      { email, password: "" },
      { email: email.toUpperCase(), password: `${PASSWORD} ` },
    ];
    const answers: Array<{ status: number; text: string; type: string | null; cacheControl: string | null }> = [];
    for (const attempt of attempts) {
      const response = await post("sign-in", tenant.slug, attempt);
      await expectNoSession(response);
      expect(response.headers.get("retry-after")).toBeNull();
      answers.push({
        status: response.status,
        text: await response.text(),
        type: response.headers.get("content-type"),
        cacheControl: response.headers.get("cache-control"),
      });
    }
    expect(answers[0]!.status).toBe(401);
    expect(JSON.parse(answers[0]!.text)).toMatchObject({ code: "invalid_credentials", status: 401 });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it("pauses an account after repeated failures from many addresses: 429 with Retry-After, no session", async () => {
    const { email } = await signedUpAndVerified(database.db, tenant);
    for (const address of [email, newEmail("ghost")]) {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i <= limits.signInPerAccount.limit; i++) {
        last = await post("sign-in", tenant.slug, { email: address, password: "wrong guess 123456" }, { ip: newIp() });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([...Array<number>(limits.signInPerAccount.limit).fill(401), 429]);
      const retryAfter = Number(last!.headers.get("retry-after"));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(limits.signInPerAccount.windowSeconds);
      expect(await problemOf(last!)).toMatchObject({ code: "rate_limited", status: 429 });
      await expectNoSession(last!);
    }
    // The right password waits too, so the pause cannot be used to confirm a guess.
    const right = await post("sign-in", tenant.slug, { email, password: PASSWORD }, { ip: newIp() });
    expect(right.status).toBe(429);
    await expectNoSession(right);
  });

  it("limits one client address across accounts, by the address the server stamped", async () => {
    await awayFromWindowEdge(limits.signInPerIp.windowSeconds);
    const ip = newIp();
    let last: Response | undefined;
    for (let i = 0; i <= limits.signInPerIp.limit; i++) {
      last = await post("sign-in", tenant.slug, { email: newEmail("spray"), password: "x" }, { ip });
      if (i < limits.signInPerIp.limit) expect(last.status).toBe(401);
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await post("sign-in", tenant.slug, { email: newEmail("spray"), password: "x" }, { ip: newIp() })).status).toBe(401);
  });
});

describe("requests the contract refuses", () => {
  const valid: Record<PostEndpoint, unknown> = {
    "sign-up": { email: "valid@example.com", password: PASSWORD },
    "verify-email": { email: "valid@example.com", code: "123456" },
    "resend-verification": { email: "valid@example.com" },
    "sign-in": { email: "valid@example.com", password: PASSWORD },
    "forgot-password": { email: "valid@example.com" },
    "reset-password": { token: "t".repeat(43), password: PASSWORD },
    "email-sign-in": { email: "valid@example.com" },
    "email-sign-in/complete": { token: "t".repeat(43) },
    "sign-out": {},
  };
  const withBody = (Object.keys(valid) as PostEndpoint[]).filter((endpoint) => endpoint !== "sign-out");

  it("answers 400 with the fields that are wrong, and acts on nothing", async () => {
    const bad = "not-an-email";
    const cases: Array<[PostEndpoint, unknown, string[]]> = [
      ["sign-up", { email: bad, password: PASSWORD }, ["email"]],
      ["sign-up", { email: `${"a".repeat(64)}@${"b".repeat(250)}.${"c".repeat(10)}.com`, password: PASSWORD }, ["email"]],
      ["sign-up", { email: "ok@example.com", password: PASSWORD, name: 7 }, ["name"]],
      ["sign-up", { password: PASSWORD }, ["email"]],
      ["sign-in", { email: bad, password: PASSWORD }, ["email"]],
      ["sign-in", { email: "ok@example.com" }, ["password"]],
      ["sign-in", { email: "ok@example.com", password: "p".repeat(1025) }, ["password"]],
      ["sign-in", { email: 42, password: null }, ["email", "password"]],
      ["sign-in", [], ["(body)"]],
      ["verify-email", { email: bad, code: "123456" }, ["email"]],
      ["verify-email", { email: "ok@example.com", code: "12345" }, ["code"]],
      ["verify-email", { email: "ok@example.com", code: "abcdef" }, ["code"]],
      ["verify-email", { token: "too-short" }, ["token"]],
      ["verify-email", {}, ["(body)"]],
      ["resend-verification", { email: bad }, ["email"]],
      ["forgot-password", { email: bad }, ["email"]],
      ["reset-password", { token: "t".repeat(201), password: PASSWORD }, ["token"]],
      ["reset-password", { token: "t".repeat(43) }, ["password"]],
      ["email-sign-in", { email: bad }, ["email"]],
      ["email-sign-in/complete", { email: bad, code: "123456" }, ["email"]],
      ["email-sign-in/complete", { email: "ok@example.com" }, ["(body)"]],
    ];
    for (const [endpoint, body, paths] of cases) {
      const label = `${endpoint} ${JSON.stringify(body).slice(0, 60)}`;
      const response = await post(endpoint, tenant.slug, body);
      expect(response.status, label).toBe(400);
      const problem = await problemOf(response);
      expect(problem.code, label).toBe("validation_failed");
      expect(problem.errors?.map((e) => e.path).sort(), label).toEqual([...paths].sort());
      for (const error of problem.errors ?? []) expect(error.message.length, label).toBeGreaterThan(0);
      await expectNoSession(response);
    }
    expect(await listOutbox(database.db, { tenantId: tenant.id, to: bad, limit: 1 })).toEqual([]);
  });

  it("says which email is wrong in words a person can act on", async () => {
    const problem = await problemOf(await post("sign-up", tenant.slug, { email: "ada@", password: PASSWORD }));
    expect(problem.errors).toEqual([{ path: "email", message: "Enter an email address like name@example.com" }]);
  });

  it("answers 415 to a form-encoded, plain-text or untyped body, before doing anything", async () => {
    const email = newEmail("form");
    const form = new URLSearchParams({ email, password: PASSWORD, token: "t".repeat(43) }).toString();
    for (const endpoint of withBody) {
      for (const [type, body] of [
        ["application/x-www-form-urlencoded", form],
        ["text/plain", JSON.stringify(valid[endpoint])],
        ["multipart/form-data; boundary=x", `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${email}\r\n--x--`],
        [undefined, new TextEncoder().encode(JSON.stringify(valid[endpoint]))],
      ] as const) {
        const response = await post(endpoint, tenant.slug, body, { contentType: type ?? null });
        const label = `${endpoint} ${type ?? "(no content-type)"}`;
        expect(response.status, label).toBe(415);
        expect((await problemOf(response)).code, label).toBe("unsupported_media_type");
        await expectNoSession(response);
      }
    }
    expect(await findUserByEmail(database.db, tenant.id, email)).toBeUndefined();
    expect(await mail(email)).toBeUndefined();
  });

  it("answers 413 to a body over 64 KiB, and takes one just under it", async () => {
    const email = newEmail("big");
    for (const endpoint of withBody) {
      const body = JSON.stringify({ ...(valid[endpoint] as object), email, padding: "x".repeat(MAX_JSON_BODY_BYTES) });
      const response = await post(endpoint, tenant.slug, body, { ip: newIp() });
      expect(response.status, endpoint).toBe(413);
      expect((await problemOf(response)).code, endpoint).toBe("payload_too_large");
      await expectNoSession(response);
    }
    expect(await mail(email)).toBeUndefined();

    const near = JSON.stringify({ email, password: "wrong", padding: "x".repeat(MAX_JSON_BODY_BYTES - 200) });
    expect(Buffer.byteLength(near)).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES);
    const response = await post("sign-in", tenant.slug, near);
    expect(response.status).toBe(401);
  });

  it("answers 400 malformed_json to a body that is not JSON", async () => {
    for (const endpoint of withBody) {
      const response = await post(endpoint, tenant.slug, '{"email": "a@example.com",');
      expect(response.status, endpoint).toBe(400);
      expect((await problemOf(response)).code, endpoint).toBe("malformed_json");
    }
  });

  it("answers 404 for a tenant that does not exist, on every endpoint", async () => {
    const email = newEmail("lost");
    for (const endpoint of Object.keys(valid) as PostEndpoint[]) {
      const response = await post(endpoint, "no-such-tenant", { ...(valid[endpoint] as object), ...("email" in (valid[endpoint] as object) ? { email } : {}) });
      expect(response.status, endpoint).toBe(404);
      expect((await problemOf(response)).code, endpoint).toBe("not_found");
      await expectNoSession(response);
    }
    for (const response of [
      await getSessions("no-such-tenant", { bearer: "t".repeat(43) }),
      await revokeSession("no-such-tenant", "ses_01k0000000000000000000000a", { bearer: "t".repeat(43) }),
    ]) {
      expect(response.status).toBe(404);
      expect((await problemOf(response)).code).toBe("not_found");
    }
    expect(await mail(email)).toBeUndefined();
  });
});

describe("the session cookie under https", () => {
  it("is Secure when the public URL is https, on sign-in and on sign-out", async () => {
    const { email } = await signedUpAndVerified(database.db, tenant);
    const http = runtime.config;
    runtime.config = { ...http, publicUrl: "https://id.example.com" };
    try {
      const response = await post("sign-in", tenant.slug, { email, password: PASSWORD });
      expect(response.status).toBe(200);
      const cookie = parseSetCookie(response.headers.get("set-cookie"));
      expect(cookie.attributes.get("secure")).toBe(true);
      expect(cookie.attributes.get("httponly")).toBe(true);
      expect(cookie.attributes.get("samesite")).toBe("Lax");
      const out = await post("sign-out", tenant.slug, undefined, { cookie: cookie.value });
      expect(parseSetCookie(out.headers.get("set-cookie")).attributes.get("secure")).toBe(true);
    } finally {
      runtime.config = http;
    }
  });
});
