import { readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
import { e2eEnv } from "../support/env";
import { test } from "../support/fixtures";
import { codeIn, freshEmail, PASSPHRASE, waitForMail, type Mail } from "../support/mail";

// The demo tenant's hosted pages in Chromium: sign-up → code from the mail → verify → sign-in →
// signed-in → sign-out, the generic wrong-password answer, email sign-in, password reset, the same
// pages without JavaScript, and axe on each form page. Every test fails on a console error.

const api = siteUrl("api", e2eEnv);
const tenant = `${api}/t/demo`;
const SESSION_COOKIE = "plinto_session";

function demoUser(): { email: string; password: string } {
  const file = join(process.env.PLINTO_E2E_HOME!, "dev-credentials.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { demoUser: { email: string; password: string } }).demoUser;
}

const linkIn = (mail: Mail, page: string) => new RegExp(`(https?://\\S+/t/demo/${page}\\?token=[A-Za-z0-9_-]+)`).exec(mail.text)?.[1];

async function sessionCookie(page: Page) {
  return (await page.context().cookies(tenant)).find((cookie) => cookie.name === SESSION_COOKIE);
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${tenant}/sign-in`);
  await page.getByLabel("Email address", { exact: true }).first().fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function signUpAndVerify(page: Page, email: string) {
  await page.goto(`${tenant}/sign-up`);
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSPHRASE);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`${tenant}/verify?sent=1`);
  const code = codeIn(await waitForMail(page.request, email, "verify-email"));
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel("6-digit code", { exact: true }).fill(code!);
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page).toHaveURL(`${tenant}/sign-in?notice=email-verified`);
}

test.describe("hosted pages", () => {
  test("sign up, confirm with the mailed code, sign in, see who is signed in, sign out", async ({ page }) => {
    const email = freshEmail("journey");

    await page.goto(`${tenant}/sign-up`);
    await expect(page).toHaveTitle("Create an account · Demo");
    await page.getByLabel("Email address", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSPHRASE);
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(`${tenant}/verify?sent=1`);
    await expect(page.getByRole("main").getByRole("status")).toContainText(`We've sent an email to ${email}`);
    // The address carries over from the sign-up without appearing in the URL.
    await expect(page.getByLabel("Email address", { exact: true }).first()).toHaveValue(email);
    const mail = await waitForMail(page.request, email, "verify-email");
    const code = codeIn(mail);
    expect(code).toMatch(/^\d{6}$/);
    await page.getByLabel("6-digit code", { exact: true }).fill(code!);
    await page.getByRole("button", { name: "Confirm email address" }).click();

    await expect(page).toHaveURL(`${tenant}/sign-in?notice=email-verified`);
    await expect(page.getByRole("main").getByRole("status")).toContainText("Your email address is confirmed");
    await expect(page.getByLabel("Email address", { exact: true }).first()).toHaveValue(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSPHRASE);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    await expect(page).toHaveURL(`${tenant}/signed-in`);
    await expect(page).toHaveTitle("Signed in · Demo");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You're signed in");
    await expect(page.getByTestId("signed-in-email")).toHaveText(email);

    const cookie = await sessionCookie(page);
    expect(cookie).toBeDefined();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/t/demo", secure: false });
    expect(cookie!.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 86_400);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(`${tenant}/sign-in?notice=signed-out`);
    await expect(page.getByRole("main").getByRole("status")).toHaveText("You have signed out.");
    expect(await sessionCookie(page)).toBeUndefined();

    await page.goto(`${tenant}/signed-in`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You're not signed in");
    await expect(page.getByText(email)).toHaveCount(0);

    // The old token is dead on the server too, not just gone from the browser.
    const replay = await page.request.get(`${tenant}/signed-in`, { headers: { cookie: `${SESSION_COOKIE}=${cookie!.value}` } });
    const html = await replay.text();
    expect(html).toContain("You&#x27;re not signed in");
    expect(html).not.toContain(email);
  });

  test("a wrong password and an unknown address get the same generic error; the email stays, the password does not", async ({ page }) => {
    const { email } = demoUser();
    const messages: string[] = [];
    for (const address of [email, freshEmail("nobody")]) {
      await signIn(page, address, "not the right password at all");
      const alert = page.getByRole("main").getByRole("alert");
      await expect(alert).toContainText("That email and password do not match an account");
      messages.push((await alert.textContent()) ?? "");
      await expect(page).toHaveURL(`${tenant}/sign-in`);
      await expect(page.getByLabel("Email address", { exact: true }).first()).toHaveValue(address);
      await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
    }
    expect(messages[0]).toBe(messages[1]);
    expect(await sessionCookie(page)).toBeUndefined();
  });

  test("missing fields are marked on the field, linked for screen readers", async ({ page }) => {
    await page.goto(`${tenant}/sign-in`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const email = page.getByLabel("Email address", { exact: true }).first();
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAccessibleDescription("Enter your email address");
    await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription("Enter your password");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Check the fields marked below");
  });

  test("sign in with a mailed code, and opening a mailed link changes nothing until its button is pressed", async ({ page, browser, request }) => {
    const { email } = demoUser();
    await page.goto(`${tenant}/sign-in`);
    await page.getByText("Email me a sign-in link or code instead").click();
    await page.getByLabel("Email address", { exact: true }).nth(1).fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText(`We've sent an email to ${email}`);
    const mail = await waitForMail(page.request, email, "email-sign-in");
    await page.getByLabel("6-digit code", { exact: true }).fill(codeIn(mail)!);
    await page.getByRole("button", { name: "Sign in with code" }).click();
    await expect(page).toHaveURL(`${tenant}/signed-in`);
    await expect(page.getByTestId("signed-in-email")).toHaveText(email);

    // A new mail; its link, opened (as a mail scanner would) in a fresh browser, spends nothing.
    await page.goto(`${tenant}/magic-link`);
    await page.getByLabel("Email address", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText("We've sent an email");
    const link = linkIn(await waitForMail(page.request, email, "email-sign-in"), "magic-link");
    expect(link).toBeTruthy();
    const scanned = await request.get(link!.replace(/^https?:\/\/[^/]+/, api));
    expect(scanned.status()).toBe(200);

    const other = await browser.newContext();
    try {
      const visitor = await other.newPage();
      await visitor.goto(link!.replace(/^https?:\/\/[^/]+/, api));
      await expect(visitor).toHaveTitle("Sign in with email · Demo");
      expect((await other.cookies(tenant)).some((c) => c.name === SESSION_COOKIE)).toBe(false);
      await visitor.getByRole("button", { name: "Sign in to Demo" }).click();
      await expect(visitor).toHaveURL(`${tenant}/signed-in`);
      await expect(visitor.getByTestId("signed-in-email")).toHaveText(email);
    } finally {
      await other.close();
    }
  });

  test("forgot password: the mailed link sets a new password, which then signs in", async ({ page }) => {
    const email = freshEmail("reset");
    await signUpAndVerify(page, email);

    await page.goto(`${tenant}/forgot-password`);
    await page.getByLabel("Email address", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText(`We've sent an email to ${email}`);
    const link = linkIn(await waitForMail(page.request, email, "reset-password"), "reset-password");
    expect(link).toBeTruthy();

    await page.goto(link!.replace(/^https?:\/\/[^/]+/, api));
    await expect(page).toHaveTitle("Choose a new password · Demo");
    const field = page.getByLabel("New password", { exact: true });
    await expect(field).toHaveAttribute("autocomplete", "new-password");
    await expect(field).toHaveAccessibleDescription(/At least 8 characters\. Long passphrases are welcome/);
    // The policy's refusal comes back on the field.
    await field.fill("password");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();

    const newPassword = "a brand new passphrase for the reset test";
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page).toHaveURL(`${tenant}/sign-in?notice=password-reset`);

    await signIn(page, email, PASSPHRASE);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("That email and password do not match an account");
    await signIn(page, email, newPassword);
    await expect(page).toHaveURL(`${tenant}/signed-in`);
  });

  test("the pages are branded, titled, uncached and send no path or query in a Referer header", async ({ page }) => {
    for (const [path, title] of [
      ["sign-in", "Sign in · Demo"],
      ["sign-up", "Create an account · Demo"],
      ["verify", "Confirm your email address · Demo"],
      ["forgot-password", "Reset your password · Demo"],
      ["reset-password", "Choose a new password · Demo"],
      ["magic-link", "Sign in with email · Demo"],
      ["signed-in", "Signed in · Demo"],
    ] as const) {
      const response = await page.goto(`${tenant}/${path}`);
      expect(response?.status(), path).toBe(200);
      expect(response?.headers()["cache-control"], path).toContain("no-store");
      await expect(page).toHaveTitle(title);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      await expect(page.locator('meta[name="referrer"]')).toHaveAttribute("content", "strict-origin");
      await expect(page.getByRole("link", { name: "Demo" }).first()).toBeVisible();
    }
    const missing = await page.request.get(`${api}/t/no-such-tenant/sign-in`);
    expect(missing.status()).toBe(404);
  });

  for (const path of ["sign-in", "sign-up", "verify", "forgot-password"]) {
    test(`axe finds no WCAG 2.1 A/AA violation on /t/demo/${path}`, async ({ page }) => {
      await page.goto(`${tenant}/${path}`, { waitUntil: "networkidle" });
      // Also with the form in its error state: invalid fields and the alert.
      await page.locator("main form").first().getByRole("button").last().click();
      await expect(page.getByRole("main").getByRole("alert").first()).toBeVisible();
      const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(axe.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s) — ${v.help}`)).toEqual([]);
    });
  }
});

test.describe("hosted pages without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a wrong password shows the error and keeps the email; the right one signs in and out", async ({ page }) => {
    const { email, password } = demoUser();
    await signIn(page, email, "still not the right password");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("That email and password do not match an account");
    await expect(page.getByLabel("Email address", { exact: true }).first()).toHaveValue(email);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");

    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(`${tenant}/signed-in`);
    await expect(page.getByTestId("signed-in-email")).toHaveText(email);
    expect(await sessionCookie(page)).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(`${tenant}/sign-in?notice=signed-out`);
    await page.goto(`${tenant}/signed-in`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You're not signed in");
  });

  test("the email sign-in option opens and asks for the code without script", async ({ page }) => {
    const { email } = demoUser();
    await page.goto(`${tenant}/sign-in`);
    await page.getByText("Email me a sign-in link or code instead").click();
    await page.getByLabel("Email address", { exact: true }).nth(1).fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText(`We've sent an email to ${email}`);
    await page.getByLabel("6-digit code", { exact: true }).fill("12");
    await page.getByRole("button", { name: "Sign in with code" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("The code is 6 digits");
    // The code form is still there after the round trip, with the address it was sent to.
    await expect(page.getByLabel("6-digit code", { exact: true })).toHaveAccessibleDescription(`Sent to ${email} The code is 6 digits, like 123456`);
  });
});
