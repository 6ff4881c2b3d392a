import { expect, test } from "@playwright/test";
import { siteUrl } from "@plinto/next-config/sites";
import { e2eEnv } from "../support/env";

const api = siteUrl("api", e2eEnv);

test("api: /health answers as JSON", async ({ request }) => {
  const response = await request.get(`${api}/health`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(await response.json()).toMatchObject({ status: "ok", service: "plinto-api" });
});

test("api: /ready says ready on the database this run made", async ({ request }) => {
  const response = await request.get(`${api}/ready`);
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe("ready");
  expect(body.checks.database).toMatchObject({ status: "ok", driver: process.env.PLINTO_E2E_DRIVER });
  expect(body.checks.migrations.applied).toBe(body.checks.migrations.expected);
});

test("api: responses carry the shared security headers", async ({ request }) => {
  const response = await request.get(`${api}/health`);
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("api: pages carry a nonce-based Content-Security-Policy that Next's scripts satisfy", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") violations.push(message.text());
  });
  const response = await page.goto(api, { waitUntil: "networkidle" });
  const policy = response?.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  // Every script Next rendered carries this response's nonce, so none was blocked.
  const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const scriptNonce of scripts) expect(scriptNonce).toBe(nonce);
  expect(violations).toEqual([]);
  // A second response gets a different nonce.
  const again = await page.request.get(api);
  expect(again.headers()["content-security-policy"]).not.toContain(nonce!);
});
