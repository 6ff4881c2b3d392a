import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { sites, siteUrl } from "@plinto/next-config/sites";
import { e2eEnv } from "../support/env";

// Every site's first page: it renders, has a real title, logs no console error, and axe finds no
// WCAG 2.1 A/AA violation.
for (const site of sites) {
  test(`${site.name}: first page renders, titled, no console errors, accessible`, async ({ page }) => {
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));

    const response = await page.goto(siteUrl(site.name, e2eEnv), { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(/Plinto/);
    await expect(page.locator("h1").first()).toBeVisible();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");

    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const violations = axe.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s) — ${v.help}`);
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });
}
