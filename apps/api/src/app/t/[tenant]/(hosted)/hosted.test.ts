import { eq } from "drizzle-orm";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { tenants, type TenantSettings } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../../../test/instance";
import { SESSION_COOKIE } from "../../../../lib/request";
import type { Runtime } from "../../../../lib/runtime";
import { systemContext } from "../../../../services/context";
import { listOutbox } from "../../../../services/mail/outbox";
import { resolveSession } from "../../../../services/sessions/sessions";
import { createTenant } from "../../../../services/tenants/tenants";
import { createUser } from "../../../../services/users/users";
import { initialFormState, type FormState } from "./_lib/form-state";

/**
 * The hosted pages' server actions and server components against a real database, with Next's
 * request APIs stood in for: a cookie jar, the request headers, and redirect / notFound as throws.
 */
const next = await vi.hoisted(async () => (await import("./_lib/next-stand-in.testing")).createNextStandIn());
vi.mock("next/headers", () => next.headersModule);
vi.mock("next/navigation", () => next.navigationModule);

const actions = await import("./_lib/actions");
const { default: HostedLayout, generateMetadata } = await import("./layout");
const { default: VerifyPage } = await import("./verify/page");
const { default: SignedInPage } = await import("./signed-in/page");

let database: TestDatabase;
let runtime: Runtime;
const slug = "hosted-tests";
let tenantId: string;
const PASSWORD = "a quiet lighthouse keeps its own time";
let counter = 0;

beforeAll(async () => {
  ({ database, runtime } = await getTestInstance());
  const tenant = await createTenant(database.db, systemContext, { slug, name: "Hosted Tests" });
  tenantId = tenant.id;
  await setSettings({ sessionLifetimes: { absoluteSeconds: 7200 } });
});
afterAll(async () => {
  await database?.dispose();
});
beforeEach(() => {
  next.jar.clear();
  next.written.length = 0;
  counter += 1;
  // Each test comes from its own address, so the per-IP limits of one never slow another.
  next.setHeaders({ "x-plinto-client-ip": `198.51.100.${counter}`, "user-agent": "vitest" });
});

async function setSettings(settings: TenantSettings, id = tenantId) {
  await database.db.update(tenants).set({ settings }).where(eq(tenants.id, id));
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** The URL an action redirected to, or its state when it answered instead. */
async function run(promise: Promise<FormState | void>): Promise<{ redirect?: string; state?: FormState }> {
  try {
    return { state: (await promise) ?? undefined };
  } catch (error) {
    if (error instanceof next.Redirect) return { redirect: error.url };
    throw error;
  }
}

async function verifiedUser() {
  const email = `person${counter}@example.com`;
  await createUser(database.db, systemContext, { tenantId, email, password: PASSWORD, emailVerified: true });
  return email;
}

async function newestMail(to: string, kind: string) {
  const [mail] = await listOutbox(database.db, { tenantId, to, kind, limit: 1 });
  return mail!;
}

const render = async (element: Promise<ReactElement> | ReactElement) => renderToStaticMarkup(await element);

describe("sign-in", () => {
  it("sets the session cookie with the session cookie's attributes and the tenant's lifetime, then goes to signed-in", async () => {
    const email = await verifiedUser();
    const result = await run(actions.signInAction(slug, initialFormState, form({ email, password: PASSWORD })));
    expect(result.redirect).toBe(`/t/${slug}/signed-in`);
    const cookie = next.jar.get(SESSION_COOKIE)!;
    expect(cookie.options).toEqual({ httpOnly: true, sameSite: "lax", secure: false, path: `/t/${slug}`, maxAge: 7200 });
    const live = await resolveSession(database.db, tenantId, cookie.value);
    expect(live?.user.email).toBe(email);
  });

  it("marks the cookie Secure when the API's public URL is https", async () => {
    const email = await verifiedUser();
    const publicUrl = runtime.config.publicUrl;
    runtime.config.publicUrl = "https://id.example.com";
    try {
      await run(actions.signInAction(slug, initialFormState, form({ email, password: PASSWORD })));
    } finally {
      runtime.config.publicUrl = publicUrl;
    }
    expect(next.jar.get(SESSION_COOKIE)?.options.secure).toBe(true);
  });

  it("answers a wrong password and an unknown address alike, keeping the address and never the password", async () => {
    const email = await verifiedUser();
    const wrong = await run(actions.signInAction(slug, initialFormState, form({ email, password: "not it, not at all" })));
    const unknown = await run(actions.signInAction(slug, initialFormState, form({ email: "nobody@example.com", password: "not it, not at all" })));
    expect(wrong.state).toEqual({
      status: "error",
      code: "invalid_credentials",
      message: "That email and password do not match an account",
      values: { email },
    });
    expect({ ...unknown.state, values: undefined }).toEqual({ ...wrong.state, values: undefined });
    expect(JSON.stringify([wrong, unknown])).not.toContain("not it");
    expect(next.written).toEqual([]);
  });

  it("marks missing fields without asking the service", async () => {
    const { state } = await run(actions.signInAction(slug, initialFormState, form({ email: " ", password: "" })));
    expect(state).toMatchObject({
      status: "error",
      fieldErrors: { email: "Enter your email address", password: "Enter your password" },
    });
  });

  it("says how long to wait once the account's attempts are used up", async () => {
    const email = await verifiedUser();
    let state: FormState | undefined;
    for (let attempt = 0; attempt < 11; attempt += 1) {
      ({ state } = await run(actions.signInAction(slug, initialFormState, form({ email, password: `wrong guess ${attempt}` }))));
    }
    expect(state).toMatchObject({ status: "error", code: "rate_limited", values: { email } });
    // Windows are aligned to the clock, so near a boundary the wait is seconds rather than minutes.
    expect(state?.message).toMatch(/^Too many attempts\. Please wait (about \d+ minutes?|\d+ seconds?) and try again\.$/);
  });

  it("ends the session the browser held before when it signs in again", async () => {
    const email = await verifiedUser();
    await run(actions.signInAction(slug, initialFormState, form({ email, password: PASSWORD })));
    const first = next.jar.get(SESSION_COOKIE)!.value;
    await run(actions.signInAction(slug, initialFormState, form({ email, password: PASSWORD })));
    const second = next.jar.get(SESSION_COOKIE)!.value;
    expect(second).not.toBe(first);
    expect(await resolveSession(database.db, tenantId, first)).toBeUndefined();
    expect(await resolveSession(database.db, tenantId, second)).toBeDefined();
  });

  it("refuses a tenant name that could not be one before doing anything", async () => {
    await expect(actions.signInAction("../x", initialFormState, form({ email: "a@example.com", password: "x" }))).rejects.toBeInstanceOf(next.NotFound);
  });
});

describe("sign-up and confirmation", () => {
  it("signs up, remembers the address for the verify page, confirms with the code, and sends to sign-in", async () => {
    const email = `new${counter}@example.com`;
    const signedUp = await run(actions.signUpAction(slug, initialFormState, form({ email, password: PASSWORD })));
    expect(signedUp.redirect).toBe(`/t/${slug}/verify?sent=1`);
    expect(next.jar.get("plinto_pending_email")).toMatchObject({ value: email, options: { httpOnly: true, path: `/t/${slug}`, maxAge: 3600 } });

    // Unconfirmed: sign-in says so and keeps the address for the verify page.
    const early = await run(actions.signInAction(slug, initialFormState, form({ email, password: PASSWORD })));
    expect(early.state).toMatchObject({ code: "email_not_verified" });

    const code = /\b(\d{6})\b/.exec((await newestMail(email, "verify-email")).text)![1]!;
    const wrong = await run(actions.verifyCodeAction(slug, initialFormState, form({ email, code: code === "000000" ? "111111" : "000000" })));
    expect(wrong.state).toMatchObject({ status: "error", code: "invalid_verification", values: { email } });
    const verified = await run(actions.verifyCodeAction(slug, initialFormState, form({ email, code })));
    expect(verified.redirect).toBe(`/t/${slug}/sign-in?notice=email-verified`);

    const signedIn = await run(actions.signInAction(slug, initialFormState, form({ email, password: PASSWORD })));
    expect(signedIn.redirect).toBe(`/t/${slug}/signed-in`);
    expect(next.jar.has("plinto_pending_email")).toBe(false);
  });

  it("puts the password policy's refusal on the password field", async () => {
    const { state } = await run(actions.signUpAction(slug, initialFormState, form({ email: `short${counter}@example.com`, password: "abc" })));
    expect(state).toMatchObject({ status: "error", code: "validation_failed", values: { email: `short${counter}@example.com` } });
    expect(state?.fieldErrors?.password).toBeTruthy();
    expect(state?.message).toBe(state?.fieldErrors?.password);
  });

  it("shows the link's confirm button without spending the token; the POST spends it", async () => {
    const email = `link${counter}@example.com`;
    await run(actions.signUpAction(slug, initialFormState, form({ email, password: PASSWORD })));
    const token = /token=([A-Za-z0-9_-]+)/.exec((await newestMail(email, "verify-email")).text)![1]!;

    const html = await render(VerifyPage({ params: Promise.resolve({ tenant: slug }), searchParams: Promise.resolve({ token }) }));
    expect(html).toContain("Confirm email address");
    expect(html).toContain(`value="${token}"`);

    const first = await run(actions.verifyTokenAction(slug, initialFormState, form({ token })));
    expect(first.redirect).toBe(`/t/${slug}/sign-in?notice=email-verified`);
    const again = await run(actions.verifyTokenAction(slug, initialFormState, form({ token })));
    expect(again.state).toMatchObject({ status: "error", code: "invalid_verification" });
  });
});

describe("email sign-in, reset and sign-out", () => {
  it("signs in with the mailed code", async () => {
    const email = await verifiedUser();
    const requested = await run(actions.requestEmailSignInAction(slug, initialFormState, form({ email })));
    expect(requested.state).toMatchObject({ status: "done", values: { email } });
    const code = /\b(\d{6})\b/.exec((await newestMail(email, "email-sign-in")).text)![1]!;
    const done = await run(actions.completeEmailCodeAction(slug, initialFormState, form({ email, code })));
    expect(done.redirect).toBe(`/t/${slug}/signed-in`);
    expect(next.jar.get(SESSION_COOKIE)?.options).toMatchObject({ httpOnly: true, sameSite: "lax", maxAge: 7200 });
  });

  it("resets the password from the link and ends the sessions that knew the old one", async () => {
    const email = await verifiedUser();
    await run(actions.signInAction(slug, initialFormState, form({ email, password: PASSWORD })));
    const before = next.jar.get(SESSION_COOKIE)!.value;
    await run(actions.forgotPasswordAction(slug, initialFormState, form({ email })));
    const token = /token=([A-Za-z0-9_-]+)/.exec((await newestMail(email, "reset-password")).text)![1]!;
    const reset = await run(actions.resetPasswordAction(slug, initialFormState, form({ token, password: "another long passphrase entirely" })));
    expect(reset.redirect).toBe(`/t/${slug}/sign-in?notice=password-reset`);
    expect(await resolveSession(database.db, tenantId, before)).toBeUndefined();
  });

  it("signs out: the session ends on the server and the cookie is cleared on the tenant's path", async () => {
    const email = await verifiedUser();
    await run(actions.signInAction(slug, initialFormState, form({ email, password: PASSWORD })));
    const token = next.jar.get(SESSION_COOKIE)!.value;
    expect(await render(SignedInPage({ params: Promise.resolve({ tenant: slug }), searchParams: Promise.resolve({}) }))).toContain(email);

    const out = await run(actions.signOutAction(slug));
    expect(out.redirect).toBe(`/t/${slug}/sign-in?notice=signed-out`);
    expect(await resolveSession(database.db, tenantId, token)).toBeUndefined();
    expect(next.written.at(-1)).toMatchObject({ name: SESSION_COOKIE, value: "", options: { path: `/t/${slug}`, maxAge: 0 } });
    const html = await render(SignedInPage({ params: Promise.resolve({ tenant: slug }), searchParams: Promise.resolve({}) }));
    expect(html).toContain("not signed in");
    expect(html).not.toContain(email);
  });
});

describe("the hosted layout", () => {
  const layout = (tenant: string) => HostedLayout({ children: createElement("p", null, "page"), params: Promise.resolve({ tenant }) });

  it("applies a valid primary colour, an https logo and the display name", async () => {
    const branded = await createTenant(database.db, systemContext, { slug: "branded", name: "branded" });
    await setSettings({ branding: { displayName: "Acme & Co", logoUrl: "https://cdn.example.com/acme.svg", primaryColor: "#0E7490" } }, branded.id);
    const html = await render(layout("branded"));
    expect(html).toContain("--color-brand-600:#0e7490");
    expect(html).toContain('src="https://cdn.example.com/acme.svg"');
    expect(html).toContain("Acme &amp; Co");
    expect(html).toContain('<main id="main"');
    const metadata = await generateMetadata({ params: Promise.resolve({ tenant: "branded" }) });
    expect(metadata).toMatchObject({ title: { template: "%s · Acme & Co" }, referrer: "strict-origin", robots: { index: false } });
  });

  it("ignores a colour that is not a hex colour and a logo that is not https", async () => {
    const odd = await createTenant(database.db, systemContext, { slug: "odd-branding", name: "Odd" });
    await setSettings({ branding: { logoUrl: "javascript:alert(1)", primaryColor: "red;background:url(https://x)" } }, odd.id);
    const html = await render(layout("odd-branding"));
    expect(html).not.toContain("--color-brand");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("javascript:");
  });

  it("is a 404 for an unknown or suspended tenant", async () => {
    await expect(layout("no-such-tenant")).rejects.toBeInstanceOf(next.NotFound);
    const suspended = await createTenant(database.db, systemContext, { slug: "suspended", name: "Suspended" });
    await database.db.update(tenants).set({ status: "suspended" }).where(eq(tenants.id, suspended.id));
    await expect(layout("suspended")).rejects.toBeInstanceOf(next.NotFound);
  });
});
