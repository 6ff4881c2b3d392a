import { eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { tenants, type TenantSettings } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../../../test/instance";
import { INTERACTION_COOKIE, SESSION_COOKIE } from "../../../../lib/request";
import { systemContext } from "../../../../services/context";
import { listOutbox } from "../../../../services/mail/outbox";
import { ACR } from "../../../../services/oidc/claims";
import { totpCode, totpStep } from "../../../../services/mfa/totp";
import { resolveSession } from "../../../../services/sessions/sessions";
import { createTenant } from "../../../../services/tenants/tenants";
import { createUser } from "../../../../services/users/users";
import { initialFormState, type FormState } from "./_lib/form-state";
import type { MfaFormState } from "./_lib/mfa-form-state";

/**
 * The second-factor pages and actions against a real database, with Next's request APIs stood in
 * for (as in hosted.test.ts): a cookie jar, the request headers, redirect / notFound as throws.
 */
const next = await vi.hoisted(async () => (await import("./_lib/next-stand-in.testing")).createNextStandIn());
vi.mock("next/headers", () => next.headersModule);
vi.mock("next/navigation", () => next.navigationModule);

const actions = await import("./_lib/actions");
const mfa = await import("./_lib/mfa-actions");
const { default: MfaPage } = await import("./mfa/page");
const { default: MfaEnrolPage } = await import("./mfa/enrol/page");

let database: TestDatabase;
const slug = "hosted-mfa";
let tenantId: string;
const PASSWORD = "a quiet lighthouse keeps its own time";
const MFA_COOKIE = "plinto_mfa";
let counter = 0;

beforeAll(async () => {
  ({ database } = await getTestInstance());
  tenantId = (await createTenant(database.db, systemContext, { slug, name: "Hosted MFA" })).id;
});
afterAll(async () => {
  await database?.dispose();
});
beforeEach(async () => {
  next.jar.clear();
  counter += 1;
  next.setHeaders({ "x-plinto-client-ip": `198.51.100.${counter}`, "user-agent": "vitest" });
  await setSettings({});
});

async function setSettings(settings: Record<string, unknown>) {
  await database.db.update(tenants).set({ settings: settings as TenantSettings }).where(eq(tenants.id, tenantId));
}

function form(fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

async function run<T extends FormState>(promise: Promise<T | void>): Promise<{ redirect?: string; state?: T }> {
  try {
    return { state: (await promise) ?? undefined };
  } catch (error) {
    if (error instanceof next.Redirect) return { redirect: error.url };
    throw error;
  }
}

const params = { params: Promise.resolve({ tenant: slug }), searchParams: Promise.resolve({}) };
const render = async (element: Promise<ReactElement> | ReactElement) => renderToStaticMarkup(await element);

async function user() {
  const email = `mfa-person${counter}@example.com`;
  await createUser(database.db, systemContext, { tenantId, email, password: PASSWORD, emailVerified: true });
  return email;
}

/** Sets up an authenticator through the hosted pages for a signed-in browser; leaves it signed in. */
async function enrolThroughPages(email: string) {
  await run(actions.signInAction(slug, initialFormState, form({ email, password: PASSWORD })));
  expect(next.jar.has(SESSION_COOKIE)).toBe(true);
  expect((await run(mfa.startTotpEnrolmentAction(slug, initialFormState, form()))).redirect).toBe(`/t/${slug}/mfa/enrol`);
  const html = await render(MfaEnrolPage(params));
  const key = /data-testid="totp-key"[^>]*>([A-Z2-7 ]+)</.exec(html)![1]!.replace(/ /g, "");
  const step = totpStep(new Date());
  const confirmed = await run(mfa.confirmTotpEnrolmentAction(slug, initialFormState, form({ code: totpCode(key, step) })));
  return { key, step, state: confirmed.state! };
}

describe("sign-in with a second factor", () => {
  it("sends the browser to the MFA page with the pending sign-in in an HttpOnly cookie, then on to where sign-in continues", async () => {
    const email = await user();
    const { key, step, state } = await enrolThroughPages(email);
    expect(state.recoveryCodes).toHaveLength(10);
    next.jar.clear();
    // Came from an application's sign-in request: the interaction cookie says where to return.
    next.jar.set(INTERACTION_COOKIE, { value: "interaction-uid-123", options: {} });

    const signIn = await run(actions.signInAction(slug, initialFormState, form({ email, password: PASSWORD })));
    expect(signIn.redirect).toBe(`/t/${slug}/mfa`);
    expect(next.jar.has(SESSION_COOKIE)).toBe(false);
    const pending = next.jar.get(MFA_COOKIE)!;
    expect(pending.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pending.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: `/t/${slug}` });
    expect(pending.options.maxAge).toBeGreaterThan(590);
    expect(pending.options.maxAge).toBeLessThanOrEqual(600);
    expect(signIn.redirect).not.toContain(pending.value);

    const html = await render(MfaPage(params));
    expect(html).toContain("Two-step verification");
    expect(html).toContain('for="totp-code"');
    expect(html).toContain("Use a recovery code");
    expect(html).not.toContain("Get a code by email");
    expect(html).not.toContain('data-slot="mfa-passkey"');
    expect(html).not.toContain("has expired");

    const wrong = await run(mfa.completeMfaAction(slug, "totp", initialFormState, form({ code: totpCode(key, step + 9) })));
    expect(wrong.state).toMatchObject({ status: "error", code: "invalid_verification" });
    const empty = await run(mfa.completeMfaAction(slug, "totp", initialFormState, form({ code: "" })));
    expect(empty.state).toMatchObject({ status: "error", fieldErrors: { code: "Enter the 6-digit code from your authenticator app" } });

    const done = await run(mfa.completeMfaAction(slug, "totp", initialFormState, form({ code: totpCode(key, step + 1) })));
    expect(done.redirect).toBe(`/t/${slug}/interaction/interaction-uid-123`);
    expect(next.jar.has(MFA_COOKIE)).toBe(false);
    const live = await resolveSession(database.db, tenantId, next.jar.get(SESSION_COOKIE)!.value);
    expect(live?.session).toMatchObject({ acr: ACR.multiFactor, amr: ["pwd", "otp", "mfa"] });
  });

  it("takes a recovery code, and an emailed code where the tenant allows it", async () => {
    const email = await user();
    const { state } = await enrolThroughPages(email);
    next.jar.clear();
    await setSettings({ mfaPolicy: { allowEmailCode: true } });
    await run(actions.signInAction(slug, initialFormState, form({ email, password: PASSWORD })));
    expect(await render(MfaPage(params))).toContain("Get a code by email instead");

    const sent = await run(mfa.sendMfaEmailCodeAction(slug, initialFormState, form()));
    expect(sent.state).toMatchObject({ status: "done" });
    const [mail] = await listOutbox(database.db, { tenantId, to: email, kind: "mfa-email-code", limit: 1 });
    const code = /\b(\d{6})\b/.exec(mail!.text)![1]!;
    expect((await run(mfa.completeMfaAction(slug, "email_code", initialFormState, form({ code })))).redirect).toBe(`/t/${slug}/signed-in`);

    next.jar.clear();
    await run(actions.signInAction(slug, initialFormState, form({ email, password: PASSWORD })));
    const recovery = state.recoveryCodes![0]!;
    expect((await run(mfa.completeMfaAction(slug, "recovery_code", initialFormState, form({ code: recovery })))).redirect).toBe(`/t/${slug}/signed-in`);
  });

  it("sends an emailed-code sign-in to the MFA page too", async () => {
    const email = await user();
    await enrolThroughPages(email);
    next.jar.clear();
    await run(actions.requestEmailSignInAction(slug, initialFormState, form({ email })));
    const [mail] = await listOutbox(database.db, { tenantId, to: email, kind: "email-sign-in", limit: 1 });
    const code = /\b(\d{6})\b/.exec(mail!.text)![1]!;
    const result = await run(actions.completeEmailCodeAction(slug, initialFormState, form({ email, code })));
    expect(result.redirect).toBe(`/t/${slug}/mfa`);
    expect(next.jar.has(SESSION_COOKIE)).toBe(false);
    expect(next.jar.has(MFA_COOKIE)).toBe(true);
  });

  it("says the sign-in expired when there is nothing pending, and clears a dead cookie", async () => {
    expect(await render(MfaPage(params))).toContain("This sign-in has expired");
    next.jar.set(MFA_COOKIE, { value: "x".repeat(43), options: {} });
    expect(await render(MfaPage(params))).toContain("This sign-in has expired");
    const refused = await run(mfa.completeMfaAction(slug, "totp", initialFormState, form({ code: "123456" })));
    expect(refused.state).toMatchObject({ status: "error", code: "unauthorized" });
    expect(next.jar.has(MFA_COOKIE)).toBe(false);
  });

  it("raises a signed-in browser's session when there is no pending sign-in (step-up)", async () => {
    const email = await user();
    const { key, step } = await enrolThroughPages(email);
    const before = next.jar.get(SESSION_COOKIE)!.value;
    const html = await render(MfaPage(params));
    expect(html).toContain("Confirm it&#x27;s you");
    const raised = await run(mfa.completeMfaAction(slug, "totp", initialFormState, form({ code: totpCode(key, step + 1) })));
    expect(raised.redirect).toBe(`/t/${slug}/signed-in`);
    const after = next.jar.get(SESSION_COOKIE)!.value;
    expect(after).not.toBe(before);
    expect((await resolveSession(database.db, tenantId, after))?.session.acr).toBe(ACR.multiFactor);
    expect(await resolveSession(database.db, tenantId, before)).toBeUndefined();
  });
});

describe("a tenant that requires a second factor", () => {
  it("sends the browser to set one up, shows the QR code and key, then the ten recovery codes once, signed in with 2fa", async () => {
    await setSettings({ mfaPolicy: { mode: "required" } });
    const email = await user();
    const signIn = await run(actions.signInAction(slug, initialFormState, form({ email, password: PASSWORD })));
    expect(signIn.redirect).toBe(`/t/${slug}/mfa/enrol`);
    expect(next.jar.has(SESSION_COOKIE)).toBe(false);
    // The MFA page sends such a sign-in on to enrolment.
    await expect(render(MfaPage(params))).rejects.toMatchObject({ url: `/t/${slug}/mfa/enrol` });

    const first = await render(MfaEnrolPage(params));
    expect(first).toContain("Set up an authenticator app");
    expect(first).not.toContain("<img");
    expect((await run(mfa.startTotpEnrolmentAction(slug, initialFormState, form()))).redirect).toBe(`/t/${slug}/mfa/enrol`);
    const html = await render(MfaEnrolPage(params));
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]+" alt="QR code to add Hosted MFA \(mfa-person\d+@example\.com\) to an authenticator app"/);
    expect(html).toContain('for="totp-confirm-code"');
    const key = /data-testid="totp-key"[^>]*>([A-Z2-7 ]+)</.exec(html)![1]!.replace(/ /g, "");

    const wrong = await run(mfa.confirmTotpEnrolmentAction(slug, initialFormState as MfaFormState, form({ code: totpCode(key, totpStep(new Date()) + 9) })));
    expect(wrong.state).toMatchObject({ status: "error", code: "invalid_verification" });
    expect(next.jar.has(SESSION_COOKIE)).toBe(false);

    const done = await run(mfa.confirmTotpEnrolmentAction(slug, initialFormState as MfaFormState, form({ code: totpCode(key, totpStep(new Date())) })));
    expect(done.state).toMatchObject({ status: "done", continueHref: `/t/${slug}/signed-in` });
    expect(done.state!.recoveryCodes).toHaveLength(10);
    expect(next.jar.has(MFA_COOKIE)).toBe(false);
    const live = await resolveSession(database.db, tenantId, next.jar.get(SESSION_COOKIE)!.value);
    expect(live?.session).toMatchObject({ acr: ACR.multiFactor, amr: ["pwd", "otp", "mfa"] });
  });

  it("during the grace period, signs in and offers setting one up, which may wait", async () => {
    await setSettings({ mfaPolicy: { mode: "required", gracePeriodDays: 14 } });
    const email = await user();
    const signIn = await run(actions.signInAction(slug, initialFormState, form({ email, password: PASSWORD })));
    expect(signIn.redirect).toBe(`/t/${slug}/mfa/enrol`);
    expect(next.jar.has(SESSION_COOKIE)).toBe(true);
    expect(next.jar.has(MFA_COOKIE)).toBe(false);
    const html = await render(MfaEnrolPage(params));
    expect(html).toContain("Two-step verification will be required");
    expect(html).toContain("Not now, continue without it");
    expect((await run(mfa.skipEnrolmentAction(slug))).redirect).toBe(`/t/${slug}/signed-in`);
  });
});
