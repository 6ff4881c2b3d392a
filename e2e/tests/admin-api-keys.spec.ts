import { expect } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
import { adminUrl, signInToAdmin } from "../support/admin";
import { e2eEnv } from "../support/env";
import { expectNoAxeViolations } from "../support/axe";
import { test } from "../support/fixtures";

// API keys in the admin dashboard: the demo tenant's owner creates a key (its secret shown once),
// the key works against the management API with exactly its scope, and once revoked it does not.

const api = siteUrl("api", e2eEnv);

test("an owner creates an API key, sees its secret once, and revokes it", async ({ page }) => {
  await signInToAdmin(page, { tenant: "demo" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(`${adminUrl}/api-keys`);

  // A key without a scope is refused on the form.
  await page.getByRole("textbox", { name: "Name" }).fill("Reports job");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The key was not created" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue("Reports job");

  await page.getByRole("checkbox", { name: "users:read" }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const created = page.getByRole("status").filter({ hasText: 'Key "Reports job" created' });
  await expect(created).toBeVisible();
  const secret = (await created.locator("code").innerText()).trim();
  expect(secret).toMatch(/^plinto_sk_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole("row").filter({ hasText: "Reports job" });
  await expect(row).toContainText(secret.slice(0, 16));
  await expect(row).not.toContainText(secret);
  await expectNoAxeViolations(page);

  const asKey = { authorization: `Bearer ${secret}` };
  expect((await page.request.get(`${api}/v1/users`, { headers: asKey })).status()).toBe(200);
  expect((await page.request.get(`${api}/v1/organizations`, { headers: asKey })).status()).toBe(403);

  // Shown once: a reload does not show it again.
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);

  await row.getByRole("link", { name: "Revoke Reports job" }).click();
  await page.getByRole("button", { name: "Revoke the key" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Key revoked" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Reports job" })).toContainText("Revoked");
  expect((await page.request.get(`${api}/v1/users`, { headers: asKey })).status()).toBe(401);
});
