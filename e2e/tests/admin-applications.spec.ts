import { expect } from "@playwright/test";
import { adminUrl, signInToAdmin } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { test } from "../support/fixtures";

// Applications in the admin dashboard: the demo tenant's owner registers a web application (its
// client secret shown once), a bad redirect URI is refused on its field, and deletion asks first.

test("an owner registers an application, sees its secret once, and deletes it", async ({ page }) => {
  await signInToAdmin(page, { tenant: "demo" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Applications" }).click();
  await expect(page).toHaveURL(`${adminUrl}/applications`);
  await expect(page.getByRole("row").filter({ hasText: "demo-spa" })).toBeVisible();

  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Billing portal");
  await page.getByRole("textbox", { name: "Redirect URIs", exact: true }).fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Register application" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The application was not registered" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("Billing portal");

  await page.getByRole("textbox", { name: "Redirect URIs", exact: true }).fill("https://billing.example.com/callback");
  await page.getByRole("button", { name: "Register application" }).click();
  const created = page.getByRole("status").filter({ hasText: '"Billing portal" registered' });
  await expect(created).toBeVisible();
  await expect(created.locator("pre code")).toHaveText(/^plinto_cs_/);
  const row = page.getByRole("row").filter({ hasText: "Billing portal" });
  await expect(row).toContainText("https://billing.example.com/callback");
  await expectNoAxeViolations(page);

  await row.getByRole("link", { name: "Delete Billing portal" }).click();
  await page.getByRole("button", { name: "Delete the application" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Application deleted" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Billing portal" })).toHaveCount(0);
});
