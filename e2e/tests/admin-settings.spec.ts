import { expect } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
import { adminUrl, signInToAdmin } from "../support/admin";
import { e2eEnv } from "../support/env";
import { expectNoAxeViolations } from "../support/axe";
import { test } from "../support/fixtures";

// Tenant settings in the admin dashboard: branding with a live preview of the hosted sign-in card,
// and the password policy; saved through the management API and visible on the hosted page.
// (On the platform tenant, cleared again at the end so other tests see the defaults.)

test("an owner brands a tenant with a live preview and the hosted sign-in page follows", async ({ page }) => {
  await signInToAdmin(page, { tenant: "plinto" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(`${adminUrl}/settings`);
  const preview = page.getByTestId("sign-in-preview");
  await expect(preview).toContainText("Sign in to Plinto");

  // Invalid input is refused on the field; nothing is saved.
  await page.getByLabel("Primary colour").fill("blue");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByLabel("Primary colour")).toHaveAttribute("aria-invalid", "true");
  // What was typed stays in the form.
  await expect(page.getByLabel("Primary colour")).toHaveValue("blue");

  await page.getByLabel("Display name").fill("Plinto Cloud");
  await expect(preview).toContainText("Sign in to Plinto Cloud");
  await page.getByLabel("Primary colour").fill("#0f766e");
  await expect(preview.getByText("Sign in", { exact: true })).toHaveCSS("background-color", "rgb(15, 118, 110)");
  await page.getByLabel("Shortest password").fill("12");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The platform tenant's hosted sign-in page now carries the name.
  await page.goto(`${siteUrl("api", e2eEnv)}/t/plinto/sign-in`);
  await expect(page).toHaveTitle(/Plinto Cloud/);

  // Cleared again, so other tests see the defaults.
  await page.goto(`${adminUrl}/settings`);
  await page.getByLabel("Display name").fill("");
  await page.getByLabel("Primary colour").fill("");
  await page.getByLabel("Shortest password").fill("");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Display name")).toHaveValue("");
  await expect(page.getByTestId("sign-in-preview")).not.toContainText("Plinto Cloud");
});
