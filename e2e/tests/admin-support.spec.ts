import { expect, type Page } from "@playwright/test";
import { adminUrl, apiUrl, devCredentials, signInToAdmin } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { test } from "../support/fixtures";
import { freshEmail, PASSPHRASE } from "../support/mail";

// Support tools in the admin dashboard: the seeded owner looks a user up on the Support page (by
// email, by id, by part of the address, and someone who is not there), the user's sign-in is paused
// by wrong passwords through the auth API, the user page shows the failures and the pause, the
// owner unlocks it through the confirmation step, and the user signs in again at once. The page
// also lists the user's organizations and recent activity, linking to the audit log. A viewer
// sees the pause but no way to unlock it. axe checks the Support page and the user page.

const signInApi = (page: Page, email: string, password: string) =>
  page.request.post(`${apiUrl}/v1/tenants/demo/auth/sign-in`, { data: { email, password } });

test("support looks a user up, sees their sign-in paused by failures, unlocks it, and the user signs in again", async ({ page }) => {
  // One journey through two pages, five axe runs and a dozen sign-ins: more than the default minute on a busy machine.
  test.setTimeout(150_000);
  const key = devCredentials().apiKeys.demo.secret;
  const headers = { authorization: `Bearer ${key}` };
  const email = freshEmail("support-paused");
  const created = await page.request.post(`${apiUrl}/v1/users`, { headers, data: { email, name: "Paula Paused", password: PASSPHRASE, emailVerified: true } });
  expect(created.status()).toBe(201);
  const { user } = (await created.json()) as { user: { id: string } };
  // A member of an organization, so the page has one to show.
  const slug = `support-${Date.now().toString(36)}`;
  const org = await page.request.post(`${apiUrl}/v1/organizations`, { headers, data: { name: "Support Testers", slug } });
  expect(org.status()).toBe(201);
  const { organization } = (await org.json()) as { organization: { id: string } };
  expect((await page.request.post(`${apiUrl}/v1/organizations/${organization.id}/members`, { headers, data: { userId: user.id, role: "admin" } })).status()).toBe(201);

  await signInToAdmin(page, { tenant: "demo" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Support", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Support" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Look someone up" })).toBeVisible();
  await expectNoAxeViolations(page);

  const lookUp = async (text: string) => {
    await page.getByRole("searchbox", { name: "Email address or user ID" }).fill(text);
    await page.getByRole("button", { name: "Look up", exact: true }).click();
  };
  // Nobody: said plainly.
  await lookUp(`nobody-${Date.now().toString(36)}@example.com`);
  await expect(page.getByRole("heading", { name: /^No user matches/ })).toBeVisible();
  // Part of the address: a list of near matches, not a guess.
  await lookUp(email.split("@")[0]!.slice(0, -3));
  await expect(page.getByRole("heading", { name: /^No exact match/ })).toBeVisible();
  await expect(page.getByRole("table").getByRole("link", { name: email })).toBeVisible();
  await expectNoAxeViolations(page);
  // By id: straight to the user.
  await lookUp(user.id);
  await expect(page).toHaveURL(`${adminUrl}/users/${user.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Paula Paused" })).toBeVisible();
  await expect(page.getByTestId("lock-state")).toContainText("Not locked");
  await expect(page.getByRole("heading", { name: "No failed sign-ins" })).toBeVisible();

  // Ten wrong passwords pause the account; the right one is refused while it is paused.
  for (let i = 0; i < 10; i++) expect((await signInApi(page, email, `${PASSPHRASE} wrong`)).status()).toBe(401);
  expect((await signInApi(page, email, PASSPHRASE)).status()).toBe(429);

  // By email, any case: straight to the user, who is now shown locked, with the failures.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Support", exact: true }).click();
  await lookUp(email.toUpperCase());
  await expect(page).toHaveURL(`${adminUrl}/users/${user.id}`);
  const security = page.getByRole("region", { name: "Sign-in security", exact: true });
  await expect(security.getByTestId("lock-state")).toContainText("Sign-in is paused until");
  const failures = security.getByRole("table", { name: "Recent failed sign-ins and pauses, newest first" });
  await expect(failures.getByRole("row").filter({ hasText: "Wrong password" })).toHaveCount(10);
  await expect(failures.getByRole("row").filter({ hasText: "Sign-in paused until" })).toHaveCount(1);
  await expect(security.getByRole("table", { name: "Attempts left before sign-in pauses" }).getByRole("row").filter({ hasText: "Password attempts, 15 minutes" })).toContainText("0 of 10");
  // Organizations and recent activity, linking to the audit log.
  const organizations = page.getByRole("region", { name: "Organizations", exact: true });
  await expect(organizations.getByRole("link", { name: "Support Testers" })).toBeVisible();
  await expect(organizations).toContainText("admin");
  const activity = page.getByRole("region", { name: "Recent activity", exact: true });
  await expect(activity.getByRole("link", { name: "user.sign_in_paused" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Unlock, through the confirmation step.
  await security.getByRole("link", { name: "Unlock sign-in" }).click();
  await expect(page).toHaveURL(/\?confirm=unlock/);
  await expect(page.getByRole("heading", { name: "Unlock this user's sign-in?" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Yes, unlock sign-in", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sign-in is unlocked" })).toBeVisible();
  await expect(page.getByTestId("lock-state")).toContainText("Not locked");
  await expect(security.getByRole("link", { name: "Unlock sign-in" })).toHaveCount(0);
  // The unlock is in the recent activity, and its event page names the admin who did it.
  await activity.getByRole("link", { name: "user.unlocked" }).click();
  await expect(page).toHaveURL(/\/audit\/evt_/);
  await expect(page.locator("main")).toContainText("user.unlocked");
  await expect(page.locator("main")).toContainText(/Admin usr_\w{26}/);

  // The user signs in at once.
  const again = await signInApi(page, email, PASSPHRASE);
  expect(again.status()).toBe(200);
  expect(((await again.json()) as { status: string }).status).toBe("signed_in");
});

test("a viewer sees a paused sign-in but cannot unlock it", async ({ page }) => {
  const operator = devCredentials().apiKeys.plinto.secret;
  const viewerEmail = freshEmail("support-viewer");
  const created = await page.request.post(`${apiUrl}/v1/users`, {
    headers: { authorization: `Bearer ${operator}` },
    data: { email: viewerEmail, name: "Vic Viewer", password: PASSPHRASE, emailVerified: true },
  });
  expect(created.status()).toBe(201);
  const viewerId = ((await created.json()) as { user: { id: string } }).user.id;
  expect((await page.request.put(`${apiUrl}/v1/tenants/demo/admins/${viewerId}`, { headers: { authorization: `Bearer ${operator}` }, data: { role: "viewer" } })).status()).toBeLessThan(300);

  const email = freshEmail("support-viewed");
  const user = await page.request.post(`${apiUrl}/v1/users`, {
    headers: { authorization: `Bearer ${devCredentials().apiKeys.demo.secret}` },
    data: { email, password: PASSPHRASE, emailVerified: true },
  });
  const { user: watched } = (await user.json()) as { user: { id: string } };
  for (let i = 0; i < 10; i++) await signInApi(page, email, `${PASSPHRASE} wrong`);

  await signInToAdmin(page, { email: viewerEmail, password: PASSPHRASE, tenant: "demo" });
  await page.goto(`${adminUrl}/support?q=${encodeURIComponent(email)}`);
  await expect(page).toHaveURL(`${adminUrl}/users/${watched.id}`);
  const security = page.getByRole("region", { name: "Sign-in security", exact: true });
  await expect(security.getByTestId("lock-state")).toContainText("Sign-in is paused until");
  await expect(security.getByTestId("lock-state")).toContainText("an admin or support agent can unlock it sooner");
  await expect(page.getByRole("link", { name: "Unlock sign-in" })).toHaveCount(0);
  // The confirmation step, asked for by hand, is refused to the role.
  await page.goto(`${adminUrl}/users/${watched.id}?confirm=unlock`);
  await expect(page.getByRole("alert").filter({ hasText: "Your role cannot change users" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Yes, unlock sign-in" })).toHaveCount(0);
});
