import { expect } from "@playwright/test";
import { adminUrl, signInToAdmin } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { test } from "../support/fixtures";

// Roles and permissions in the admin dashboard: the built-in roles are listed read-only; the demo
// tenant's owner adds a permission, makes a custom role that grants it, edits the role's name and
// permissions, and deletes the role after a confirmation.

test("an owner adds a permission and a custom role, edits it, then deletes the role", async ({ page }) => {
  await signInToAdmin(page, { tenant: "demo" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roles" }).click();
  await expect(page).toHaveURL(`${adminUrl}/roles`);
  const roles = page.getByRole("table", { name: "Roles" });
  await expect(roles.getByRole("row").filter({ hasText: "owner" }).first()).toContainText("Built in");
  // Built-in roles cannot be edited or deleted: no link offers it, and a crafted address opens no form.
  await expect(roles.getByRole("link", { name: /^(Edit|Delete) the role (Owner|Admin|Member)$/ })).toHaveCount(0);
  const ownerId = await roles.getByRole("row").filter({ hasText: "owner" }).first().getAttribute("data-role");
  expect(ownerId).toMatch(/^rol_/);
  await page.goto(`${adminUrl}/roles?edit=${ownerId}`);
  await expect(page.getByRole("button", { name: "Save the role" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const key = `reports-${Date.now().toString(36)}:read`;
  await page.getByRole("textbox", { name: /^Permission key/ }).fill("Not A Key");
  await page.getByRole("button", { name: "Create permission" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That did not change" })).toContainText("lowercase");
  await page.getByRole("textbox", { name: /^Permission key/ }).fill(key);
  await page.getByRole("textbox", { name: "Description" }).fill("Read the monthly reports");
  await page.getByRole("button", { name: "Create permission" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Permission created" })).toBeVisible();

  const roleKey = `analyst-${Date.now().toString(36)}`;
  await page.getByRole("textbox", { name: /^Key/ }).fill(roleKey);
  await page.getByRole("textbox", { name: "Role name" }).fill("Analyst");
  await page.getByRole("checkbox", { name: key }).check();
  await page.getByRole("checkbox", { name: "members:read" }).check();
  await page.getByRole("button", { name: "Create role" }).click();
  const row = roles.getByRole("row").filter({ hasText: roleKey });
  await expect(row).toContainText(key);
  await expect(row).toContainText("members:read");

  // Editing: a new name and description, one permission fewer; an empty name is refused first.
  await row.getByRole("link", { name: "Edit the role Analyst" }).click();
  const form = page.getByRole("form", { name: `Edit the role ${roleKey}` });
  await expect(form.getByRole("checkbox", { name: key })).toBeChecked();
  await expectNoAxeViolations(page);
  await form.getByRole("textbox", { name: "Role name" }).fill(" ");
  await form.getByRole("button", { name: "Save the role" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The role did not change" })).toContainText("Name the role");
  await form.getByRole("textbox", { name: "Role name" }).fill("Senior analyst");
  await form.getByRole("textbox", { name: /^Description/ }).fill("Reads the reports, nothing else");
  await form.getByRole("checkbox", { name: "members:read" }).uncheck();
  await form.getByRole("button", { name: "Save the role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role saved" })).toBeVisible();
  await expect(row).toContainText("Senior analyst");
  await expect(row).toContainText("Reads the reports, nothing else");
  await expect(row).toContainText(key);
  await expect(row).not.toContainText("members:read");

  await row.getByRole("link", { name: "Delete the role Senior analyst" }).click();
  await page.getByRole("button", { name: "Delete the role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role deleted" })).toBeVisible();
  await expect(roles.getByRole("row").filter({ hasText: roleKey })).toHaveCount(0);
});
