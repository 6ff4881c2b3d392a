import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, users } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { createRateLimiter } from "../../lib/rate-limit";
import { awayFromWindowEdge } from "../../lib/rate-limit/testing";
import type { Runtime } from "../../lib/runtime";
import { verifyAuditChain } from "../audit/audit";
import type { RequestContext } from "../context";
import { RateLimitedError } from "../errors";
import { listOutbox } from "../mail/outbox";
import { expectSignedIn } from "../mfa/testing";
import { resolveSession } from "../sessions/sessions";
import { createTenant } from "../tenants/tenants";
import { findUserByEmail, getPasswordHash } from "../users/users";
import {
  completeEmailSignIn,
  limits,
  requestEmailSignIn,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signInWithPassword,
  signOut,
  signUp,
  verifyEmail,
  type AuthDeps,
} from "./auth";
import { serviceErrorOf } from "../../../test/service-errors";

let runtime: Runtime;
let database: TestDatabase;
let deps: AuthDeps;
let tenantId: string;
let counter = 0;
const tenantSlug = "auth-tests";
const PASSWORD = "a long and unusual passphrase";

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  const tenant = await createTenant(database.db, { actor: { type: "system" } }, { slug: tenantSlug, name: "Auth Tests" });
  tenantId = tenant.id;
});
afterAll(async () => {
  await deps?.limiter.close();
  await database?.dispose();
});
beforeEach(() => {
  // A fresh in-memory limiter per test, so one test's attempts never throttle another's.
  deps = { config: runtime.config, mailer: runtime.mailer, limiter: createRateLimiter({ redisUrl: undefined }) };
});

/** Each test gets its own address and its own client IP. */
function fresh() {
  counter += 1;
  return { email: `person${counter}@example.com`, ctx: { actor: { type: "user" }, ipAddress: `192.0.2.${counter}` } as RequestContext };
}

async function lastMail(to: string, kind?: string) {
  const [mail] = await listOutbox(database.db, { tenantId, to, limit: 1, ...(kind ? { kind } : {}) });
  return mail;
}
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1];
const tokenIn = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

async function signedUpAndVerified() {
  const { email, ctx } = fresh();
  await signUp(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD });
  const mail = await lastMail(email, "verify-email");
  await verifyEmail(database.db, deps, ctx, { tenantSlug, email, code: codeIn(mail!.text)! });
  return { email, ctx };
}

describe("sign-up and email verification", () => {
  it("signs up, refuses sign-in until the address is confirmed, then signs in", async () => {
    const { email, ctx } = fresh();
    expect(await signUp(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD, name: "Ada" })).toEqual({
      status: "verification_sent",
    });
    const mail = await lastMail(email, "verify-email");
    expect(mail?.subject).toContain("Auth Tests");
    const code = codeIn(mail!.text);
    expect(code).toMatch(/^\d{6}$/);

    expect((await serviceErrorOf(signInWithPassword(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD }))).code).toBe(
      "email_not_verified",
    );
    // The refused sign-in sent a new code; the first one no longer works.
    const newer = await lastMail(email, "verify-email");
    expect(newer!.id).not.toBe(mail!.id);
    await expect(verifyEmail(database.db, deps, ctx, { tenantSlug, email, code: code! })).rejects.toMatchObject({
      code: "invalid_verification",
    });
    await verifyEmail(database.db, deps, ctx, { tenantSlug, email, code: codeIn(newer!.text)! });

    const signedIn = expectSignedIn(await signInWithPassword(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD }));
    expect(signedIn.sessionToken.length).toBeGreaterThanOrEqual(43);
    expect(signedIn.session.amr).toEqual(["pwd"]);
    const live = await resolveSession(database.db, tenantId, signedIn.sessionToken);
    expect(live?.user.email).toBe(email);
  });

  it("lets one address create as many accounts an hour as the operator allows, and no more", async () => {
    const { ctx } = fresh();
    const allowing = { ...deps, config: { ...deps.config, signUpsPerIpPerHour: 2 } };
    for (let i = 0; i < 2; i++) await signUp(database.db, allowing, ctx, { tenantSlug, email: fresh().email, password: PASSWORD });
    const third = await serviceErrorOf(signUp(database.db, allowing, ctx, { tenantSlug, email: fresh().email, password: PASSWORD }));
    expect(third.code).toBe("rate_limited");
  });

  it("confirms with the link's token once, and never twice", async () => {
    const { email, ctx } = fresh();
    await signUp(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD });
    const token = tokenIn((await lastMail(email, "verify-email"))!.text)!;
    await verifyEmail(database.db, deps, ctx, { tenantSlug, token });
    expect((await findUserByEmail(database.db, tenantId, email))?.emailVerifiedAt).not.toBeNull();
    await expect(verifyEmail(database.db, deps, ctx, { tenantSlug, token })).rejects.toMatchObject({ code: "invalid_verification" });
  });

  it("spends a code after five wrong guesses", async () => {
    const { email, ctx } = fresh();
    await signUp(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD });
    const code = codeIn((await lastMail(email, "verify-email"))!.text)!;
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      await expect(verifyEmail(database.db, deps, ctx, { tenantSlug, email, code: wrong })).rejects.toMatchObject({
        code: "invalid_verification",
      });
    }
    await expect(verifyEmail(database.db, deps, ctx, { tenantSlug, email, code })).rejects.toMatchObject({ code: "invalid_verification" });
  });

  it("answers an existing address exactly like a new one, and mails its owner instead", async () => {
    const { email, ctx } = await signedUpAndVerified();
    const again = await signUp(database.db, deps, ctx, { tenantSlug, email: email.toUpperCase(), password: "another fine passphrase" });
    expect(again).toEqual({ status: "verification_sent" });
    expect((await lastMail(email))?.kind).toBe("account-exists");
    const all = await database.db.select().from(users).where(and(eq(users.tenantId, tenantId)));
    expect(all.filter((u) => u.email.toLowerCase() === email).length).toBe(1);
  });

  it("checks the password before anything else, for new and existing addresses alike", async () => {
    const { email, ctx } = await signedUpAndVerified();
    const other = fresh();
    for (const [address, context] of [
      [email, ctx],
      [other.email, other.ctx],
    ] as const) {
      const error = await serviceErrorOf(signUp(database.db, deps, context, { tenantSlug, email: address, password: "password" }));
      expect(error.code).toBe("validation_failed");
      expect(error.fields?.[0]?.path).toBe("password");
    }
    expect(await findUserByEmail(database.db, tenantId, other.email)).toBeUndefined();
  });

  it("resends a confirmation only to an unconfirmed account, answering the same for any address", async () => {
    const { email, ctx } = fresh();
    expect(await resendVerification(database.db, deps, ctx, { tenantSlug, email })).toEqual({ status: "verification_sent" });
    expect(await lastMail(email)).toBeUndefined();
  });
});

describe("password sign-in", () => {
  it("gives one answer for unknown email, wrong, empty password and a blocked account", async () => {
    const { email, ctx } = await signedUpAndVerified();
    const blocked = await signedUpAndVerified();
    await database.db.update(users).set({ status: "blocked" }).where(eq(users.email, blocked.email));

    const attempts = [
      { email: "nobody-here@example.com", password: PASSWORD },
      { email, password: "not the passphrase at all" },
      { email, password: "" },
      { email: blocked.email, password: PASSWORD },
    ];
    const answers = [];
    for (const attempt of attempts) {
      const error = await serviceErrorOf(signInWithPassword(database.db, deps, ctx, { tenantSlug, ...attempt }));
      answers.push({ code: error.code, message: error.message, fields: error.fields });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.code).toBe("invalid_credentials");
  });

  it("pauses an account under attack, tells its owner once, and treats unknown addresses the same", async () => {
    const { email } = await signedUpAndVerified();
    for (const address of [email, "ghost@example.com"]) {
      let refused: unknown;
      for (let i = 0; i < limits.signInPerAccount.limit + 1; i++) {
        // A new IP each time: the per-account limit must hold when the attacker spreads out.
        const ctx = { actor: { type: "user" }, ipAddress: `198.51.100.${i}` } as RequestContext;
        refused = await signInWithPassword(database.db, deps, ctx, { tenantSlug, email: address, password: "wrong guess 123456" }).catch(
          (e: unknown) => e,
        );
      }
      expect(refused).toBeInstanceOf(RateLimitedError);
      expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    }
    const notices = await listOutbox(database.db, { tenantId, to: email, kind: "sign-in-paused", limit: 10 });
    expect(notices).toHaveLength(1);
    const user = (await findUserByEmail(database.db, tenantId, email))!;
    const paused = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, "user.sign_in_paused"), eq(auditEvents.targetId, user.id)));
    expect(paused).toHaveLength(1);
    // Even the right password waits until the pause ends.
    await expect(
      signInWithPassword(database.db, deps, fresh().ctx, { tenantSlug, email, password: PASSWORD }),
    ).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("limits attempts per IP across accounts", async () => {
    await awayFromWindowEdge(limits.signInPerIp.windowSeconds);
    const ctx = fresh().ctx;
    let refused: unknown;
    for (let i = 0; i < limits.signInPerIp.limit + 1; i++) {
      refused = await signInWithPassword(database.db, deps, ctx, { tenantSlug, email: `spray${i}@example.com`, password: "x" }).catch(
        (e: unknown) => e,
      );
    }
    expect(refused).toBeInstanceOf(RateLimitedError);
  });

  it("replaces an imported bcrypt hash with argon2id at the next sign-in", async () => {
    const { email, ctx } = await signedUpAndVerified();
    const user = (await findUserByEmail(database.db, tenantId, email))!;
    // bcrypt("a long and unusual passphrase", cost 10), as an import from another system would carry it.
    const bcrypt = "$2b$10$0pdMTHIdVGaxnW8mqLT1t.D5t79umndIOrcuJIx68JOB6uokODrEC";
    const { credentials } = await import("@plinto/db/schema");
    await database.db.update(credentials).set({ secret: bcrypt }).where(eq(credentials.userId, user.id));
    expectSignedIn(await signInWithPassword(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD }));
    expect(await getPasswordHash(database.db, tenantId, user.id)).toMatch(/^\$argon2id\$/);
    expectSignedIn(await signInWithPassword(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD }));
  });

  it("signs out: the session token stops working", async () => {
    const { email, ctx } = await signedUpAndVerified();
    const { sessionToken } = expectSignedIn(await signInWithPassword(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD }));
    await signOut(database.db, ctx, { tenantSlug, sessionToken });
    expect(await resolveSession(database.db, tenantId, sessionToken)).toBeUndefined();
    expect(await signOut(database.db, ctx, { tenantSlug, sessionToken })).toEqual({ status: "signed_out" });
  });
});

describe("limits on mailed proofs", () => {
  it("bounds link-token and code guesses per client address, across flows", async () => {
    const { ctx } = fresh();
    const junk = "x".repeat(43);
    let last: unknown;
    for (let i = 0; i < limits.codePerIp.limit + 1; i++) {
      const attempt =
        i % 2 === 0
          ? verifyEmail(database.db, deps, ctx, { tenantSlug, token: junk })
          : resetPassword(database.db, deps, ctx, { tenantSlug, token: junk, password: "irrelevant passphrase" });
      last = await attempt.catch((e: unknown) => e);
    }
    expect(last).toBeInstanceOf(RateLimitedError);
  });

  it("bounds mail to one address, whichever flow asks", async () => {
    const { email } = await signedUpAndVerified();
    let last: unknown;
    for (let i = 0; i < limits.mailPerAddress.limit + 1; i++) {
      // A different client each time: the recipient's own allowance is what runs out.
      last = await requestPasswordReset(database.db, deps, fresh().ctx, { tenantSlug, email }).catch((e: unknown) => e);
    }
    expect(last).toBeInstanceOf(RateLimitedError);
  });
});

describe("password reset", () => {
  it("resets with the mailed link, ends every session, and the old password stops working", async () => {
    const { email, ctx } = await signedUpAndVerified();
    const one = expectSignedIn(await signInWithPassword(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD }));
    const two = expectSignedIn(await signInWithPassword(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD }));
    expect(one.session.id).not.toBe(two.session.id);

    expect(await requestPasswordReset(database.db, deps, ctx, { tenantSlug, email })).toEqual({ status: "reset_requested" });
    const token = tokenIn((await lastMail(email, "reset-password"))!.text)!;
    await resetPassword(database.db, deps, ctx, { tenantSlug, token, password: "a brand new passphrase here" });

    expect(await resolveSession(database.db, tenantId, one.sessionToken)).toBeUndefined();
    expect(await resolveSession(database.db, tenantId, two.sessionToken)).toBeUndefined();
    await expect(signInWithPassword(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD })).rejects.toMatchObject({
      code: "invalid_credentials",
    });
    expectSignedIn(await signInWithPassword(database.db, deps, ctx, { tenantSlug, email, password: "a brand new passphrase here" }));
    await expect(
      resetPassword(database.db, deps, ctx, { tenantSlug, token, password: "yet another passphrase" }),
    ).rejects.toMatchObject({ code: "invalid_verification" });
  });

  it("answers the same for an unknown address, whose mail says there is no account", async () => {
    const { email, ctx } = fresh();
    expect(await requestPasswordReset(database.db, deps, ctx, { tenantSlug, email })).toEqual({ status: "reset_requested" });
    expect((await lastMail(email))?.kind).toBe("no-account");
  });

  it("keeps the password policy on reset and spends nothing when it refuses", async () => {
    const { email, ctx } = await signedUpAndVerified();
    await requestPasswordReset(database.db, deps, ctx, { tenantSlug, email });
    const token = tokenIn((await lastMail(email, "reset-password"))!.text)!;
    await expect(resetPassword(database.db, deps, ctx, { tenantSlug, token, password: "short" })).rejects.toMatchObject({
      code: "validation_failed",
    });
    await resetPassword(database.db, deps, ctx, { tenantSlug, token, password: "a good replacement passphrase" });
  });
});

describe("email sign-in (magic link and code)", () => {
  it("signs in with the link once, or with the code", async () => {
    const { email, ctx } = await signedUpAndVerified();
    await requestEmailSignIn(database.db, deps, ctx, { tenantSlug, email });
    const mail = (await lastMail(email, "email-sign-in"))!;
    const viaLink = expectSignedIn(await completeEmailSignIn(database.db, deps, ctx, { tenantSlug, token: tokenIn(mail.text)! }));
    expect(viaLink.session.amr).toEqual(["otp"]);
    await expect(completeEmailSignIn(database.db, deps, ctx, { tenantSlug, token: tokenIn(mail.text)! })).rejects.toMatchObject({
      code: "invalid_verification",
    });

    await requestEmailSignIn(database.db, deps, ctx, { tenantSlug, email });
    const second = (await lastMail(email, "email-sign-in"))!;
    const viaCode = expectSignedIn(await completeEmailSignIn(database.db, deps, ctx, { tenantSlug, email, code: codeIn(second.text)! }));
    expect(await resolveSession(database.db, tenantId, viaCode.sessionToken)).toBeDefined();
  });

  it("answers the same for an unknown address", async () => {
    const { email, ctx } = fresh();
    expect(await requestEmailSignIn(database.db, deps, ctx, { tenantSlug, email })).toEqual({ status: "sign_in_link_sent" });
    expect((await lastMail(email))?.kind).toBe("no-account");
  });
});

describe("tenants", () => {
  it("keeps every flow inside its tenant: another tenant's token does nothing here", async () => {
    const other = await createTenant(database.db, { actor: { type: "system" } }, { slug: "auth-other", name: "Other" });
    const { email, ctx } = await signedUpAndVerified();
    const { sessionToken } = expectSignedIn(await signInWithPassword(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD }));
    expect(await resolveSession(database.db, other.id, sessionToken)).toBeUndefined();
    await expect(
      signInWithPassword(database.db, deps, ctx, { tenantSlug: "auth-other", email, password: PASSWORD }),
    ).rejects.toMatchObject({ code: "invalid_credentials" });
    expect(await verifyAuditChain(database.db, tenantId)).toEqual({ ok: true });
  });
});
