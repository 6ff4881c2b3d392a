import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
import { e2eEnv } from "../support/env";
import { test } from "../support/fixtures";
import { codeIn, freshEmail, PASSPHRASE, waitForMail } from "../support/mail";
import { stepNow, totp } from "../support/totp";

// Two-step verification on the demo tenant's hosted pages in Chromium: a new account sets up an
// authenticator app (QR code and key, the first code, ten recovery codes shown once), then signs in
// with its password and a code, with a recovery code, and (without JavaScript) with a code again.
// The test plays the authenticator app itself: RFC 6238 with node:crypto, from the key the page
// shows, so the server's TOTP is checked against an independent implementation.

const api = siteUrl("api", e2eEnv);
const tenant = `${api}/t/demo`;
const SESSION_COOKIE = "plinto_session";
const MFA_COOKIE = "plinto_mfa";


async function signUpAndVerify(page: Page, email: string) {
  await page.goto(`${tenant}/sign-up`);
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSPHRASE);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`${tenant}/verify?sent=1`);
  await page.getByLabel("6-digit code", { exact: true }).fill(codeIn(await waitForMail(page.request, email, "verify-email"))!);
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page).toHaveURL(`${tenant}/sign-in?notice=email-verified`);
}

async function signInWithPassword(page: Page, email: string) {
  await page.goto(`${tenant}/sign-in`);
  await page.getByLabel("Email address", { exact: true }).first().fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSPHRASE);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function signOut(page: Page) {
  await page.goto(`${tenant}/signed-in`);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${tenant}/sign-in?notice=signed-out`);
}

/** A new account with an authenticator app set up through the pages; returns its key, the step it used, and its recovery codes. */
async function enrolledAccount(page: Page) {
  const email = freshEmail("mfa");
  await signUpAndVerify(page, email);
  await signInWithPassword(page, email);
  await expect(page).toHaveURL(`${tenant}/signed-in`);

  await page.goto(`${tenant}/mfa/enrol`);
  await expect(page).toHaveTitle("Set up two-step verification · Demo");
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page).toHaveURL(`${tenant}/mfa/enrol`);
  const qr = page.getByRole("img", { name: /QR code to add Demo/ });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
  const key = (await page.getByTestId("totp-key").innerText()).replace(/\s/g, "");
  expect(key).toMatch(/^[A-Z2-7]{32}$/);

  // A wrong code is refused, announced, and linked to the field.
  const step = stepNow();
  await page.getByLabel("6-digit code", { exact: true }).fill(totp(key, step + 5));
  await page.getByRole("button", { name: "Turn on two-step verification" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("That code is not right");
  await page.getByLabel("6-digit code", { exact: true }).fill(totp(key, stepNow()));
  const used = stepNow();
  await page.getByRole("button", { name: "Turn on two-step verification" }).click();

  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  const codes = await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allInnerTexts();
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await page.getByRole("link", { name: "I've saved my codes, continue" }).click();
  await expect(page).toHaveURL(`${tenant}/signed-in`);
  return { email, key, used, codes };
}

test.describe("two-step verification", () => {
  test("set up an authenticator app, then sign in with the password and a code from it", async ({ page }) => {
    const { email, key, used } = await enrolledAccount(page);
    await signOut(page);

    await signInWithPassword(page, email);
    await expect(page).toHaveURL(`${tenant}/mfa`);
    await expect(page).toHaveTitle("Two-step verification · Demo");
    // No session yet; the pending sign-in is in an HttpOnly cookie on the tenant's path, not in the URL.
    const cookies = await page.context().cookies(tenant);
    expect(cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    const pending = cookies.find((c) => c.name === MFA_COOKIE);
    expect(pending).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/t/demo" });
    expect(page.url()).not.toContain(pending!.value);

    // The code that confirmed the app has been used: it is refused now.
    await page.getByLabel("6-digit code", { exact: true }).fill(totp(key, used));
    await page.getByRole("button", { name: "Verify", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("That code is not right");

    await page.getByLabel("6-digit code", { exact: true }).fill(totp(key, Math.max(used + 1, stepNow())));
    await page.getByRole("button", { name: "Verify", exact: true }).click();
    await expect(page).toHaveURL(`${tenant}/signed-in`);
    await expect(page.getByTestId("signed-in-email")).toHaveText(email);
    const after = await page.context().cookies(tenant);
    expect(after.find((c) => c.name === SESSION_COOKIE)).toMatchObject({ httpOnly: true, path: "/t/demo" });
    expect(after.find((c) => c.name === MFA_COOKIE)).toBeUndefined();
  });

  test("a recovery code signs in once", async ({ page }) => {
    const { email, codes } = await enrolledAccount(page);
    await signOut(page);
    await signInWithPassword(page, email);
    await expect(page).toHaveURL(`${tenant}/mfa`);
    await page.getByText("Use a recovery code").click();
    await page.getByLabel("Recovery code", { exact: true }).fill(codes[0]!.toLowerCase());
    await page.getByRole("button", { name: "Use recovery code" }).click();
    await expect(page).toHaveURL(`${tenant}/signed-in`);

    await signOut(page);
    await signInWithPassword(page, email);
    await page.getByText("Use a recovery code").click();
    await page.getByLabel("Recovery code", { exact: true }).fill(codes[0]!);
    await page.getByRole("button", { name: "Use recovery code" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("That code is not right");
  });

  test("axe finds no WCAG 2.1 A/AA violation on the enrolment and challenge pages", async ({ page }) => {
    const email = freshEmail("mfa-axe");
    await signUpAndVerify(page, email);
    await signInWithPassword(page, email);
    await expect(page).toHaveURL(`${tenant}/signed-in`);
    await page.goto(`${tenant}/mfa/enrol`);
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
    const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    expect((await new AxeBuilder({ page }).withTags(tags).analyze()).violations).toEqual([]);
    const key = (await page.getByTestId("totp-key").innerText()).replace(/\s/g, "");
    await page.getByLabel("6-digit code", { exact: true }).fill(totp(key, stepNow()));
    await page.getByRole("button", { name: "Turn on two-step verification" }).click();
    await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
    expect((await new AxeBuilder({ page }).withTags(tags).analyze()).violations).toEqual([]);

    await signOut(page);
    await signInWithPassword(page, email);
    await expect(page).toHaveURL(`${tenant}/mfa`);
    await page.getByText("Use a recovery code").click();
    expect((await new AxeBuilder({ page }).withTags(tags).analyze()).violations).toEqual([]);
  });
});

test.describe("two-step verification without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the challenge page takes a code and continues, and a wrong one is shown", async ({ page, browser }) => {
    // Set up with script (the enrolment page works without it too, but one run is enough here).
    const withScript = await browser.newContext();
    const setup = await withScript.newPage();
    const { email, key, used } = await enrolledAccount(setup);
    await withScript.close();

    await signInWithPassword(page, email);
    await expect(page).toHaveURL(`${tenant}/mfa`);
    await page.getByLabel("6-digit code", { exact: true }).fill(totp(key, used + 9));
    await page.getByRole("button", { name: "Verify", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("That code is not right");
    await page.getByLabel("6-digit code", { exact: true }).fill(totp(key, Math.max(used + 1, stepNow())));
    await page.getByRole("button", { name: "Verify", exact: true }).click();
    await expect(page).toHaveURL(`${tenant}/signed-in`);
    await expect(page.getByTestId("signed-in-email")).toHaveText(email);
  });
});
