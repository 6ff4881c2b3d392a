import { expect, type Browser } from "@playwright/test";
import { adminUrl, apiUrl, devCredentials, signInToAdmin } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { test } from "../support/fixtures";
import { freshEmail, PASSPHRASE } from "../support/mail";

// Tenants in the admin dashboard, for platform operators (the seeded demo user owns the platform
// tenant): create a tenant with its first API key (shown once), find it in the list, give it an
// admin, change their role and remove them, suspend it (its key stops working) and reactivate it,
// and open it with the switcher. Someone who administers only a customer tenant sees none of it.

/** A user of the platform tenant (an account for the dashboard), made with the operator's key. */
async function platformUser(request: import("@playwright/test").APIRequestContext, label: string) {
  const email = freshEmail(label);
  const created = await request.post(`${apiUrl}/v1/users`, {
    headers: { authorization: `Bearer ${devCredentials().apiKeys.plinto.secret}` },
    data: { email, name: "Tess Tenant-Admin", password: PASSPHRASE, emailVerified: true },
  });
  expect(created.status(), "POST /v1/users in the platform tenant").toBe(201);
  return email;
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console on ${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  return { context, page, problems };
}

test("an operator creates a tenant, manages its admins, suspends, reactivates and opens it", async ({ page, browser }) => {
  // Many steps, each a server round trip (and a DNS lookup, or a second sign-in): more than the default minute.
  test.slow();
  const adminEmail = await platformUser(page.request, "tenant-admin");
  await signInToAdmin(page, { tenant: "demo" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tenants" }).click();
  await expect(page).toHaveURL(`${adminUrl}/tenants`);
  await expect(page.getByRole("table", { name: "Tenants, newest first" }).getByRole("row").filter({ hasText: "demo" }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // A bad slug is refused with the contract's words; then the tenant is made with a key shown once.
  const slug = `acme-${Date.now().toString(36)}`;
  await page.getByRole("textbox", { name: "Tenant name" }).fill("Acme Test");
  await page.getByRole("textbox", { name: /^Tenant slug/ }).fill("Not A Slug");
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The tenant was not created" })).toBeVisible();
  await expect(page.getByText("A slug is 1–48 lowercase letters")).toBeVisible();
  await page.getByRole("textbox", { name: /^Tenant slug/ }).fill(slug);
  await page.getByRole("checkbox", { name: /Also create a management key/ }).check();
  await page.getByRole("textbox", { name: "Key name" }).fill("setup");
  await page.getByRole("checkbox", { name: "users:read" }).check();
  await page.getByRole("button", { name: "Create tenant" }).click();
  const created = page.getByRole("status").filter({ hasText: 'Tenant "Acme Test" created' });
  await expect(created).toBeVisible();
  const secret = (await created.locator("code").last().textContent())?.trim() ?? "";
  expect(secret).toMatch(/^plinto_sk_/);
  const asKey = { authorization: `Bearer ${secret}` };
  expect((await page.request.get(`${apiUrl}/v1/users`, { headers: asKey })).status(), "the new tenant's key works").toBe(200);

  const tenants = page.getByRole("table", { name: "Tenants, newest first" });
  const row = tenants.getByRole("row").filter({ hasText: slug });
  await expect(row).toContainText("Acme Test");
  await expect(row).toContainText("Active");

  // Its admins: the operator who made it is its owner; add someone, change their role, remove them.
  await row.getByRole("link", { name: "Acme Test", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Test" })).toBeVisible();
  const demoEmail = devCredentials().demoUser.email;
  await expect(page.getByRole("combobox", { name: `Role of ${demoEmail}` })).toHaveValue("owner");
  await expectNoAxeViolations(page);

  await page.getByRole("textbox", { name: /^Admin's email address/ }).fill("nobody-here@example.com");
  await page.getByRole("button", { name: "Add admin" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "No admin was added" })).toContainText("nobody-here@example.com");
  await page.getByRole("textbox", { name: /^Admin's email address/ }).fill(adminEmail);
  await page.getByRole("combobox", { name: "Admin role" }).selectOption("developer");
  await page.getByRole("button", { name: "Add admin" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Admin added" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: `Role of ${adminEmail}` })).toHaveValue("developer");

  // The new admin sees the tenant in their switcher, and no Tenants page: they are no operator.
  const other = await freshPage(browser);
  try {
    await signInToAdmin(other.page, { email: adminEmail, password: PASSPHRASE });
    await expect(other.page.getByRole("banner").getByLabel("Tenant", { exact: true })).toHaveValue(slug);
    await expect(other.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tenants" })).toHaveCount(0);
    await other.page.goto(`${adminUrl}/tenants`);
    await expect(other.page.getByRole("heading", { name: "For platform operators" })).toBeVisible();
    await expect(other.page.getByRole("table")).toHaveCount(0);
    expect(other.problems).toEqual([]);
  } finally {
    await other.context.close();
  }

  await page.getByRole("combobox", { name: `Role of ${adminEmail}` }).selectOption("viewer");
  await page.getByRole("button", { name: `Change the role of ${adminEmail}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "The admin's role was changed" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: `Role of ${adminEmail}` })).toHaveValue("viewer");

  // The last owner stays.
  await page.getByRole("combobox", { name: `Role of ${demoEmail}` }).selectOption("admin");
  await page.getByRole("button", { name: `Change the role of ${demoEmail}` }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That did not change" })).toContainText("last owner");

  await page.getByRole("link", { name: `Remove ${adminEmail}` }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Remove the admin" }).click();
  await expect(page.getByRole("status").filter({ hasText: "no longer administer" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: adminEmail })).toHaveCount(0);

  // Suspended, its key stops working; reactivated, it works again.
  await page.getByRole("link", { name: "Suspend", exact: true }).click();
  await page.getByRole("button", { name: "Suspend the tenant" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The tenant is suspended" })).toBeVisible();
  await expect(page.getByText("Suspended", { exact: true })).toBeVisible();
  expect((await page.request.get(`${apiUrl}/v1/users`, { headers: asKey })).status(), "a suspended tenant's key is refused").toBe(403);
  await expect(page.getByRole("button", { name: "Open Acme Test" })).toHaveCount(0);

  await page.goto(`${adminUrl}/tenants`);
  await expect(row).toContainText("Suspended");
  await row.getByRole("link", { name: "Reactivate Acme Test" }).click();
  await page.getByRole("button", { name: "Reactivate the tenant" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The tenant is active again" })).toBeVisible();
  await expect(row).toContainText("Active");
  expect((await page.request.get(`${apiUrl}/v1/users`, { headers: asKey })).status(), "the reactivated tenant's key works").toBe(200);

  // Opening it switches the dashboard to it.
  await row.getByRole("button", { name: "Open Acme Test" }).click();
  await expect(page).toHaveURL(`${adminUrl}/`);
  await expect(page.getByRole("banner").getByLabel("Tenant", { exact: true })).toHaveValue(slug);
});
