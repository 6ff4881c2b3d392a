import { expect } from "@playwright/test";
import { adminUrl, apiUrl, devCredentials, signInToAdmin } from "../support/admin";
import { test } from "../support/fixtures";
import { freshEmail, PASSPHRASE, waitForMail } from "../support/mail";

// Support impersonation: the demo tenant's owner asks, with a reason, for a link that signs them in
// as a user; the link opens a confirmation on the tenant's hosted page, then a session with a banner
// naming who is signed in, by whom and until when. The user is mailed; the log has both steps.

test("an owner signs in as a user for support and sees the banner; the user is told", async ({ page }) => {
  const key = devCredentials().apiKeys.demo.secret;
  const email = freshEmail("impersonated");
  const created = await page.request.post(`${apiUrl}/v1/users`, {
    headers: { authorization: `Bearer ${key}` },
    data: { email, name: "Ida Impersonated", password: PASSPHRASE, emailVerified: true },
  });
  expect(created.status()).toBe(201);
  const { user } = (await created.json()) as { user: { id: string } };

  await signInToAdmin(page, { tenant: "demo" });
  await page.goto(`${adminUrl}/users/${user.id}`);
  const panel = page.getByRole("complementary").filter({ hasText: "Sign in as this user" });
  // A reason is required.
  await panel.getByRole("button", { name: "Make an impersonation link" }).click();
  await expect(panel.getByRole("alert").filter({ hasText: "No link was made" })).toBeVisible();
  await panel.getByRole("textbox", { name: "Reason" }).fill("Ticket 99: cannot find the export button");
  await panel.getByRole("button", { name: "Make an impersonation link" }).click();
  const link = panel.getByRole("link", { name: `Sign in as ${email}` });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(new RegExp(`^${apiUrl}/t/demo/impersonate\\?ticket=[\\w-]{43}$`));

  // Opening the link spends nothing until the button is pressed.
  await page.goto(href);
  await expect(page.getByRole("heading", { name: "Sign in as a user" })).toBeVisible();
  await page.getByRole("button", { name: "Start the impersonation" }).click();
  await expect(page).toHaveURL(`${apiUrl}/t/demo/signed-in`);
  const banner = page.getByTestId("impersonation-banner");
  await expect(banner).toContainText(`You are signed in as ${email}`);
  await expect(banner).toContainText(`by ${devCredentials().demoUser.email}`);
  await expect(banner).toContainText("Ticket 99: cannot find the export button");

  // Used once: the same link does not start another.
  await page.context().clearCookies();
  await page.goto(href);
  await page.getByRole("button", { name: "Start the impersonation" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("used or has expired");

  expect((await waitForMail(page.request, email, "impersonation-started")).text).toContain("Ticket 99");
  const log = await page.request.get(`${apiUrl}/v1/audit-events`, {
    headers: { authorization: `Bearer ${key}` },
    params: { action: "user.impersonation_started", targetId: user.id },
  });
  expect(log.status()).toBe(200);
  const { events } = (await log.json()) as { events: Array<{ actorType: string }> };
  expect(events.map((e) => e.actorType)).toEqual(["admin"]);
});
