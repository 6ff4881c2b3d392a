import { expect, test, type Page } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
import { devCredentials } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { e2eEnv } from "../support/env";
import { codeIn, freshEmail, PASSPHRASE, waitForMail } from "../support/mail";

// The demo site (apps/demo) as a developer evaluating Plinto uses it: each flow runs live against
// the demo tenant through @plinto/sdk, its server keeping the tokens in an encrypted cookie.

const demo = siteUrl("demo", e2eEnv);
const api = siteUrl("api", e2eEnv);
const issuer = `${api}/t/demo`;

/** Password sign-in on the tenant's hosted page, started from a flow page of the demo. */
async function signIn(page: Page, flow = "hosted-sign-in") {
  const { email, password } = devCredentials().demoUser;
  await page.goto(`${demo}/flows/${flow}`);
  await expect(page.getByTestId("session-status")).toHaveText("Not signed in.");
  await page.getByRole("button", { name: "Sign in with Plinto" }).click();
  await page.waitForURL((url) => url.href.startsWith(`${issuer}/sign-in`));
  await expect(page.getByRole("main")).toContainText("Continue to Plinto Demo");
  await page.getByRole("textbox", { name: "Email address", exact: true }).first().fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("main").getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(`${demo}/flows/${flow}`));
  await expect(page.getByTestId("outcome")).toContainText("Signed in.");
  await expect(page.getByTestId("session-status")).toContainText("Signed in as usr_");
}

const claim = (page: Page, token: "id" | "access", name: string) => page.getByTestId(`token-${token}`).locator(`[data-claim="${name}"]`);

async function expectVerified(page: Page) {
  for (const token of ["id", "access"] as const) {
    await expect(page.getByTestId(`token-${token}`).getByTestId("verification")).toHaveText("Verified");
    await expect(claim(page, token, "iss")).toHaveText(issuer);
    await expect(claim(page, token, "sub")).toHaveText(/^usr_\w+$/);
  }
  await expect(claim(page, "id", "aud")).toHaveText("plinto-demo");
  await expect(claim(page, "access", "aud")).toHaveText(`${api}/v1`);
  await expect(claim(page, "access", "client_id")).toHaveText("plinto-demo");
}

test("signs in through the hosted page with PKCE and shows the tokens verified against the tenant's JWKS", async ({ page, context }) => {
  await page.goto(`${demo}/flows/hosted-sign-in`);
  await expectNoAxeViolations(page);
  await signIn(page);

  // The request that went out: an S256 code challenge, state, nonce, the demo's redirect URI.
  await page.getByText("The last authorization request").click();
  const request = page.getByRole("main").locator("pre").filter({ hasText: "code_challenge_method=S256" });
  await expect(request).toContainText(`redirect_uri=${demo}/auth/callback`);
  await expect(request).toContainText("client_id=plinto-demo");
  await expect(request).toContainText(/code_challenge=[\w-]{43}/);

  await expectVerified(page);
  // The ID token and access token name the same user.
  expect(await claim(page, "id", "sub").textContent()).toBe(await claim(page, "access", "sub").textContent());
  await expectNoAxeViolations(page);

  // The tokens live in the demo's encrypted, HttpOnly cookie: nothing in the browser's storage or script's reach.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  expect(stored).not.toMatch(/eyJ|plinto_demo_session/);
  const session = (await context.cookies(demo)).filter((c) => c.name.startsWith("plinto_demo_session."));
  expect(session.length).toBeGreaterThan(0);
  for (const cookie of session) expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  // Its value is a JWE (direct AES-256-GCM): a header, no wrapped key, then IV, ciphertext and tag; no readable JWT.
  const jwe = session
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => c.value)
    .join("")
    .split(".");
  expect(jwe).toHaveLength(5);
  expect(JSON.parse(Buffer.from(jwe[0]!, "base64url").toString())).toEqual({ alg: "dir", enc: "A256GCM" });
  expect(jwe[1]).toBe("");
  const page2 = await context.newPage();
  await page2.goto(`${demo}/flows/token-inspector`);
  await expectVerified(page2);
});

test("token refresh gives a new access token, and the organization switch shows in the new tokens", async ({ page }) => {
  await signIn(page, "refresh");
  const before = await page.getByTestId("current-jti").textContent();
  expect(before).toMatch(/\S{10,}/);
  await page.getByRole("button", { name: "Refresh the access token" }).click();
  await expect(page.getByTestId("outcome")).toContainText("renewed");
  await expect(page.getByTestId("replaced-jti")).toHaveText(before!);
  await expect(page.getByTestId("current-jti")).not.toHaveText(before!);
  await expectVerified(page);

  // The demo user is in two organizations (Acme, Globex): until one is chosen, none is active.
  await page.goto(`${demo}/flows/organizations`);
  await expect(page.getByTestId("active-organization")).toHaveText("Active: none");
  await expect(claim(page, "access", "org_slug")).toHaveCount(0);
  for (const [slug, name, role] of [
    ["acme", "Acme", "owner"],
    ["globex", "Globex", "member"],
  ] as const) {
    await page.getByLabel("Organization", { exact: true }).selectOption(slug);
    await page.getByRole("button", { name: "Switch organization" }).click();
    await expect(page.getByTestId("outcome")).toContainText("Switched organization");
    await expect(page.getByTestId("active-organization")).toContainText(`Active: ${name}`);
    await expect(claim(page, "access", "org_slug")).toHaveText(slug);
    await expect(claim(page, "access", "org_role")).toHaveText(role);
    await expect(claim(page, "id", "org_slug")).toHaveText(slug);
  }
  await expectVerified(page);
  await expectNoAxeViolations(page);
});

test("sign-out ends the session in the demo and at the tenant", async ({ page }) => {
  await signIn(page, "sign-out");
  await page.getByRole("button", { name: "Sign out of the demo and the tenant" }).click();
  // RP-initiated logout: the tenant confirms, ends its session and sends the browser back.
  await page.waitForURL((url) => url.href.startsWith(`${issuer}/logout`) || url.href.startsWith(`${issuer}/session/end`));
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(demo));
  await expect(page.getByTestId("session-status")).toHaveText("Not signed in.");
  await page.goto(`${demo}/flows/token-inspector`);
  await expect(page.getByText("No tokens yet")).toBeVisible();
  // The tenant session is gone too: the next sign-in asks for credentials again.
  await page.goto(`${demo}/flows/hosted-sign-in`);
  await page.getByRole("button", { name: "Sign in with Plinto" }).click();
  await page.waitForURL((url) => url.href.startsWith(`${issuer}/sign-in`));
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
});

test("magic link: asked for on the hosted page, followed from the outbox shown in the demo", async ({ page }) => {
  const { email } = devCredentials().demoUser;
  await page.goto(`${demo}/flows/magic-link`);
  await page.getByRole("button", { name: "Open the hosted sign-in page" }).click();
  await page.waitForURL((url) => url.href.startsWith(`${issuer}/sign-in`));
  await page.getByText("Email me a sign-in link or code instead").click();
  await page.locator("#link-email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Sign in with the code from your email" })).toBeVisible();

  await page.goto(`${demo}/flows/magic-link`);
  let link: string;
  if (process.env.PLINTO_E2E_DRIVER === "postgres") {
    // With DATABASE_URL the API is not in the embedded mode and has no outbox: the demo says so.
    await expect(page.getByTestId("outbox-unavailable")).toBeVisible();
    link = /(https?:\/\/\S+\/magic-link\?token=\S+)/.exec((await waitForMail(page.request, email, "email-sign-in")).text)![1]!;
  } else {
    const mail = page.getByTestId("outbox-message").filter({ hasText: `To ${email} · email-sign-in` }).first();
    await expect(mail).toBeVisible();
    await expect(mail.getByTestId("mail-code")).toHaveText(/^\d{6}$/);
    await expectNoAxeViolations(page);
    link = (await mail.getByRole("link", { name: /\/t\/demo\/magic-link\?token=/ }).getAttribute("href"))!;
    expect(link.startsWith(`${issuer}/magic-link?token=`)).toBe(true);
  }
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in to Demo" }).click();
  // The link's sign-in continues the demo's authorization request, back to the demo.
  await page.waitForURL((url) => url.href.startsWith(`${demo}/flows/magic-link`));
  await expect(page.getByTestId("outcome")).toContainText("Signed in.");
  await expectVerified(page);
});

test("sign-up on the hosted page, confirmed with the code from the demo's outbox, ends signed in to the demo", async ({ page }) => {
  const email = freshEmail("demo-sign-up");
  await page.goto(`${demo}/flows/sign-up`);
  await page.getByRole("button", { name: "Open the hosted sign-in page" }).click();
  await page.waitForURL((url) => url.href.startsWith(`${issuer}/sign-in`));
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSPHRASE);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`${issuer}/verify?sent=1`);

  const hosted = page.url();
  await page.goto(`${demo}/flows/sign-up`);
  let code: string | undefined;
  if (process.env.PLINTO_E2E_DRIVER === "postgres") {
    await expect(page.getByTestId("outbox-unavailable")).toBeVisible();
    code = codeIn(await waitForMail(page.request, email, "verify-email"));
  } else {
    const mail = page.getByTestId("outbox-message").filter({ hasText: `To ${email} · verify-email` });
    code = (await mail.getByTestId("mail-code").first().textContent()) ?? undefined;
  }
  expect(code).toMatch(/^\d{6}$/);
  await page.goto(hosted);
  await page.getByLabel("6-digit code", { exact: true }).fill(code!);
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page).toHaveURL(`${issuer}/sign-in?notice=email-verified`);
  await page.getByLabel("Password", { exact: true }).fill(PASSPHRASE);
  await page.getByRole("main").getByRole("button", { name: "Sign in", exact: true }).click();
  // The new account's first sign-in continues the demo's request.
  await page.waitForURL((url) => url.href.startsWith(`${demo}/flows/sign-up`));
  await expect(page.getByTestId("outcome")).toContainText("Signed in.");
  await expectVerified(page);
});

test("every flow page shows its walkthrough with the demo's own code, and is accessible", async ({ page }) => {
  await page.goto(`${demo}/`);
  const slugs = await page
    .getByRole("main")
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname).filter((path) => path.startsWith("/flows/")));
  expect(slugs).toHaveLength(10);
  for (const path of slugs) {
    await page.goto(`${demo}${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "How it works" })).toBeVisible();
    // The steps' code is read from the type-checked files in apps/demo/src/samples.
    await expect(page.locator("figcaption").filter({ hasText: /^src\/samples\/[\w-]+\.ts$/ }).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Run it live" })).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

test("the environment switch persists across a reload", async ({ page }) => {
  await page.goto(`${demo}/`);
  await expectNoAxeViolations(page);
  const switcher = page.getByRole("banner").getByLabel("Environment", { exact: true });
  await expect(switcher).toHaveValue("local");
  await switcher.selectOption("staging");
  await page.getByRole("banner").getByRole("button", { name: "Switch" }).click();
  await expect(page.getByTestId("outcome")).toContainText("Switched environment");
  await page.reload();
  await expect(page.getByRole("banner").getByLabel("Environment", { exact: true })).toHaveValue("staging");
  await expect(page.getByRole("main")).toContainText("https://api.staging.plinto.dev/t/demo");
  // Staging has no demo application configured here: the flows say so instead of failing.
  await page.goto(`${demo}/flows/hosted-sign-in`);
  await expect(page.getByRole("banner").getByLabel("Environment", { exact: true })).toHaveValue("staging");
  await expect(page.getByTestId("setup-problem")).toContainText("PLINTO_DEMO_STAGING_CLIENT_ID");

  await page.getByRole("banner").getByLabel("Environment", { exact: true }).selectOption("local");
  await page.getByRole("banner").getByRole("button", { name: "Switch" }).click();
  await expect(page.getByTestId("outcome")).toContainText("Switched environment");
  await page.reload();
  await expect(page.getByRole("banner").getByLabel("Environment", { exact: true })).toHaveValue("local");
  await expect(page.getByTestId("setup-problem")).toHaveCount(0);
});
