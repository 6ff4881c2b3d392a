import { expect, test } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
// The getting-started page's sample, run as written against the started API.
import { finishSignIn, registerApplication, startSignIn } from "../../apps/docs/samples/getting-started";
import { apiUrl, devCredentials } from "../support/admin";
import { applicationServer } from "../support/application";
import { expectNoAxeViolations } from "../support/axe";
import { e2eEnv } from "../support/env";

// The docs site: offline search, the playground calling the real API from the browser, the API
// reference against the document the running API serves, versions in the URL, accessibility, and
// the getting-started sample signing a user in for real.

const docs = siteUrl("docs", e2eEnv);

test("search finds the refresh token guide, and keeps answering offline once its index is loaded", async ({ page, context }) => {
  await page.goto(`${docs}/docs/v1`);
  const search = page.getByRole("searchbox", { name: "Search the docs" });
  await search.fill("refresh token");
  const results = page.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("link", { name: /Tokens and sessions/ })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "for “refresh token”" })).toBeVisible();

  // Every search after the index arrived runs in the browser: with the network gone it still answers.
  await context.setOffline(true);
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await search.fill("passkeys");
  await expect(results.getByRole("link", { name: /MFA and passkeys/ })).toBeVisible();
  await search.fill("rotate signing keys");
  await expect(results.getByRole("link", { name: "POST /v1/signing-keys/rotate" })).toBeVisible();
  expect(requests).toEqual([]);
  await context.setOffline(false);

  await results.getByRole("link", { name: "POST /v1/signing-keys/rotate" }).click();
  await expect(page).toHaveURL(`${docs}/docs/v1/reference/keys#rotateSigningKeys`);
});

test("the playground sends real requests to the local API, with a pasted key that only the API sees", async ({ page }) => {
  const sentWithKey: string[] = [];
  page.on("request", (request) => {
    if (request.headers().authorization) sentWithKey.push(new URL(request.url()).origin);
  });

  // No credential needed: GET /health.
  await page.goto(`${docs}/docs/v1/playground?operation=getHealth`);
  await expect(page.getByLabel("API URL")).toHaveValue(apiUrl);
  await expect(page.getByTestId("playground-request-line")).toHaveText("GET /health");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByTestId("playground-status")).toHaveText("200");
  await expect(page.getByTestId("playground-body")).toContainText('"service": "plinto-api"');

  // The demo tenant's API key, pasted: its signing keys.
  const key = devCredentials().apiKeys.demo.secret;
  await page.getByLabel("API key or access token").fill(key);
  await page.getByLabel("Operation", { exact: true }).selectOption("listSigningKeys");
  await expect(page.getByTestId("playground-request-line")).toHaveText("GET /v1/signing-keys");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByTestId("playground-status")).toHaveText("200");
  await expect(page.getByTestId("playground-body")).toContainText('"keys"');
  await expect(page.getByTestId("playground-response")).toContainText("content-type");

  // A body prefilled from the document's example, and an error shown as the problem it is.
  await page.getByLabel("Operation", { exact: true }).selectOption("createApplication");
  await expect(page.getByLabel("Body (JSON)")).not.toHaveValue("");
  await page.getByLabel("Body (JSON)").fill('{"name":""}');
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByTestId("playground-status")).toHaveText("400");
  await expect(page.getByTestId("playground-body")).toContainText('"code": "validation_failed"');

  // The key stays in this tab (sessionStorage) and went to the API only, never to the docs site.
  await page.reload();
  await expect(page.getByLabel("API key or access token")).toHaveValue(key);
  expect(new Set(sentWithKey)).toEqual(new Set([new URL(apiUrl).origin]));
  await expectNoAxeViolations(page);
});

test("the API reference lists every operation of the running API's /v1/openapi.json", async ({ page, request }) => {
  const document = (await (await request.get(`${apiUrl}/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const served = Object.entries(document.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
  expect(served.length).toBeGreaterThan(50);

  await page.goto(`${docs}/docs/v1/reference`);
  const listed = await page
    .getByTestId("reference-operations")
    .locator("a[data-path]")
    .evaluateAll((links) => links.map((a) => `${a.getAttribute("data-method")!.toUpperCase()} ${a.getAttribute("data-path")}`));
  expect(listed.sort()).toEqual(served);

  // Each links to its full description.
  await page.locator('a[data-path="/v1/users"][data-method="post"]').click();
  await expect(page).toHaveURL(`${docs}/docs/v1/reference/users#createUser`);
  const operation = page.locator("section#createUser");
  await expect(operation.getByRole("heading", { level: 2 })).toBeVisible();
  await expect(operation).toContainText("Request body");
  await expect(operation).toContainText("users:write");
  await expect(operation).toContainText("(conflict)");
});

test("the version is in the URL and the switch keeps the page", async ({ page }) => {
  await page.goto(`${docs}/docs/v1/concepts/tokens-and-sessions`);
  const versions = page.getByRole("navigation", { name: "Version" });
  await expect(versions.getByRole("link", { name: /v1/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("Unreleased: next")).toHaveCount(0);

  await versions.getByRole("link", { name: /next/ }).click();
  await expect(page).toHaveURL(`${docs}/docs/next/concepts/tokens-and-sessions`);
  await expect(page.getByRole("note").filter({ hasText: "Unreleased: next" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tokens and sessions");

  // A page only `next` has: marked, absent from v1, and the switch falls back to v1's overview.
  await page.goto(`${docs}/docs/next/guides/browser-cors`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Unreleased");
  expect((await page.request.get(`${docs}/docs/v1/guides/browser-cors`)).status()).toBe(404);
  await page.getByRole("navigation", { name: "Version" }).getByRole("link", { name: /v1/ }).click();
  await expect(page).toHaveURL(`${docs}/docs/v1`);
});

for (const path of ["/", "/docs/v1", "/docs/v1/getting-started", "/docs/v1/concepts/errors", "/docs/v1/sdks/sdk", "/docs/v1/reference", "/docs/v1/reference/users", "/docs/v1/playground", "/docs/next"]) {
  test(`docs ${path}: renders, passes axe, logs no errors`, async ({ page }) => {
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    const response = await page.goto(`${docs}${path}`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(/Plinto Docs/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });
}

test("the getting-started sample registers an application and signs the demo user in", async ({ page }) => {
  const app = await applicationServer();
  const { email, password } = devCredentials().demoUser;
  const registered = await registerApplication({ apiUrl, apiKey: devCredentials().apiKeys.demo.secret, redirectUri: app.redirectUri });
  expect(registered.clientSecret).toMatch(/^plinto_cs_/);

  const pending = await startSignIn({ issuer: `${apiUrl}/t/demo`, ...registered, redirectUri: app.redirectUri });
  const callback = await app.next(async () => {
    await page.goto(pending.url.href);
    await page.getByLabel("Email address", { exact: true }).first().fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
  });
  const { claims, profile, refreshToken } = await finishSignIn(pending, callback);
  expect(claims.iss).toBe(`${apiUrl}/t/demo`);
  expect(profile.email).toBe(email);
  expect(refreshToken).toEqual(expect.any(String));
  await app.close();
});
