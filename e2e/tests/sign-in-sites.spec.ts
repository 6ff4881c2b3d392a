import { readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
import { e2eEnv } from "../support/env";

// The admin dashboard and the account portal sign their people in with next-auth against the
// platform tenant's OpenID Provider, exactly as a customer's app would: Sign in on the site → the
// tenant's hosted sign-in page → back on the site, showing who is signed in → Sign out, which ends
// the session on the site and at the provider (RP-initiated logout) and comes back signed out.
// Every test fails on a console error on the site's own pages.

const api = siteUrl("api", e2eEnv);
const issuer = `${api}/t/plinto`;

interface DevCredentials {
  demoUser: { email: string; password: string };
  applications?: Record<string, Record<string, { clientId?: string } | undefined> | undefined>;
}

function devCredentials(): DevCredentials {
  return JSON.parse(readFileSync(join(process.env.PLINTO_E2E_HOME!, "dev-credentials.json"), "utf8")) as DevCredentials;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const hostedSignIn = new RegExp(`^${escapeRegExp(issuer)}/sign-in(\\?|$)`);

const test = base.extend<{ consoleProblems: string[] }>({
  consoleProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      const ownSite = (url: string) => !url.startsWith(api);
      page.on("console", (message) => {
        if (message.type() === "error" && ownSite(page.url())) problems.push(`console on ${page.url()}: ${message.text()}`);
      });
      page.on("pageerror", (error) => {
        if (ownSite(page.url())) problems.push(`page error on ${page.url()}: ${error.message}`);
      });
      await use(problems);
      expect(problems).toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Until the platform tenant's provider and the seeded applications exist, say so in one line
 * rather than failing somewhere inside the redirects.
 */
async function expectProviderReady(page: Page, site: "admin" | "app") {
  const discovery = await page.request.get(`${issuer}/.well-known/openid-configuration`, { failOnStatusCode: false });
  expect(discovery.status(), `the platform tenant's OpenID Provider should answer ${issuer}/.well-known/openid-configuration`).toBe(200);
  const document = (await discovery.json()) as { issuer?: string; end_session_endpoint?: string };
  expect(document.issuer, "the discovery document's issuer").toBe(issuer);
  expect(document.end_session_endpoint, "the provider should publish an end_session_endpoint (RP-initiated logout)").toBeTruthy();
  expect(devCredentials().applications?.plinto?.[site]?.clientId, `the seed should register applications.plinto.${site} in dev-credentials.json`).toBeTruthy();
}

async function signInOnHostedPage(page: Page, email: string, password: string) {
  await expect(page).toHaveURL(hostedSignIn);
  await page.getByLabel("Email address", { exact: true }).first().fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("main").getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Back on the site after the provider: a `?error=` here means the code exchange or userinfo failed. */
async function expectBackSignedIn(page: Page, siteHome: string) {
  await page.waitForURL((url) => url.href.startsWith(siteHome));
  const error = new URL(page.url()).searchParams.get("error");
  expect(error, `the site could not finish the sign-in (next-auth error ${error}; the site's lines in e2e/test-results/sites.log say why)`).toBeNull();
  await expect(page).toHaveURL(siteHome);
}

/** Sign out on the site; answer the provider's "Sign out of …?" question if it asks. */
async function signOut(page: Page, header: Locator, siteHome: string) {
  await header.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(`${issuer}/logout`) || url.href === siteHome);
  if (page.url().startsWith(`${issuer}/logout`)) {
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
  }
  await expect(page).toHaveURL(siteHome);
}

for (const site of ["admin", "app"] as const) {
  const home = `${siteUrl(site, e2eEnv)}/`;

  test(`${site}: sign in on the platform tenant's hosted page, see who is signed in, sign out there too`, async ({ page }) => {
    await expectProviderReady(page, site);
    const { email, password } = devCredentials().demoUser;

    await page.goto(home);
    const header = page.getByRole("banner");
    await expect(header.getByTestId("signed-in-email")).toHaveCount(0);
    await header.getByRole("button", { name: "Sign in", exact: true }).click();

    // Straight to the tenant's hosted page: no next-auth chooser in between.
    await signInOnHostedPage(page, email, password);

    await expectBackSignedIn(page, home);
    await expect(header.getByTestId("signed-in-email")).toHaveText(email);
    await expect(header.getByTestId("signed-in-name")).not.toBeEmpty();
    await expect(header.getByRole("button", { name: "Sign in", exact: true })).toHaveCount(0);
    // The site's own page is still there, and stays accessible with the signed-in header.
    await expect(page.locator("h1").first()).toBeVisible();
    if (site === "admin") {
      // Read from the management API with the admin's own access token: the demo user owns both seeded
      // tenants (and any an earlier spec created as a platform operator).
      const tenants = page.getByRole("list", { name: "Tenants you administer" }).getByRole("listitem");
      await expect(tenants.filter({ hasText: "Plinto" })).toContainText("Owner");
      await expect(tenants.filter({ hasText: "Demo" })).toContainText("Owner");
      // The switcher starts on a customer tenant (the first by name; the tenants spec may have added
      // one before this), not the platform, and remembers a choice.
      const switcher = header.getByLabel("Tenant", { exact: true });
      await expect(switcher).not.toHaveValue("plinto");
      await expect(switcher).not.toHaveValue("");
      await switcher.selectOption("plinto");
      await header.getByRole("button", { name: "Switch" }).click();
      await expect(page).toHaveURL(home);
      await expect(header.getByLabel("Tenant", { exact: true })).toHaveValue("plinto");
    }
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s) — ${v.help}`)).toEqual([]);

    // The session is this site's own, httpOnly cookie; the browser never sees the ID token.
    const cookie = (await page.context().cookies(home)).find((c) => c.name === `plinto-${site}.session-token`);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    const session = await page.request.get(`${home}api/auth/session`);
    const sessionJson = (await session.json()) as { user?: { email?: string } };
    expect(sessionJson.user?.email).toBe(email);
    expect(JSON.stringify(sessionJson)).not.toMatch(/eyJ|id_?token/i);

    await signOut(page, header, home);
    await expect(header.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    await expect(header.getByTestId("signed-in-email")).toHaveCount(0);
    await expect(page.getByText(email)).toHaveCount(0);
    expect((await page.context().cookies(home)).some((c) => c.name === `plinto-${site}.session-token`)).toBe(false);

    // Signed out at the provider too: signing in again asks for the password instead of
    // coming straight back signed in.
    await header.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(hostedSignIn);
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("app: the Sign in and Sign out buttons work as plain forms", async ({ page }) => {
    await expectProviderReady(page, "app");
    const { email, password } = devCredentials().demoUser;
    const home = `${siteUrl("app", e2eEnv)}/`;
    const header = page.getByRole("banner");

    await page.goto(home);
    await header.getByRole("button", { name: "Sign in", exact: true }).click();
    await signInOnHostedPage(page, email, password);
    await expectBackSignedIn(page, home);
    await expect(header.getByTestId("signed-in-email")).toHaveText(email);

    await signOut(page, header, home);
    await expect(header.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  });
});

test("a sign-in form posted from another site is refused", async ({ request }) => {
  const admin = siteUrl("admin", e2eEnv);
  const response = await request.post(`${admin}/auth/sign-in`, {
    headers: { origin: siteUrl("app", e2eEnv), "content-type": "application/x-www-form-urlencoded" },
    data: "",
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  expect(response.status()).toBe(403);
});
