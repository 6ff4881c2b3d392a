import { readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
import { e2eEnv } from "../support/env";
import { test } from "../support/fixtures";
import { freshEmail, PASSPHRASE } from "../support/mail";

// The admin's analytics page, fed by the management API with the admin's own token: people sign up
// and sign in to the demo tenant through the API first, then the seeded demo user (an owner of the
// demo tenant) signs in to the admin dashboard and finds those numbers, the charts drawn, and the
// same page for other ranges.

const api = siteUrl("api", e2eEnv);
const admin = siteUrl("admin", e2eEnv);

interface DevCredentials {
  demoUser: { email: string; password: string };
  apiKeys: { demo: { secret: string } };
}
const credentials = (): DevCredentials => JSON.parse(readFileSync(join(process.env.PLINTO_E2E_HOME!, "dev-credentials.json"), "utf8")) as DevCredentials;

/** A user created with the demo tenant's key, then a sign-in of theirs that works and one that fails. */
async function someActivity(page: Page, label: string) {
  const email = freshEmail(label);
  const created = await page.request.post(`${api}/v1/users`, {
    headers: { authorization: `Bearer ${credentials().apiKeys.demo.secret}` },
    data: { email, password: PASSPHRASE, emailVerified: true },
  });
  expect(created.status(), "POST /v1/users").toBe(201);
  const signedIn = await page.request.post(`${api}/v1/tenants/demo/auth/sign-in`, { data: { email, password: PASSPHRASE } });
  expect(signedIn.status(), "a sign-in with the right password").toBe(200);
  expect(((await signedIn.json()) as { status: string }).status).toBe("signed_in");
  const refused = await page.request.post(`${api}/v1/tenants/demo/auth/sign-in`, { data: { email, password: `${PASSPHRASE} wrong` } });
  expect(refused.status(), "a sign-in with a wrong password").toBe(401);
}

async function signInToAdmin(page: Page) {
  const { email, password } = credentials().demoUser;
  await page.goto(`${admin}/`);
  await page.getByRole("banner").getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^${api.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/t/plinto/sign-in`));
  await page.getByLabel("Email address", { exact: true }).first().fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("main").getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(`${admin}/`) && !url.searchParams.has("error"));
  await expect(page.getByRole("banner").getByTestId("signed-in-email")).toHaveText(email);
}

/** The number on a summary card, e.g. 3 for "Sign-ups". */
async function stat(page: Page, label: string): Promise<number> {
  const card = page.getByRole("region", { name: "Summary" }).getByRole("listitem").filter({ has: page.getByText(label, { exact: true }) });
  const text = await card.getByTestId("stat-value").textContent();
  return Number((text ?? "").replace(/[^\d.]/g, ""));
}

async function expectNoAxeViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s) — ${v.help}`)).toEqual([]);
}

test("admin analytics: the demo tenant's sign-ups and sign-ins, in numbers and charts, for each range", async ({ page }) => {
  await someActivity(page, "analytics-one");
  await someActivity(page, "analytics-two");
  await signInToAdmin(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analytics" }).click();
  await expect(page).toHaveURL(`${admin}/analytics`);
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await expect(page.getByText("Tenant Demo (demo), last 30 days")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Range" }).getByRole("link", { name: "Last 30 days" })).toHaveAttribute("aria-current", "page");

  expect(await stat(page, "Sign-ups")).toBeGreaterThanOrEqual(2);
  expect(await stat(page, "Sign-ins succeeded")).toBeGreaterThanOrEqual(2);
  expect(await stat(page, "Sign-ins failed")).toBeGreaterThanOrEqual(2);
  expect(await stat(page, "Daily active users")).toBeGreaterThanOrEqual(2);
  expect(await stat(page, "Monthly active users")).toBeGreaterThanOrEqual(2);

  // Each chart is an image named by its title, drawn as SVG, with its numbers in a table for screen readers.
  for (const name of ["Sign-ups and active users", "Sign-ins"]) {
    const chart = page.getByRole("img", { name, exact: true });
    await expect(chart.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
    await expect(page.getByRole("table", { name, exact: true }).getByRole("row")).toHaveCount(31);
  }
  await expect(page.getByRole("img", { name: "Sign-ins", exact: true }).locator(".recharts-bar-rectangle path").first()).toBeVisible();
  // Today's row of the sign-ins table counts this test's two sign-ins and two refusals at least.
  const today = page.getByRole("table", { name: "Sign-ins", exact: true }).getByRole("row").last().getByRole("cell");
  expect(Number(await today.nth(0).textContent())).toBeGreaterThanOrEqual(2);
  expect(Number(await today.nth(1).textContent())).toBeGreaterThanOrEqual(2);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(`${admin}/analytics?range=7d`);
  await expect(page.getByText("Tenant Demo (demo), last 7 days")).toBeVisible();
  await expect(page.getByRole("table", { name: "Sign-ins", exact: true }).getByRole("row")).toHaveCount(8);
  expect(await stat(page, "Sign-ups")).toBeGreaterThanOrEqual(2);

  await page.getByRole("link", { name: "Last 12 months" }).click();
  await expect(page).toHaveURL(`${admin}/analytics?range=12m`);
  await expect(page.getByRole("table", { name: "Sign-ups and active users", exact: true }).getByRole("row")).toHaveCount(13);
  await expect(page.getByRole("table", { name: "Sign-ups and active users", exact: true }).getByRole("columnheader", { name: "Monthly active users" })).toBeAttached();
  await expect(page.getByRole("img", { name: "Sign-ups and active users", exact: true }).locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("admin analytics, signed out: no numbers, a way to sign in, and still accessible", async ({ page }) => {
  const answer = await page.goto(`${admin}/analytics`);
  expect(answer?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 2, name: "Sign in to see analytics" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Summary" })).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("img")).toHaveCount(0);
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});
