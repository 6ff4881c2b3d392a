/**
 * Support's sign-in security report and unlock, through the real sign-in flows: failures are made
 * by signing in with a wrong password (and a wrong second-factor code), the pause is the real
 * per-account limit, on the in-memory store and on Redis (127.0.0.1:6379, or REDIS_URL).
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { serviceErrorOf } from "../../../test/service-errors";
import { createRateLimiter, type RateLimiter } from "../../lib/rate-limit";
import { awayFromWindowEdge, deleteKeys, rawRedis, REDIS_URL, uniquePrefix } from "../../lib/rate-limit/testing";
import type { Runtime } from "../../lib/runtime";
import { verifyAuditChain } from "../audit/audit";
import { limits, signInWithPassword, type AuthDeps } from "../auth/auth";
import type { RequestContext } from "../context";
import { RateLimitedError } from "../errors";
import { confirmTotpEnrolment, startTotpEnrolment } from "../mfa/enrolment";
import { completeMfaChallenge } from "../mfa/sign-in";
import { expectSignedIn, expectStatus } from "../mfa/testing";
import { totpCode, totpStep } from "../mfa/totp";
import { createTenant } from "../tenants/tenants";
import { createUser } from "./users";
import { signInSecurity, unlockUser } from "./sign-in-security";

let runtime: Runtime;
let database: TestDatabase;
let tenantId: string;
let otherTenantId: string;
let counter = 0;
const tenantSlug = "support-tests";
const PASSWORD = "a long and unusual passphrase";
const admin: RequestContext = { actor: { type: "admin", id: "usr_01jbz6y0fq7m2x9d8c4v6b5n3k" }, ipAddress: "198.51.100.1" };
const redisPrefix = uniquePrefix();

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  tenantId = (await createTenant(database.db, { actor: { type: "system" } }, { slug: tenantSlug, name: "Support Tests" })).id;
  otherTenantId = (await createTenant(database.db, { actor: { type: "system" } }, { slug: "support-other", name: "Other" })).id;
});
afterAll(async () => {
  const raw = rawRedis();
  await deleteKeys(raw, redisPrefix);
  raw.disconnect();
  await database?.dispose();
});

async function person(tenant = tenantId) {
  counter += 1;
  const email = `support${counter}@example.com`;
  const ctx = { actor: { type: "user" }, ipAddress: `203.0.113.${counter}`, userAgent: "TestAgent/1" } as RequestContext;
  const user = await createUser(database.db, { actor: { type: "system" } }, { tenantId: tenant, email, password: PASSWORD, emailVerified: true });
  return { email, ctx, user };
}

describe.each([
  ["memory", undefined],
  ["redis", REDIS_URL],
] as const)("sign-in security on the %s store", (store, redisUrl) => {
  let limiter: RateLimiter;
  let deps: AuthDeps;
  beforeEach(async () => {
    limiter = createRateLimiter({ redisUrl }, { prefix: redisPrefix });
    deps = { config: runtime.config, mailer: runtime.mailer, limiter };
    // The pause lasts to the end of the 15-minute window: not across its edge mid-test.
    await awayFromWindowEdge(limits.signInPerAccount.windowSeconds, 30_000);
    return () => limiter.close();
  });

  const signIn = (p: { email: string; ctx: RequestContext }, password: string) =>
    signInWithPassword(database.db, deps, p.ctx, { tenantSlug, email: p.email, password });

  it("reports the failures and the pause without using up an attempt, and unlocking lets the user in at once", async () => {
    const p = await person();
    const clean = await signInSecurity(database.db, limiter, { tenantId, userId: p.user.id });
    expect(clean).toMatchObject({ locked: false, lockedUntil: null, recentFailures: [] });
    expect(clean.limits.map((l) => [l.name, l.remaining, l.locked, l.resetAt])).toEqual([
      ["sign_in", 10, false, null],
      ["sign_in_daily", 50, false, null],
      ["mfa", 10, false, null],
      ["mfa_daily", 50, false, null],
    ]);

    // Nine wrong passwords: not paused yet, and reading the report (often) counts nothing.
    for (let i = 0; i < 9; i++) expect((await serviceErrorOf(signIn(p, "wrong password"))).code).toBe("invalid_credentials");
    for (let i = 0; i < 5; i++) {
      const report = await signInSecurity(database.db, limiter, { tenantId, userId: p.user.id });
      expect(report.locked).toBe(false);
      expect(report.limits[0]).toMatchObject({ name: "sign_in", remaining: 1, locked: false });
      expect(report.limits[1]).toMatchObject({ name: "sign_in_daily", remaining: 41 });
    }
    // The tenth pauses the account; the eleventh is refused before any password check.
    await serviceErrorOf(signIn(p, "wrong password"));
    await expect(signIn(p, PASSWORD)).rejects.toBeInstanceOf(RateLimitedError);

    const paused = await signInSecurity(database.db, limiter, { tenantId, userId: p.user.id });
    expect(paused.locked).toBe(true);
    const windowEnd = (Math.floor(Date.now() / 900_000) + 1) * 900_000;
    expect(paused.lockedUntil?.getTime()).toBe(windowEnd);
    expect(paused.limits[0]).toMatchObject({ name: "sign_in", remaining: 0, locked: true, resetAt: new Date(windowEnd) });
    expect(paused.recentFailures).toHaveLength(11);
    expect(paused.recentFailures[0]).toMatchObject({
      kind: "sign_in_paused",
      pausedUntil: new Date(windowEnd),
      ipAddress: p.ctx.ipAddress,
      userAgent: "TestAgent/1",
    });
    expect(paused.recentFailures[1]).toMatchObject({ kind: "sign_in_failed", method: "password", reason: "wrong_password", ipAddress: p.ctx.ipAddress, pausedUntil: null });
    expect(paused.recentFailures.slice(1).every((f) => f.kind === "sign_in_failed")).toBe(true);

    const after = await unlockUser(database.db, limiter, admin, { tenantId, userId: p.user.id });
    expect(after.locked).toBe(false);
    expect(after.limits.map((l) => l.remaining)).toEqual([10, 50, 10, 50]);
    expect(after.recentFailures).toHaveLength(11); // the history stays
    expectSignedIn(await signIn(p, PASSWORD));

    const [unlocked] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, "user.unlocked"), eq(auditEvents.targetId, p.user.id)));
    expect(unlocked).toMatchObject({ actorType: "admin", actorId: admin.actor.id, ipAddress: "198.51.100.1", data: { wasLocked: true, lockedLimits: ["sign_in"] } });
    expect((await verifyAuditChain(database.db, tenantId)).ok).toBe(true);
  });

  it("lists second-factor failures, and unlocking clears their count too", async () => {
    const p = await person();
    const t0 = new Date();
    const signedIn = expectSignedIn(await signIn(p, PASSWORD));
    const started = await startTotpEnrolment(database.db, deps, p.ctx, { tenantSlug, sessionToken: signedIn.sessionToken, now: t0 });
    await confirmTotpEnrolment(database.db, deps, p.ctx, { tenantSlug, sessionToken: signedIn.sessionToken, code: totpCode(started.secret, totpStep(t0)), now: t0 });
    const challenge = expectStatus(await signIn(p, PASSWORD), "mfa_required");
    const wrong = totpCode(started.secret, totpStep(t0) + 100);
    for (let i = 0; i < 2; i++) {
      const error = await serviceErrorOf(
        completeMfaChallenge(database.db, deps, p.ctx, { tenantSlug, challengeToken: challenge.challengeToken, method: "totp", code: wrong }),
      );
      expect(error.code).toBe("invalid_verification");
    }
    const report = await signInSecurity(database.db, limiter, { tenantId, userId: p.user.id });
    expect(report.recentFailures.map((f) => [f.kind, f.method])).toEqual([
      ["mfa_failed", "totp"],
      ["mfa_failed", "totp"],
    ]);
    // confirmTotpEnrolment counted one code on the same account limit, then two wrong ones.
    expect(report.limits.find((l) => l.name === "mfa")).toMatchObject({ remaining: 7, locked: false });
    expect(report.locked).toBe(false);

    const after = await unlockUser(database.db, limiter, admin, { tenantId, userId: p.user.id });
    expect(after.limits.find((l) => l.name === "mfa")).toMatchObject({ remaining: 10, resetAt: null });
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, "user.unlocked"), eq(auditEvents.targetId, p.user.id)));
    expect(event?.data).toEqual({ wasLocked: false, lockedLimits: [] });
  });

  it("shows a user only their own failures, and nothing of another tenant's users", async () => {
    const p = await person();
    const q = await person();
    await serviceErrorOf(signIn(q, "wrong password"));
    // A failure for an address with no account is no one's.
    await serviceErrorOf(signIn({ email: `nobody-${store}@example.com`, ctx: p.ctx }, "wrong password"));
    expect((await signInSecurity(database.db, limiter, { tenantId, userId: p.user.id })).recentFailures).toEqual([]);
    expect((await signInSecurity(database.db, limiter, { tenantId, userId: q.user.id })).recentFailures).toHaveLength(1);

    const outsider = await person(otherTenantId);
    expect((await serviceErrorOf(signInSecurity(database.db, limiter, { tenantId, userId: outsider.user.id }))).code).toBe("not_found");
    expect((await serviceErrorOf(unlockUser(database.db, limiter, admin, { tenantId, userId: outsider.user.id }))).code).toBe("not_found");
    const events = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.unlocked"), eq(auditEvents.targetId, outsider.user.id)));
    expect(events).toEqual([]);
  });
});
