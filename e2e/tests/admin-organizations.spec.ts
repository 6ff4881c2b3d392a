import { expect } from "@playwright/test";
import { adminUrl, devCredentials, signInToAdmin } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { test } from "../support/fixtures";
import { freshEmail, waitForMail } from "../support/mail";

// Organizations in the admin dashboard: the demo tenant's owner creates one, adds an existing user
// as a member by email, invites someone (the invitation is mailed), revokes the invitation and
// removes the member, each removal after a confirmation.

test("an owner creates an organization, adds a member, invites, revokes and removes", async ({ page }) => {
  await signInToAdmin(page, { tenant: "demo" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organizations" }).click();
  await expect(page).toHaveURL(`${adminUrl}/organizations`);
  await expect(page.getByRole("row").filter({ hasText: "acme" })).toBeVisible();

  const slug = `research-${Date.now().toString(36)}`;
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Globex Research");
  await page.getByRole("textbox", { name: /^Slug/ }).fill("Not A Slug");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The organization was not created" })).toBeVisible();
  await page.getByRole("textbox", { name: /^Slug/ }).fill(slug);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Globex Research" })).toBeVisible();
  await expectNoAxeViolations(page);

  const demoEmail = devCredentials().demoUser.email;
  await page.getByRole("textbox", { name: "User's email address" }).fill("nobody@example.com");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "No member was added" })).toContainText("nobody@example.com");
  await page.getByRole("textbox", { name: "User's email address" }).fill(demoEmail);
  await page.getByRole("combobox", { name: "Role", exact: true }).selectOption("owner");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("row").filter({ hasText: demoEmail })).toContainText("owner");

  const invitee = freshEmail("invitee");
  await page.getByRole("textbox", { name: "Invite by email" }).fill(invitee);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("row").filter({ hasText: invitee })).toContainText("pending");
  expect((await waitForMail(page.request, invitee, "organization-invitation")).text).toContain("Globex Research");

  await page.getByRole("link", { name: `Revoke the invitation to ${invitee}` }).click();
  await page.getByRole("button", { name: "Revoke the invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Done" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: invitee })).toContainText("revoked");

  // The last owner stays: removing them is refused and said so.
  await page.getByRole("link", { name: `Remove ${demoEmail}` }).click();
  await page.getByRole("button", { name: "Remove the member" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That did not change" })).toContainText("at least one owner");
});
