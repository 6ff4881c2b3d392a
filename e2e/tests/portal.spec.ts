import { readFileSync } from "node:fs";
import { expect, type APIRequestContext } from "@playwright/test";
import { expectNoAxeViolations } from "../support/axe";
import { test } from "../support/fixtures";
import { codeIn, freshEmail, PASSPHRASE, waitForMail } from "../support/mail";
import { devCredentials } from "../support/admin";
import { apiUrl, portalTenant, portalUrl, signInToPortal, signUpForPortal, virtualAuthenticator } from "../support/portal";
import { stepNow, totp } from "../support/totp";

// The account portal (apps/app) in Chromium, as a new user of the platform tenant lives with it:
// sign up on the hosted page, sign in to the portal, onboarding (profile, authenticator app,
// organization), a passkey, a new password, another session signed out, a second user invited to
// the organization who accepts through the mailed link, notifications, the data export and the
// deletion; the portal's main pages pass axe. Every test fails on a console error.

const ONE_PIXEL_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const NEW_PASSPHRASE = "a different and equally long passphrase for the portal";
const auth = (path: string) => `${apiUrl}/v1/tenants/${portalTenant}/auth/${path}`;

/** Another session of the same account, as a phone's browser would start it through the API (its own cookie jar). */
async function otherSession(request: APIRequestContext, email: string) {
  const response = await request.post(auth("sign-in"), {
    data: { email, password: PASSPHRASE },
    headers: { "user-agent": "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0" },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { sessionToken: string }).sessionToken;
}

test("a new user signs up, is walked through onboarding, secures the account, runs an organization, reads notifications, takes their data and schedules deletion", async ({ page, request, browser }) => {
  test.setTimeout(240_000);
  const email = freshEmail("portal");
  await signUpForPortal(page, email);
  const phone = await otherSession(request, email);
  await signInToPortal(page, email);

  // Onboarding: offered from the first page, resumable there, one step at a time.
  await page.getByRole("link", { name: "Continue setting up" }).click();
  await expect(page).toHaveURL(`${portalUrl}/onboarding`);
  const steps = page.getByRole("list", { name: "Setup steps" }).getByRole("listitem");
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(0)).toContainText("Done");
  await expectNoAxeViolations(page);
  const step = page.getByRole("region").first();
  await expect(step.getByRole("heading", { level: 2 })).toHaveText("Complete your profile");
  await step.getByLabel("Full name").fill("Ada Portal");
  await step.getByLabel("Given name").fill("Ada");
  await step.getByLabel("Family name").fill("Portal");
  await step.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("region").first().getByRole("heading", { level: 2 })).toHaveText("Add a second step to sign-in");

  // The offered second factor: an authenticator app, from the key the page shows (RFC 6238 here).
  const twoStep = page.getByRole("region").first();
  await twoStep.getByRole("button", { name: "Set up an authenticator app" }).click();
  const key = (await twoStep.getByTestId("totp-secret").textContent())!.trim();
  expect(key).toMatch(/^[A-Z2-7]{16,}$/);
  await expect(twoStep.getByRole("img", { name: /QR code/ })).toBeVisible();
  await twoStep.getByLabel("Code from the app").fill(totp(key, stepNow()));
  await twoStep.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(twoStep.getByText("Authenticator app added")).toBeVisible();
  await expect(twoStep.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await twoStep.getByRole("link", { name: "I've saved my codes" }).click();

  // The organization step: create one (the user becomes its owner); then the setup is complete.
  await expect(page.getByRole("region").first().getByRole("heading", { level: 2 })).toHaveText("Create or join an organization");
  const orgName = `Portal Org ${Date.now().toString(36)}`;
  await page.getByRole("region").first().getByLabel("Organization name").fill(orgName);
  await page.getByRole("region").first().getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("main").getByText("Your account is set up")).toBeVisible();
  await page.goto(`${portalUrl}/`);
  await expect(page.getByRole("link", { name: "Continue setting up" })).toHaveCount(0);

  // Security: the app is listed; a passkey from the portal's own origin, in a virtual authenticator.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Security" }).click();
  await expect(page.getByRole("region", { name: "Two-step verification" }).getByTestId("totp-factor")).toContainText("Authenticator app");
  await expect(page.getByRole("region", { name: "Recovery codes" }).getByTestId("recovery-codes-left")).toHaveText("10 unused codes left.");
  const authenticator = await virtualAuthenticator(page);
  const passkeys = page.getByRole("region", { name: "Passkeys" });
  await expect(passkeys.getByText("You have no passkeys yet.")).toBeVisible();
  await passkeys.getByLabel("Passkey name").fill("Work laptop");
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await expect(passkeys.getByRole("status")).toHaveText('Passkey "Work laptop" added. You can sign in with it now.');
  await expect(passkeys.getByTestId("passkey")).toHaveCount(1);
  await expect(passkeys.getByTestId("passkey")).toContainText("Work laptop");
  expect(await authenticator.credentials()).toHaveLength(1);
  const listed = await request.get(auth("passkeys"), { headers: { authorization: `Bearer ${phone}` } });
  expect(((await listed.json()) as { passkeys: Array<{ name: string }> }).passkeys.map((p) => p.name)).toEqual(["Work laptop"]);

  // A new password: the wrong current one is refused, the right one changes it.
  const password = () => page.getByRole("region", { name: "Password" });
  await password().getByLabel("Current password").fill("not my password at all");
  await password().getByLabel("New password", { exact: true }).fill(NEW_PASSPHRASE);
  await password().getByLabel("New password again").fill(NEW_PASSPHRASE);
  await password().getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your current password is not right" })).toBeVisible();
  await password().getByLabel("Current password").fill(PASSPHRASE);
  await password().getByLabel("New password", { exact: true }).fill(NEW_PASSPHRASE);
  await password().getByLabel("New password again").fill(NEW_PASSPHRASE);
  await password().getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password is changed." })).toBeVisible();
  expect((await request.post(auth("sign-in"), { data: { email, password: PASSPHRASE } })).status()).toBe(401);

  // Sessions: this one and the phone's; sign the phone out after confirming.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
  await expect(page).toHaveURL(`${portalUrl}/sessions`);
  const rows = page.getByTestId("session-row");
  await expect(rows.filter({ hasText: "This session" })).toHaveCount(1);
  const phoneRow = rows.filter({ hasText: "Firefox on Android" });
  await expect(phoneRow).toHaveCount(1);
  await phoneRow.getByRole("link", { name: /^Sign out of Firefox on Android/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Sign out of Firefox on Android?" })).toBeVisible();
  await page.getByRole("button", { name: "Sign it out" }).click();
  await expect(page.getByRole("status").filter({ hasText: "That session is signed out" })).toBeVisible();
  await expect(page.getByTestId("session-row").filter({ hasText: "Firefox on Android" })).toHaveCount(0);
  expect((await request.get(auth("sessions"), { headers: { authorization: `Bearer ${phone}` } })).status()).toBe(401);

  // The organization: invite a second user, who accepts through the mailed link on the hosted page.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organizations" }).click();
  const orgRow = page.getByTestId("organization-row").filter({ hasText: orgName });
  await expect(orgRow).toContainText("Owner");
  await orgRow.getByRole("link", { name: orgName }).click();
  await expect(page.getByRole("heading", { level: 1, name: orgName })).toBeVisible();
  const invitee = freshEmail("portal-invitee");
  await page.getByRole("region", { name: "Invite someone" }).getByLabel("Email address").fill(invitee);
  await page.getByRole("region", { name: "Invite someone" }).getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The invitation is on its way" })).toBeVisible();
  const invitation = await waitForMail(request, invitee, "organization-invitation", portalTenant);
  const link = /https?:\/\/\S+\/invitation\?token=\S+/.exec(invitation.text)![0];
  const second = await browser.newContext();
  const secondPage = await second.newPage();
  await signUpForPortal(secondPage, invitee);
  await secondPage.getByLabel("Email address", { exact: true }).first().fill(invitee);
  await secondPage.getByLabel("Password", { exact: true }).fill(PASSPHRASE);
  await secondPage.getByRole("main").getByRole("button", { name: "Sign in", exact: true }).click();
  await secondPage.waitForURL((url) => !url.pathname.endsWith("/sign-in"));
  await secondPage.goto(link);
  await secondPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(secondPage.getByRole("main")).toContainText("You've joined the organization.");
  await second.close();
  await page.reload();
  const inviteeRow = page.getByTestId("member-row").filter({ hasText: invitee });
  await expect(inviteeRow).toHaveCount(1);
  // The owner makes the new member an admin.
  await inviteeRow.getByLabel(`Role of ${invitee}`, { exact: true }).selectOption("admin");
  await inviteeRow.getByRole("button", { name: `Change the role of ${invitee}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "The role is changed." })).toBeVisible();
  await expect(page.getByTestId("member-row").filter({ hasText: invitee }).getByLabel(`Role of ${invitee}`, { exact: true })).toHaveValue("admin");
  await expectNoAxeViolations(page);

  // Notifications: the badge counts what is unread; reading them clears it. Security mail stays on.
  const navLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Notifications/ });
  await expect(page.getByTestId("unread-badge")).toBeVisible();
  const unread = Number(await page.getByTestId("unread-badge").evaluate((el) => el.firstChild?.textContent ?? "0"));
  expect(unread).toBeGreaterThan(0);
  await navLink.click();
  await expect(page).toHaveURL(`${portalUrl}/notifications`);
  await expect(page.getByTestId("notification").first()).toBeVisible();
  await page.getByTestId("notification").filter({ hasText: "Unread" }).first().getByRole("button", { name: /^Mark ".*" as read$/ }).click();
  if (unread > 1) await expect(page.getByTestId("unread-badge")).toContainText(String(unread - 1));
  else await expect(page.getByTestId("unread-badge")).toHaveCount(0);
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByTestId("unread-badge")).toHaveCount(0);
  await expect(page.getByTestId("notification").filter({ hasText: "Unread" })).toHaveCount(0);
  const emailChoices = page.getByRole("region", { name: "Email" });
  await expect(emailChoices.getByLabel(/^Security notices/)).toBeDisabled();
  await expect(emailChoices.getByLabel(/^Security notices/)).toBeChecked();
  await emailChoices.getByLabel("Organization activity").uncheck();
  await emailChoices.getByRole("button", { name: "Save email choices" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your email choices are saved." })).toBeVisible();
  await expect(page.getByRole("region", { name: "Email" }).getByLabel("Organization activity")).not.toBeChecked();
  await expectNoAxeViolations(page);

  // The main pages have no serious accessibility problem.
  for (const path of ["/", "/profile", "/security", "/sessions", "/organizations", "/privacy"]) {
    await page.goto(`${portalUrl}${path}`);
    await expect(page.locator("h1").first()).toBeVisible();
    await expectNoAxeViolations(page);
  }

  // Privacy: download everything (JSON from the API, nothing secret in it), then schedule deletion.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download my data (JSON)" }).click();
  const file = await (await download).path();
  const data = JSON.parse(readFileSync(file, "utf8")) as { profile: { email: string; name: string }; memberships: Array<{ name: string }>; passkeys: unknown[] };
  expect(data.profile).toMatchObject({ email, name: "Ada Portal" });
  expect(data.memberships.map((m) => m.name)).toContain(orgName);
  expect(data.passkeys).toHaveLength(1);
  expect(readFileSync(file, "utf8")).not.toMatch(/\$argon2|BEGIN PRIVATE|otpauth:/);
  await page.getByRole("link", { name: "Delete my account…" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Delete your account?" })).toBeVisible();
  await page.getByRole("button", { name: "Delete my account" }).click();
  const scheduled = await waitForMail(request, email, "account-deletion-scheduled", portalTenant);
  expect(scheduled.text).toMatch(/\/cancel-deletion\?token=\S+/);
  await expect(page.getByRole("status").filter({ hasText: "Your account will be deleted at the time below" })).toBeVisible();
  await expect(page.getByTestId("deletion-scheduled")).toContainText("Your account is scheduled for deletion");
  await expect(page.getByRole("button", { name: "Cancel the deletion" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a signed-in user finds an invitation waiting in the portal and accepts it there, without the mailed link", async ({ page, request }) => {
  // The platform tenant's operator key invites an address that has no account yet.
  const key = { authorization: `Bearer ${devCredentials().apiKeys.plinto.secret}` };
  const slug = `waiting-${Date.now().toString(36)}`;
  const created = await request.post(`${apiUrl}/v1/organizations`, { headers: key, data: { name: "Waiting Room", slug } });
  expect(created.status(), "POST /v1/organizations").toBe(201);
  const { organization } = (await created.json()) as { organization: { id: string } };
  const email = freshEmail("portal-waiting");
  const invited = await request.post(`${apiUrl}/v1/organizations/${organization.id}/invitations`, { headers: key, data: { email, role: "member" } });
  expect(invited.status(), "POST …/invitations").toBe(201);

  await signUpForPortal(page, email);
  await signInToPortal(page, email, { path: "/organizations" });
  const waiting = page.getByTestId("invitation").filter({ hasText: "Waiting Room" });
  await expect(waiting).toContainText("invites you as Member");
  await expectNoAxeViolations(page);
  await waiting.getByRole("button", { name: "Accept the invitation to Waiting Room" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation accepted" })).toBeVisible();
  await expect(page.getByTestId("invitation")).toHaveCount(0);
  await expect(page.getByTestId("organization-row").filter({ hasText: "Waiting Room" })).toContainText("Member");
});

test("every other session is signed out at once, after a confirmation; this one stays", async ({ page, request }) => {
  const email = freshEmail("portal-others");
  await signUpForPortal(page, email);
  await signInToPortal(page, email, { path: "/sessions" });
  const tablet = await otherSession(request, email);
  const desktop = await otherSession(request, email);
  await page.reload();
  await expect(page.getByTestId("session-row")).toHaveCount(3);
  await page.getByRole("link", { name: "Sign out of all other sessions" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Sign out of 2 other sessions?" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out of all other sessions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Every other session is signed out" })).toBeVisible();
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await expect(page.getByTestId("session-row")).toContainText("This session");
  for (const token of [tablet, desktop]) expect((await request.get(auth("sessions"), { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test("the profile: details, a picture, and a new email address confirmed from it with the old one told", async ({ page, request }) => {
  test.setTimeout(90_000);
  const email = freshEmail("profile");
  await signUpForPortal(page, email);
  await signInToPortal(page, email, { path: "/profile" });

  const details = page.getByRole("region", { name: "Your details" });
  await details.getByLabel("Full name").fill("Ada Portal");
  await details.getByLabel("Language").fill("not a language!");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByRole("alert")).toContainText("Nothing was saved");
  await expect(details.getByLabel("Full name")).toHaveValue("Ada Portal");
  await details.getByLabel("Language").fill("en-GB");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByRole("status")).toContainText("Your details are saved");

  // A picture: a real 1×1 PNG is kept; a text file is refused before it reaches the API.
  const picture = page.getByRole("region", { name: "Picture" });
  await picture.getByLabel("New picture").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await picture.getByRole("button", { name: "Upload picture" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not a PNG, JPEG or WebP picture");
  await page.getByRole("region", { name: "Picture" }).getByLabel("New picture").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: ONE_PIXEL_PNG });
  await page.getByRole("region", { name: "Picture" }).getByRole("button", { name: "Upload picture" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your new picture is saved.");
  const avatar = page.getByTestId("avatar");
  await expect(avatar).toBeVisible();
  const served = await request.get((await avatar.getAttribute("src"))!);
  expect(served.headers()["content-type"]).toBe("image/png");

  // A new address: mailed a code, the old one told; confirmed here with the code.
  const newEmail = freshEmail("profile-new");
  await page.getByRole("region", { name: "Email address" }).getByLabel("New email address").fill(newEmail);
  await page.getByRole("region", { name: "Email address" }).getByRole("button", { name: "Change email address" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("We sent a code and a link to the new address");
  await waitForMail(request, email, "email-change-requested", portalTenant);
  const code = codeIn(await waitForMail(request, newEmail, "email-change-confirm", portalTenant));
  await page.getByRole("region", { name: "Email address" }).getByLabel("Code from the email").fill(code!);
  await page.getByRole("region", { name: "Email address" }).getByRole("button", { name: "Confirm new address" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your email address is changed.");
  await expect(page.getByTestId("current-email")).toHaveText(newEmail);
  await waitForMail(request, email, "email-changed", portalTenant);
  await expectNoAxeViolations(page);

  // "Confirm it's you": signing in again is asked for even though the provider's session is live,
  // and comes back to the same page.
  await page.goto(`${portalUrl}/profile?error=reauthentication_required`);
  const confirm = page.getByRole("alert").filter({ hasText: "Confirm it's you" });
  await expect(confirm).toBeVisible();
  await expectNoAxeViolations(page);
  await confirm.getByRole("button", { name: "Sign in again to confirm" }).click();
  await page.waitForURL((url) => url.href.startsWith(`${apiUrl}/t/${portalTenant}/sign-in`));
  await page.getByLabel("Email address", { exact: true }).first().fill(newEmail);
  await page.getByLabel("Password", { exact: true }).fill(PASSPHRASE);
  await page.getByRole("main").getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(`${portalUrl}/profile`);
  await expect(page.getByTestId("current-email")).toHaveText(newEmail);
});

test("signed out, each page of the portal offers to sign in and comes back to it", async ({ page }) => {
  for (const path of ["/profile", "/security", "/sessions", "/organizations", "/notifications", "/privacy", "/onboarding"]) {
    await page.goto(`${portalUrl}${path}`);
    await expect(page.getByRole("heading", { name: /^Sign in to see/ })).toBeVisible();
    await expect(page.getByRole("main").getByRole("button", { name: "Sign in" })).toBeVisible();
  }
  await expectNoAxeViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the confirm steps and the authenticator app's setup are plain forms", async ({ page, request }) => {
    test.setTimeout(90_000);
    const email = freshEmail("portal-nojs");
    await signUpForPortal(page, email);
    await otherSession(request, email);
    await signInToPortal(page, email, { path: "/sessions" });
    const phoneRow = page.getByTestId("session-row").filter({ hasText: "Firefox on Android" });
    await phoneRow.getByRole("link", { name: /^Sign out of Firefox on Android/ }).click();
    await page.getByRole("button", { name: "Sign it out" }).click();
    await expect(page.getByRole("status").filter({ hasText: "That session is signed out" })).toBeVisible();
    await expect(page.getByTestId("session-row")).toHaveCount(1);

    await page.goto(`${portalUrl}/security`);
    const twoStep = page.getByRole("region", { name: "Two-step verification" });
    await twoStep.getByRole("button", { name: "Set up an authenticator app" }).click();
    const key = (await page.getByRole("region", { name: "Two-step verification" }).getByTestId("totp-secret").textContent())!.trim();
    await page.getByRole("region", { name: "Two-step verification" }).getByLabel("Code from the app").fill(totp(key, stepNow()));
    await page.getByRole("region", { name: "Two-step verification" }).getByRole("button", { name: "Confirm and turn on" }).click();
    await expect(page.getByRole("region", { name: "Two-step verification" }).getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
    await page.goto(`${portalUrl}/security`);
    await expect(page.getByRole("region", { name: "Passkeys" })).toContainText("Adding a passkey needs JavaScript");
  });
});

