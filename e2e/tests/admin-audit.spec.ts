import { readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Download, type Page } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
import { e2eEnv } from "../support/env";
import { test } from "../support/fixtures";
import { freshEmail } from "../support/mail";

// The admin dashboard's audit log, end to end: a back end blocks a user in the demo tenant with the
// tenant's API key; the demo user signs in to the admin site, finds that event by its action, opens
// it, and downloads the filtered log as CSV and as JSON — each file fetched by the admin site with
// the admin's token, which the browser never holds.

const api = siteUrl("api", e2eEnv);
const admin = siteUrl("admin", e2eEnv);

interface DevCredentials {
  demoUser: { email: string; password: string };
  apiKeys: { demo: { secret: string } };
}
const credentials = (): DevCredentials => JSON.parse(readFileSync(join(process.env.PLINTO_E2E_HOME!, "dev-credentials.json"), "utf8")) as DevCredentials;

async function managementCall(page: Page, method: "POST", path: string, data?: unknown) {
  const response = await page.request.fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${credentials().apiKeys.demo.secret}` },
    ...(data !== undefined ? { data } : {}),
  });
  expect(response.status(), `${method} ${path}`).toBeLessThan(300);
  return response.json() as Promise<{ user: { id: string } }>;
}

async function textOf(download: Download): Promise<string> {
  const path = await download.path();
  return readFileSync(path, "utf8");
}

test("admin: the audit log shows a blocked user's event, its detail, and exports it as CSV and JSON", async ({ page, request }) => {
  // An auditable change in the demo tenant, made by its API key.
  const { user } = await managementCall(page, "POST", "/v1/users", { email: freshEmail("audited"), name: "Audited Person" });
  await managementCall(page, "POST", `/v1/users/${user.id}/block`);

  // Sign in to the admin site as the seeded demo user (owner of the demo tenant, the default choice).
  const { email, password } = credentials().demoUser;
  await page.goto(`${admin}/`);
  const header = page.getByRole("banner");
  await header.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByLabel("Email address", { exact: true }).first().fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("main").getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(admin));
  await expect(header.getByTestId("signed-in-email")).toHaveText(email);
  await expect(header.getByLabel("Tenant", { exact: true })).toHaveValue("demo");

  // The nav leads to the audit log; filter by the action.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(`${admin}/audit`);
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await page.getByLabel("Action", { exact: true }).fill("user.blocked");
  await page.getByLabel("Target", { exact: true }).fill(user.id);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/audit" && url.searchParams.get("action") === "user.blocked" && url.searchParams.get("target") === user.id);

  const table = page.getByRole("table", { name: /Audit events in Demo/ });
  const rows = table.getByRole("row").filter({ hasText: user.id });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("user.blocked");
  await expect(rows.first()).toContainText("API key");
  // Every row is the filtered action.
  for (const cell of await table.locator("tbody tr th").allTextContents()) expect(cell).toBe("user.blocked");

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s) — ${v.help}`)).toEqual([]);

  // The exports: files named after the tenant, holding the event, fetched through the admin site.
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^audit-demo-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csvDownload.url()).toMatch(new RegExp(`^${admin}/audit/export\\?`));
  const csv = await textOf(csvDownload);
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^id,seq,occurredAt,action,actorType,actorId,targetType,targetId,/);
  expect(lines.slice(1).filter((line) => line.includes(user.id) && line.includes(",user.blocked,"))).toHaveLength(1);
  expect(csv).not.toMatch(/plinto_sk_|eyJ/);

  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export JSON" }).click()]);
  expect(jsonDownload.suggestedFilename()).toMatch(/^audit-demo-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await textOf(jsonDownload)) as { events: Array<{ id: string; action: string; targetId: string }>; truncated: boolean };
  expect(exported.truncated).toBe(false);
  expect(exported.events.map((e) => [e.action, e.targetId])).toEqual([["user.blocked", user.id]]);

  // The event's own page: every field, and its data as JSON.
  await rows.first().getByRole("link", { name: "user.blocked" }).click();
  await expect(page).toHaveURL(`${admin}/audit/${exported.events[0]!.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "user.blocked" })).toBeVisible();
  for (const term of ["Event id", "Time", "Action", "Actor", "Target", "IP address", "User agent", "Hash", "Previous hash"]) {
    await expect(page.locator("dt", { hasText: new RegExp(`^${term}$`) })).toBeVisible();
  }
  await expect(page.locator("dd").filter({ hasText: exported.events[0]!.id })).toBeVisible();
  await expect(page.locator("dd").filter({ hasText: `user ${user.id}` })).toBeVisible();
  await expect(page.getByLabel("The event's data as JSON")).toBeVisible();
  const detailAxe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(detailAxe.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s) — ${v.help}`)).toEqual([]);

  // Nothing matching says so; a filter the API refuses says why.
  await page.goto(`${admin}/audit?action=nothing.happened.here`);
  await expect(page.getByRole("heading", { name: "No events match" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await page.goto(`${admin}/audit?action=${encodeURIComponent("Not an action")}`);
  await expect(page.getByRole("alert").filter({ hasText: "The audit log could not be loaded" })).toContainText("action");

  // Without the admin's session (a request context of its own, no cookies), the export hands out nothing.
  const anonymous = await request.get(`${admin}/audit/export?format=csv`, { failOnStatusCode: false, maxRedirects: 0 });
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.text()).not.toContain(user.id);
});
