import { expect } from "@playwright/test";
import { adminUrl, signInToAdmin } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { test } from "../support/fixtures";

// Billing in the admin dashboard, with the development payment provider (no network, no money):
// the demo tenant starts on Free; its owner moves it to Pro after a confirmation step, an invoice
// appears, and the plan shows as current.

test("an owner changes the demo tenant's plan and sees the invoice", async ({ page }) => {
  await signInToAdmin(page, { tenant: "demo" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Billing" }).click();
  await expect(page).toHaveURL(`${adminUrl}/billing`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Billing");
  await expect(page.getByTestId("current-plan")).toHaveText("Free");
  await expect(page.getByTestId("usage")).toContainText("of 1,000");
  await expect(page.getByText("No invoices yet")).toBeVisible();
  await expectNoAxeViolations(page);

  // Choosing a plan asks first; keeping the current one changes nothing.
  await page.getByRole("link", { name: "Choose Pro" }).click();
  await expect(page.getByText("Switch to Pro?")).toBeVisible();
  await page.getByRole("link", { name: "Keep Free" }).click();
  await expect(page.getByTestId("current-plan")).toHaveText("Free");

  await page.getByRole("link", { name: "Choose Pro" }).click();
  await page.getByRole("button", { name: "Confirm the switch to Pro" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Plan changed" })).toContainText("The tenant is now on Pro.");
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByTestId("usage")).toContainText("of 10,000");
  const invoices = page.getByRole("region", { name: "Invoices, newest first" }).getByRole("row");
  await expect(invoices).toHaveCount(2);
  await expect(invoices.nth(1)).toContainText("$99");
  await expect(invoices.nth(1)).toContainText("Paid");
});
