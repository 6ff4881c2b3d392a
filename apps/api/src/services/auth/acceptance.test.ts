/**
 * Acceptance tests of the identity-core issue, end to end through the real pieces (no mocks):
 * - mail over real SMTP (smtp-server on 127.0.0.1) for sign-up, password reset and email sign-in;
 * - password sign-in failures that cannot be told apart by their answer or their timing;
 * - the per-account sign-in limit shared by two API processes through one Redis.
 * The database is a fresh PGlite, or a fresh PostgreSQL database when DATABASE_URL is set.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { createMailer, type Mailer } from "../../lib/mail";
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from "../../lib/mail/testing";
import { createRateLimiter, type RateLimiter } from "../../lib/rate-limit";
import { REDIS_URL, deleteKeys, rawRedis, uniquePrefix } from "../../lib/rate-limit/testing";
import type { Runtime } from "../../lib/runtime";
import type { RequestContext } from "../context";
import { RateLimitedError, ServiceError } from "../errors";
import { listOutbox } from "../mail/outbox";
import { expectSignedIn } from "../mfa/testing";
import { resolveSession } from "../sessions/sessions";
import { createTenant } from "../tenants/tenants";
import { blockUser } from "../users/lifecycle";
import { findUserByEmail } from "../users/users";
import {
  completeEmailSignIn,
  limits,
  requestEmailSignIn,
  requestPasswordReset,
  resetPassword,
  signInWithPassword,
  signUp,
  verifyEmail,
  type AuthDeps,
} from "./auth";

const FROM = "Plinto <no-reply@example.com>";
const PASSWORD = "a long and unusual passphrase";
const NEW_PASSWORD = "an entirely different passphrase";
const tenantSlug = "acceptance";
const tenantName = "Acceptance Co";
/** Unique per run: addresses (and so Redis keys) never collide with another run's. */
const run = randomUUID().slice(0, 8);

let runtime: Runtime;
let database: TestDatabase;
let tenantId: string;
let catcher: SmtpCatcher;
let smtpMailer: Mailer;
const limiters: RateLimiter[] = [];
let counter = 0;

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  const tenant = await createTenant(database.db, { actor: { type: "system" } }, { slug: tenantSlug, name: tenantName });
  tenantId = tenant.id;
  catcher = await startSmtpCatcher();
  smtpMailer = createMailer({ smtpUrl: catcher.url, embedded: false }, database.db, { from: FROM });
});
afterAll(async () => {
  await Promise.all(limiters.splice(0).map((l) => l.close().catch(() => {})));
  await smtpMailer?.close();
  await catcher?.close();
  await database?.dispose();
});

/** A limiter closed after the file; in memory (embedded mode) unless given a Redis URL. */
function limiter(redisUrl?: string, prefix?: string): RateLimiter {
  const created = createRateLimiter({ redisUrl }, prefix ? { prefix } : {});
  limiters.push(created);
  return created;
}

function fresh(label: string) {
  counter += 1;
  return {
    email: `${label}-${run}-${counter}@example.com`,
    ctx: { actor: { type: "user" }, ipAddress: `192.0.2.${counter % 250}` } as RequestContext,
  };
}

const smtpDeps = (): AuthDeps => ({ config: runtime.config, mailer: smtpMailer, limiter: limiter() });
/** The embedded outbox mailer: for setting accounts up where the mail itself is not the point. */
const outboxDeps = (l: RateLimiter = limiter()): AuthDeps => ({ config: runtime.config, mailer: runtime.mailer, limiter: l });

/** The next mail to `to` that arrives over SMTP after `mark` messages had been caught. */
async function mailAfter(mark: number, to: string): Promise<CaughtMail> {
  return catcher.waitFor((m) => catcher.messages.indexOf(m) >= mark && m.to === to);
}

/** Checks the headers and envelope every mail from Plinto to `to` must have. */
function expectAddressed(mail: CaughtMail, to: string) {
  expect(mail.from).toBe(FROM);
  expect(mail.to).toBe(to);
  expect(mail.envelope).toEqual({ from: "no-reply@example.com", to: [to] });
  expect(mail.headers["message-id"]).toMatch(/^<mail_[^@]+@example\.com>$/);
}

/** The one link in `text` to the tenant's hosted page `page`, parsed; its token is what a browser would send. */
function linkIn(text: string, page: string): string {
  const links = [...text.matchAll(/https?:\/\/\S+/g)].map((m) => new URL(m[0]));
  const matching = links.filter((u) => u.pathname === `/t/${tenantSlug}/${page}`);
  expect(matching).toHaveLength(1);
  const url = matching[0]!;
  expect(url.origin).toBe(new URL(runtime.config.publicUrl).origin);
  const token = url.searchParams.get("token");
  expect(token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
  return token!;
}

const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1];

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
}

/** Signs up through SMTP, confirms with the mailed code, and signs in with the password. */
async function signUpThroughSmtp(deps: AuthDeps, label: string) {
  const { email, ctx } = fresh(label);
  const mark = catcher.messages.length;
  expect(await signUp(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD, name: "Ada" })).toEqual({
    status: "verification_sent",
  });
  const mail = await mailAfter(mark, email);
  expectAddressed(mail, email);
  const code = codeIn(mail.text!);
  expect(code).toMatch(/^\d{6}$/);
  expect(mail.subject).toBe(`Your ${tenantName} confirmation code: ${code}`);
  expect(mail.text).toContain(`Your code is ${code}.`);
  linkIn(mail.text!, "verify");

  await expect(signInWithPassword(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD })).rejects.toMatchObject({
    code: "email_not_verified",
  });
  // That refusal mailed a new code, which replaces the first one.
  const again = await mailAfter(catcher.messages.indexOf(mail) + 1, email);
  const newer = codeIn(again.text!)!;
  expect(again.subject).toBe(`Your ${tenantName} confirmation code: ${newer}`);
  expect(await verifyEmail(database.db, deps, ctx, { tenantSlug, email, code: newer })).toEqual({ status: "verified" });
  expect((await findUserByEmail(database.db, tenantId, email))?.emailVerifiedAt).toBeInstanceOf(Date);

  const signedIn = expectSignedIn(await signInWithPassword(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD }));
  expect(signedIn.session.amr).toEqual(["pwd"]);
  expect((await resolveSession(database.db, tenantId, signedIn.sessionToken))?.user.email).toBe(email);
  return { email, ctx, signedIn };
}

/** None of these flows may have fallen back to the development outbox. */
async function expectNothingInOutbox(email: string) {
  expect(await listOutbox(database.db, { tenantId, to: email, limit: 10 })).toEqual([]);
}

describe("mail through real SMTP", () => {
  it("sign-up → the mailed code → verify → password sign-in gives a session", async () => {
    const deps = smtpDeps();
    expect(deps.mailer.transport).toBe("smtp");
    const { email } = await signUpThroughSmtp(deps, "signup");
    await expectNothingInOutbox(email);
  });

  it("forgot password → the mailed link → reset: the new password signs in and the old session is gone", async () => {
    const deps = smtpDeps();
    const { email, ctx, signedIn } = await signUpThroughSmtp(deps, "reset");

    const mark = catcher.messages.length;
    expect(await requestPasswordReset(database.db, deps, ctx, { tenantSlug, email })).toEqual({ status: "reset_requested" });
    const mail = await mailAfter(mark, email);
    expectAddressed(mail, email);
    expect(mail.subject).toBe(`Reset your ${tenantName} password`);
    const token = linkIn(mail.text!, "reset-password");

    expect(await resetPassword(database.db, deps, ctx, { tenantSlug, token, password: NEW_PASSWORD })).toEqual({
      status: "password_reset",
    });
    expect(await resolveSession(database.db, tenantId, signedIn.sessionToken)).toBeUndefined();
    await expect(signInWithPassword(database.db, deps, ctx, { tenantSlug, email, password: PASSWORD })).rejects.toMatchObject({
      code: "invalid_credentials",
    });
    const after = expectSignedIn(await signInWithPassword(database.db, deps, ctx, { tenantSlug, email, password: NEW_PASSWORD }));
    expect((await resolveSession(database.db, tenantId, after.sessionToken))?.user.email).toBe(email);
    // The link worked once.
    await expect(resetPassword(database.db, deps, ctx, { tenantSlug, token, password: "yet another passphrase" })).rejects.toMatchObject({
      code: "invalid_verification",
    });
    await expectNothingInOutbox(email);
  });

  it("email sign-in: with the mailed link, and with the mailed code", async () => {
    const deps = smtpDeps();
    const { email, ctx } = await signUpThroughSmtp(deps, "magic");

    let mark = catcher.messages.length;
    expect(await requestEmailSignIn(database.db, deps, ctx, { tenantSlug, email })).toEqual({ status: "sign_in_link_sent" });
    const first = await mailAfter(mark, email);
    expectAddressed(first, email);
    expect(first.subject).toBe(`Your ${tenantName} sign-in code: ${codeIn(first.text!)}`);
    const token = linkIn(first.text!, "magic-link");
    const viaLink = expectSignedIn(await completeEmailSignIn(database.db, deps, ctx, { tenantSlug, token }));
    expect(viaLink.user.email).toBe(email);
    expect(viaLink.session.amr).toEqual(["otp"]);
    expect((await resolveSession(database.db, tenantId, viaLink.sessionToken))?.user.email).toBe(email);
    await expect(completeEmailSignIn(database.db, deps, ctx, { tenantSlug, token })).rejects.toMatchObject({
      code: "invalid_verification",
    });

    mark = catcher.messages.length;
    await requestEmailSignIn(database.db, deps, ctx, { tenantSlug, email });
    const second = await mailAfter(mark, email);
    expectAddressed(second, email);
    const code = codeIn(second.text!)!;
    expect(second.subject).toBe(`Your ${tenantName} sign-in code: ${code}`);
    expect(second.text).toContain(`Your sign-in code is ${code}.`);
    const viaCode = expectSignedIn(await completeEmailSignIn(database.db, deps, ctx, { tenantSlug, email, code }));
    expect(viaCode.session.amr).toEqual(["otp"]);
    expect(viaCode.session.id).not.toBe(viaLink.session.id);
    expect((await resolveSession(database.db, tenantId, viaCode.sessionToken))?.user.email).toBe(email);
    await expectNothingInOutbox(email);
  });
});

// ---- timing ----

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * The accuracy of the best single threshold that tells samples `a` from samples `b` (either side
 * of it may be `a`): 0.5 for indistinguishable sets, 1 for fully separated ones.
 */
function bestThresholdAccuracy(a: number[], b: number[]): number {
  const pooled = [...a.map((v) => ({ v, isA: true })), ...b.map((v) => ({ v, isA: false }))].sort((x, y) => x.v - y.v);
  let aBelow = 0;
  let bBelow = 0;
  let best = 0;
  // Threshold below everything, then after each distinct value.
  for (let i = 0; i <= pooled.length; i++) {
    if (i === 0 || i === pooled.length || pooled[i]!.v !== pooled[i - 1]!.v) {
      const aLow = (aBelow + (b.length - bBelow)) / (a.length + b.length);
      best = Math.max(best, aLow, 1 - aLow);
    }
    if (i < pooled.length) {
      if (pooled[i]!.isA) aBelow++;
      else bBelow++;
    }
  }
  return best;
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Timed attempts per failure case (the issue asks for ≥ 50), after a few untimed warm-up rounds. */
const SAMPLES = 80;
const WARMUP = 3;

describe("enumeration: password sign-in failures cannot be told apart", () => {
  it(`unknown email, wrong password, empty password and a blocked account: byte-identical answers and no separable timing over ${SAMPLES} samples each`, async () => {
    // Two verified accounts, one then blocked by an admin.
    const setup = outboxDeps();
    const accounts = [];
    for (const label of ["known", "blocked"]) {
      const { email, ctx } = fresh(`timing-${label}`);
      await signUp(database.db, setup, ctx, { tenantSlug, email, password: PASSWORD });
      const [mail] = await listOutbox(database.db, { tenantId, to: email, kind: "verify-email", limit: 1 });
      await verifyEmail(database.db, setup, ctx, { tenantSlug, email, code: codeIn(mail!.text)! });
      accounts.push(email);
    }
    const [known, blocked] = accounts as [string, string];
    const blockedUser = (await findUserByEmail(database.db, tenantId, blocked))!;
    await database.db.transaction((tx) =>
      blockUser(tx, { actor: { type: "system" } }, { tenantId, userId: blockedUser.id }),
    );
    expect((await findUserByEmail(database.db, tenantId, blocked))?.status).toBe("blocked");

    const cases = {
      "unknown email": (round: number) => ({ email: `nobody-${run}-${round}@example.com`, password: PASSWORD }),
      "wrong password": () => ({ email: known, password: "not the passphrase at all" }),
      "empty password": () => ({ email: known, password: "" }),
      "blocked account": () => ({ email: blocked, password: PASSWORD }),
    } as const;
    type Case = keyof typeof cases;
    const names = Object.keys(cases) as Case[];
    const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Case, number[]>;
    const bodies = new Set<string>();

    let attempt = 0;
    for (let round = 0; round < WARMUP + SAMPLES; round++) {
      // A fresh in-memory limiter each round (≤ 2 attempts per account on it): no limit can trip,
      // and the shared `limits` stay as they are. Each round runs every case once, in a random
      // order, so load on the machine falls on all four alike.
      const deps = outboxDeps(createRateLimiter({ redisUrl: undefined }));
      for (const name of shuffled(names)) {
        attempt += 1;
        const ctx = { actor: { type: "user" }, ipAddress: `10.${attempt >> 8}.${attempt & 255}.7` } as RequestContext;
        const input = { tenantSlug, ...cases[name](round) };
        const started = performance.now();
        const error = await failureOf(signInWithPassword(database.db, deps, ctx, input));
        const elapsed = performance.now() - started;
        expect(error).toBeInstanceOf(ServiceError);
        expect(error).not.toBeInstanceOf(RateLimitedError);
        const e = error as ServiceError;
        bodies.add(JSON.stringify({ code: e.code, message: e.message, fields: e.fields ?? null }));
        if (round >= WARMUP) samples[name].push(elapsed);
      }
    }

    // One answer, byte for byte, for every one of the attempts.
    expect([...bodies]).toEqual([
      JSON.stringify({ code: "invalid_credentials", message: "That email and password do not match an account", fields: null }),
    ]);

    const medians = Object.fromEntries(names.map((n) => [n, median(samples[n])])) as Record<Case, number>;
    const verdicts: string[] = [];
    const failures: string[] = [];
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const [a, b] = [names[i]!, names[j]!];
        const ratio = medians[a] / medians[b];
        const accuracy = bestThresholdAccuracy(samples[a], samples[b]);
        const line = `${a} vs ${b}: median ratio ${ratio.toFixed(3)}, best threshold ${(accuracy * 100).toFixed(0)}%`;
        verdicts.push(line);
        // Separable means a threshold tells the cases apart: that is the test. The medians only
        // guard against a gross regression (a whole hash check skipped doubles the time); under
        // CI load, where other suites build beside this one, they wander by a third either way
        // while the threshold stays near a coin toss (seen: median ratio 1.47, threshold 59 %).
        if (ratio < 0.5 || ratio > 2 || accuracy >= 0.8) failures.push(line);
      }
    }
    console.info(
      `sign-in failure timing over ${SAMPLES} samples each (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}): ` +
        names.map((n) => `${n} ${medians[n].toFixed(1)} ms`).join(", ") +
        `\n  ${verdicts.join("\n  ")}`,
    );
    for (const n of names) expect(samples[n]).toHaveLength(SAMPLES);
    expect(failures, "separable timing between failure cases").toEqual([]);
  });

  it("the separation check itself tells different timings apart and passes alike ones", () => {
    const alike = Array.from({ length: 50 }, (_, i) => 40 + ((i * 7) % 11) / 10);
    const shifted = alike.map((v) => v + 5);
    expect(bestThresholdAccuracy(alike, [...alike].reverse())).toBeLessThan(0.6);
    expect(bestThresholdAccuracy(alike, shifted)).toBe(1);
    expect(bestThresholdAccuracy(shifted, alike)).toBe(1);
  });
});

// ---- limits shared through Redis ----

describe("the sign-in limit is shared by two API processes on the same Redis", () => {
  const N = limits.signInPerAccount.limit;
  const prefix = uniquePrefix();
  let raw: Redis;

  beforeAll(() => {
    raw = rawRedis(REDIS_URL);
  });
  afterAll(async () => {
    await deleteKeys(raw, prefix).catch(() => {});
    raw.disconnect();
  });

  /** A verified account, set up without touching the limiters under test. */
  async function verifiedAccount(label: string) {
    const setup = outboxDeps();
    const { email, ctx } = fresh(label);
    await signUp(database.db, setup, ctx, { tenantSlug, email, password: PASSWORD });
    const [mail] = await listOutbox(database.db, { tenantId, to: email, kind: "verify-email", limit: 1 });
    await verifyEmail(database.db, setup, ctx, { tenantSlug, email, code: codeIn(mail!.text)! });
    return email;
  }

  /** Wrong-password attempts alternating between two processes, each from a new client address. */
  async function alternate(processes: [AuthDeps, AuthDeps], email: string, count: number, offset = 0) {
    const outcomes: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const ctx = { actor: { type: "user" }, ipAddress: `198.51.100.${(offset + i) % 250}` } as RequestContext;
      outcomes.push(
        await failureOf(signInWithPassword(database.db, processes[i % 2]!, ctx, { tenantSlug, email, password: "wrong guess 123456" })),
      );
    }
    return outcomes;
  }

  const pausedNotices = (email: string) => listOutbox(database.db, { tenantId, to: email, kind: "sign-in-paused", limit: 10 });

  it(`two Redis-backed limiters share the count: attempt ${N + 1} overall is refused on either process`, async () => {
    // Two limiters, each with its own ioredis connection, as two API processes would have.
    const one = outboxDeps(limiter(REDIS_URL, prefix));
    const two = outboxDeps(limiter(REDIS_URL, prefix));
    const email = await verifiedAccount("shared");

    const outcomes = await alternate([one, two], email, N + 1);
    expect(one.limiter.store).toBe("redis");
    expect(two.limiter.store).toBe("redis");
    // Each process saw only about half the attempts, yet the N+1th overall is refused.
    for (const [i, outcome] of outcomes.slice(0, N).entries()) {
      expect(outcome, `attempt ${i + 1}`).toMatchObject({ code: "invalid_credentials" });
    }
    const refused = outcomes[N];
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(limits.signInPerAccount.windowSeconds);

    // The pause holds on the other process too, even for the right password.
    const ctx = { actor: { type: "user" }, ipAddress: "203.0.113.99" } as RequestContext;
    const onOther = await failureOf(signInWithPassword(database.db, N % 2 === 0 ? two : one, ctx, { tenantSlug, email, password: PASSWORD }));
    expect(onOther).toBeInstanceOf(RateLimitedError);
    // Its owner was told once, by whichever process used up the allowance.
    expect(await pausedNotices(email)).toHaveLength(1);
    // The counts live in Redis under this run's prefix.
    expect((await raw.keys(`${prefix}:*signin:account:${tenantId}:*`)).length).toBeGreaterThan(0);
  });

  it(`control: two in-memory limiters do not share it (${2 * N} alternating attempts, none refused)`, async () => {
    const one = outboxDeps(limiter());
    const two = outboxDeps(limiter());
    const email = await verifiedAccount("unshared");

    const outcomes = await alternate([one, two], email, 2 * N, 100);
    expect(one.limiter.store).toBe("memory");
    for (const [i, outcome] of outcomes.entries()) {
      expect(outcome, `attempt ${i + 1}`).toMatchObject({ code: "invalid_credentials" });
      expect(outcome).not.toBeInstanceOf(RateLimitedError);
    }
    // Each process paused the account on its own count: two notices, where one shared count gives one.
    expect(await pausedNotices(email)).toHaveLength(2);
  });
});
