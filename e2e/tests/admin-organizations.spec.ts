import { expect } from "@playwright/test";
import { adminUrl, apiUrl, devCredentials, signInToAdmin } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { test } from "../support/fixtures";
import { freshEmail, newestMail, waitForMail } from "../support/mail";

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
  await expect(page.getByRole("combobox", { name: `Role of ${demoEmail}` })).toHaveValue("owner");

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

// The rest of an organization's page: a member's role changes (never the last owner's), a pending
// invitation is mailed again, an email domain shows the TXT record that proves it and why a
// verification failed, and the organization's second-factor policy is set.

test("an owner changes a member's role, resends an invitation, adds a domain and sets the MFA policy", async ({ page }) => {
  // Many steps, each a server round trip (and a DNS lookup, or a second sign-in): more than the default minute.
  test.slow();
  // A second user of the demo tenant to be a member, made with the demo tenant's key.
  const colleague = freshEmail("colleague");
  const created = await page.request.post(`${apiUrl}/v1/users`, {
    headers: { authorization: `Bearer ${devCredentials().apiKeys.demo.secret}` },
    data: { email: colleague, name: "Colleague" },
  });
  expect(created.status(), "POST /v1/users").toBe(201);

  await signInToAdmin(page, { tenant: "demo" });
  await page.goto(`${adminUrl}/organizations`);
  const slug = `initech-${Date.now().toString(36)}`;
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Initech");
  await page.getByRole("textbox", { name: /^Slug/ }).fill(slug);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Initech" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No email domains" })).toBeVisible();

  const demoEmail = devCredentials().demoUser.email;
  for (const [email, role] of [[demoEmail, "owner"], [colleague, "member"]] as const) {
    await page.getByRole("textbox", { name: "User's email address" }).fill(email);
    await page.getByRole("combobox", { name: "Role", exact: true }).selectOption(role);
    await page.getByRole("button", { name: "Add member" }).click();
    await expect(page.getByRole("combobox", { name: `Role of ${email}` })).toHaveValue(role);
  }

  // Member roles: the colleague becomes an admin; the only owner cannot be demoted, and the page says why.
  await page.getByRole("combobox", { name: `Role of ${colleague}` }).selectOption("admin");
  await page.getByRole("button", { name: `Change the role of ${colleague}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "The member's role was changed" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: `Role of ${colleague}` })).toHaveValue("admin");
  await page.getByRole("combobox", { name: `Role of ${demoEmail}` }).selectOption("member");
  await page.getByRole("button", { name: `Change the role of ${demoEmail}` }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That did not change" })).toContainText("last owner");
  await expect(page.getByRole("combobox", { name: `Role of ${demoEmail}` })).toHaveValue("owner");

  // Resending mails the invitation again with a new link.
  const invitee = freshEmail("resent");
  await page.getByRole("textbox", { name: "Invite by email" }).fill(invitee);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("row").filter({ hasText: invitee })).toContainText("pending");
  const first = await waitForMail(page.request, invitee, "organization-invitation");
  await page.getByRole("button", { name: `Resend the invitation to ${invitee}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "mailed again" })).toBeVisible();
  await expect
    .poll(async () => (await newestMail(page.request, invitee, "organization-invitation"))?.text, { message: "a second invitation mail with a new link" })
    .not.toBe(first.text);
  expect((await newestMail(page.request, invitee, "organization-invitation"))?.text).toContain("Initech");

  // A domain: refused when it is not one, then added with the TXT record to publish.
  await page.getByRole("textbox", { name: /^Email domain/ }).fill("not a domain");
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The domain was not added" })).toBeVisible();
  const domain = `${slug}.example`;
  await page.getByRole("textbox", { name: /^Email domain/ }).fill(domain);
  await page.getByRole("button", { name: "Add domain" }).click();
  const row = page.getByRole("row").filter({ hasText: domain });
  await expect(row).toContainText("Not verified");
  await expect(row.getByRole("cell", { name: "Off", exact: true })).toBeVisible();
  const instructions = page.getByRole("group", { name: `Verify ${domain}` });
  await expect(instructions).toContainText(`_plinto-challenge.${domain}`);
  await expect(instructions).toContainText(/plinto-verification=\S{16,}/);
  await expectNoAxeViolations(page);

  // Nobody published the record, so verification fails and says where it looked.
  await instructions.getByRole("button", { name: `Verify ${domain}` }).click();
  const failure = page.getByRole("alert").filter({ hasText: `${domain} is not verified yet` });
  await expect(failure).toContainText(`_plinto-challenge.${domain}`, { timeout: 30_000 });
  await expect(row).toContainText("Not verified");
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: `Turn auto-join on for ${domain}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Auto-join was changed" })).toBeVisible();
  await expect(row.getByRole("cell", { name: "On", exact: true })).toBeVisible();

  // The organization's second-factor policy: an impossible grace period is refused, then it is required.
  await page.getByRole("combobox", { name: "Second factor for members" }).selectOption("required");
  await page.getByRole("textbox", { name: /^Grace period/ }).fill("120");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The policy did not change" })).toBeVisible();
  await page.getByRole("textbox", { name: /^Grace period/ }).fill("7");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Policy saved" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Second factor", exact: true })).toContainText("Required of every member, with 7 days");
  await page.goto(`${adminUrl}/organizations?q=${slug}`);
  await expect(page.getByRole("row").filter({ hasText: slug })).toContainText("Required");

  // Removing the domain is confirmed first.
  await page.getByRole("link", { name: "Initech" }).click();
  await page.getByRole("link", { name: `Remove ${domain}` }).click();
  await page.getByRole("button", { name: "Remove the domain" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The domain was removed" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: domain })).toHaveCount(0);

  // The seeded demo user is an owner here: the required second factor would follow them into
  // every later spec's sign-in to the demo tenant, so the organization goes once it has served.
  const organizationId = new URL(page.url()).pathname.split("/").at(-1)!;
  const removed = await page.request.delete(`${apiUrl}/v1/organizations/${organizationId}`, {
    headers: { authorization: `Bearer ${devCredentials().apiKeys.demo.secret}` },
  });
  expect(removed.status(), `DELETE /v1/organizations/${organizationId}`).toBe(204);
});
