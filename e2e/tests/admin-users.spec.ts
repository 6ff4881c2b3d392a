import { expect, type Browser, type Page } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
import { devCredentials, signInToAdmin, useTenant } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { e2eEnv } from "../support/env";
import { test } from "../support/fixtures";
import { freshEmail, PASSPHRASE, waitForMail } from "../support/mail";

// The admin dashboard's Users pages, in Chromium against the built sites: the seeded demo user (owner
// of the demo tenant) creates a user through the form, finds them with the search, opens them,
// blocks and unblocks them and sends them a password reset, each through its confirmation step.
// A viewer of the demo tenant sees the same pages without a single write button, and the server
// action refuses them even when the form is forged. axe checks the list and the user page.

const api = siteUrl("api", e2eEnv);
const admin = siteUrl("admin", e2eEnv);

const credentials = devCredentials;
const signIn = (page: Page, email: string, password: string) => signInToAdmin(page, { email, password });
const useDemoTenant = (page: Page) => useTenant(page, "demo");

/** Goes through an action's confirmation step on the user page and expects its outcome. */
async function confirmAction(page: Page, link: string, confirm: string, outcome: string) {
  await page.getByRole("complementary", { name: "Actions" }).getByRole("link", { name: link, exact: true }).click();
  await expect(page).toHaveURL(/\?confirm=/);
  await page.getByRole("button", { name: confirm, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: outcome })).toBeVisible();
}

async function newContextPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console on ${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  return { context, page, problems };
}

test("an owner creates a user, finds them, blocks and unblocks them and sends a password reset", async ({ page }) => {
  const { email: ownerEmail, password } = credentials().demoUser;
  await signIn(page, ownerEmail, password);
  await useDemoTenant(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The form checks with the contract's schema: a bad address comes back on its field, announced.
  await page.getByRole("link", { name: "New user", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New user" })).toBeVisible();
  const emailField = page.getByRole("textbox", { name: "Email address", exact: true });
  await emailField.fill("not-an-address");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(emailField).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await emailField.getAttribute("aria-describedby")) ?? "";
  await expect(page.locator(`[id="${describedBy.split(" ").find((id) => id.endsWith("-error"))}"]`)).toHaveText(
    "Enter an email address like name@example.com",
  );
  await expectNoAxeViolations(page);

  const email = freshEmail("admin-users");
  await page.getByRole("textbox", { name: "Email address", exact: true }).fill(email);
  await page.getByLabel("Name", { exact: true }).fill("Grace Hopper");
  await page.getByLabel("Password", { exact: true }).fill(PASSPHRASE);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page).toHaveURL(/\/users\/usr_\w+\?done=created$/);
  await expect(page.getByRole("heading", { level: 1, name: "Grace Hopper" })).toBeVisible();
  const userUrl = page.url().replace(/\?.*$/, "");

  // Found by part of the address, any case, with the filters kept in the URL.
  await page.goto(`${admin}/users`);
  await page.getByRole("searchbox", { name: "Search" }).fill(email.split("@")[0]!.toUpperCase());
  await page.getByLabel("Status", { exact: true }).selectOption("active");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]status=active/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Grace Hopper");
  await page.getByLabel("Status", { exact: true }).selectOption("blocked");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("heading", { name: "No users match" })).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption("active");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("link", { name: email }).click();
  await expect(page).toHaveURL(userUrl);
  await expect(page.getByTestId("user-status")).toHaveText("Active");
  await expectNoAxeViolations(page);

  await confirmAction(page, "Block", "Yes, block", "The user is blocked and signed out everywhere.");
  await expect(page.getByTestId("user-status")).toHaveText("Blocked");
  await confirmAction(page, "Unblock", "Yes, unblock", "The user is active again.");
  await expect(page.getByTestId("user-status")).toHaveText("Active");

  // The admin-triggered reset mails the same link the user could ask for; the admin never sees it.
  await page.getByRole("complementary", { name: "Actions" }).getByRole("link", { name: "Send password reset" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Yes, send password reset" }).click();
  await expect(page.getByRole("status").filter({ hasText: "A password reset link is on its way to the user." })).toBeVisible();
  const mail = await waitForMail(page.request, email, "reset-password", "demo");
  expect(mail.text).toContain(`${api}/t/demo/reset-password?token=`);
  await expect(page.locator("body")).not.toContainText("reset-password?token=");
});

test("a viewer of the tenant sees users but no write action, and a forged action is refused", async ({ page, browser }) => {
  const operator = credentials().apiKeys.plinto.secret;
  const headers = { authorization: `Bearer ${operator}` };

  // A platform user who is a viewer of the demo tenant, made the way an operator would.
  const viewerEmail = freshEmail("viewer");
  const created = await page.request.post(`${api}/v1/users`, { headers, data: { email: viewerEmail, name: "Vera Viewer", password: PASSPHRASE, emailVerified: true } });
  expect(created.status()).toBe(201);
  const viewerId = ((await created.json()) as { user: { id: string } }).user.id;
  const role = await page.request.put(`${api}/v1/tenants/demo/admins/${viewerId}`, { headers, data: { role: "viewer" } });
  expect(role.status()).toBeLessThan(300);

  // The owner makes a user to look at, and opens the block confirmation to learn its form's action field.
  const { email: ownerEmail, password } = credentials().demoUser;
  await signIn(page, ownerEmail, password);
  await useDemoTenant(page);
  await page.goto(`${admin}/users/new`);
  const email = freshEmail("watched");
  await page.getByRole("textbox", { name: "Email address", exact: true }).fill(email);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page).toHaveURL(/\/users\/usr_\w+\?done=created$/);
  const userUrl = page.url().replace(/\?.*$/, "");
  const userId = userUrl.split("/").pop()!;
  await page.goto(`${userUrl}?confirm=block`);
  const actionField = await page
    .locator('form input[type="hidden"][name^="$ACTION_ID_"]')
    .first()
    .getAttribute("name");
  expect(actionField, "the confirmation form posts to a server action").toBeTruthy();

  const viewer = await newContextPage(browser);
  try {
    await signIn(viewer.page, viewerEmail, PASSPHRASE);
    await expect(viewer.page.getByRole("banner").getByLabel("Tenant", { exact: true })).toHaveValue("demo");

    await viewer.page.goto(`${admin}/users`);
    await expect(viewer.page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await expect(viewer.page.getByRole("table").getByRole("link", { name: email })).toBeVisible();
    await expect(viewer.page.getByRole("link", { name: "New user" })).toHaveCount(0);
    await expectNoAxeViolations(viewer.page);

    await viewer.page.goto(`${admin}/users/new`);
    await expect(viewer.page.getByRole("alert").filter({ hasText: "Your role cannot create users" })).toBeVisible();
    await expect(viewer.page.getByRole("button", { name: "Create user" })).toHaveCount(0);

    await viewer.page.goto(userUrl);
    await expect(viewer.page.getByTestId("user-status")).toHaveText("Active");
    for (const name of ["Block", "Unblock", "Delete user", "Send password reset", "Reset second factors", "Sign out everywhere"]) {
      await expect(viewer.page.getByRole("link", { name, exact: true })).toHaveCount(0);
    }
    await expectNoAxeViolations(viewer.page);

    // The confirmation step by URL shows no form to a viewer either.
    await viewer.page.goto(`${userUrl}?confirm=block`);
    await expect(viewer.page.getByRole("button", { name: "Yes, block" })).toHaveCount(0);
    await expect(viewer.page.getByRole("alert").filter({ hasText: "Your role cannot change users" })).toBeVisible();

    // A forged post of the owner's block form, with the viewer's own session cookies: the server
    // action checks the role (and the API would refuse the viewer's token anyway) — nothing changes.
    const forged = await viewer.page.request.post(userUrl, {
      headers: { origin: admin },
      multipart: { [actionField!]: "", action: "block", user: userId },
    });
    // read_only: the action's own check refused before any API call (the API's refusal says forbidden).
    expect(forged.url()).toContain("failed=block&reason=read_only#outcome");
    await viewer.page.goto(forged.url());
    await expect(viewer.page.getByRole("alert").filter({ hasText: "Your role in this tenant lets you see users but not change them." })).toBeVisible();
    await expect(viewer.page.getByTestId("user-status")).toHaveText("Active");
    expect(viewer.problems).toEqual([]);
  } finally {
    await viewer.context.close();
  }

  // And the owner still sees the user active.
  await page.goto(userUrl);
  await expect(page.getByTestId("user-status")).toHaveText("Active");
});

test("without JavaScript: the new-user form and the confirmation step still work", async ({ page, browser }) => {
  const { email: ownerEmail, password } = credentials().demoUser;
  await signIn(page, ownerEmail, password);
  await useDemoTenant(page);
  const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const noScript = await plain.newPage();
    await noScript.goto(`${admin}/users/new`);
    // The contract's rules come back from the server action on the field, without any script.
    await noScript.getByRole("textbox", { name: "Email address", exact: true }).fill("still-not-an-address");
    await noScript.getByRole("button", { name: "Create user" }).click();
    await expect(noScript.getByRole("textbox", { name: "Email address", exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(noScript.getByRole("textbox", { name: "Email address", exact: true })).toHaveValue("still-not-an-address");

    const email = freshEmail("no-script");
    await noScript.getByRole("textbox", { name: "Email address", exact: true }).fill(email);
    await noScript.getByRole("button", { name: "Create user" }).click();
    await expect(noScript).toHaveURL(/\/users\/usr_\w+\?done=created$/);
    await noScript.getByRole("complementary", { name: "Actions" }).getByRole("link", { name: "Block", exact: true }).click();
    await noScript.getByRole("button", { name: "Yes, block", exact: true }).click();
    await expect(noScript).toHaveURL(/\?done=block#outcome$/);
    await expect(noScript.getByTestId("user-status")).toHaveText("Blocked");
  } finally {
    await plain.close();
  }
});

test("pages of 25: Next page carries the cursor and keeps the search; First page goes back", async ({ page }) => {
  // 26 users whose addresses share a label no other test uses, made with the demo tenant's own key.
  const { email: ownerEmail, password } = credentials().demoUser;
  await signIn(page, ownerEmail, password);
  await useDemoTenant(page);
  const label = `pager-${Date.now().toString(36)}`;
  const headers = { authorization: `Bearer ${credentials().apiKeys.demo.secret}` };
  for (let i = 0; i < 26; i += 1) {
    const created = await page.request.post(`${api}/v1/users`, { headers, data: { email: `${label}-${String(i).padStart(2, "0")}@example.com` } });
    expect(created.status()).toBe(201);
  }
  await page.goto(`${admin}/users?q=${label}&sort=oldest`);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(26); // a header row and 25 users
  await expect(rows.nth(1)).toContainText(`${label}-00@example.com`);
  await expect(page.getByRole("link", { name: "First page" })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Pages of users" }).getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${label}&sort=oldest&cursor=`));
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(`${label}-25@example.com`);
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await page.getByRole("link", { name: "First page" }).click();
  await expect(page).toHaveURL(`${admin}/users?q=${label}&sort=oldest`);
  await expect(rows).toHaveCount(26);
});
