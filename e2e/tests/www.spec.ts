import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test as base, expect, type BrowserContext, type Page, type Request } from "@playwright/test";
import { BILLING_CURRENCY, PLAN_KEYS, PLANS } from "@plinto/contracts";
import { siteUrl } from "@plinto/next-config/sites";
import { expectNoAxeViolations } from "../support/axe";
import { e2eEnv } from "../support/env";

// The website (apps/www): its pages, legal footer, SEO files, the consent banner that gates the
// first-party sign-up events, the contact form's outbox, and the page-weight budget.

const www = siteUrl("www", e2eEnv);
const api = siteUrl("api", e2eEnv);
const wwwOrigin = new URL(www).origin;
const legal = ["/legal/privacy", "/legal/terms", "/legal/dpa", "/legal/cookies"];
const eventsFile = () => join(process.env.PLINTO_E2E_HOME!, "www", "events.jsonl");
const outboxFile = () => join(process.env.PLINTO_E2E_HOME!, "www", "contact-outbox.jsonl");

function lines(file: string): Record<string, unknown>[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

// Console errors count only on the website's own pages (the sign-up button leads to the API's).
const test = base.extend<{ consoleProblems: string[] }>({
  consoleProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && page.url().startsWith(www)) problems.push(`console on ${page.url()}: ${message.text()}`);
      });
      page.on("pageerror", (error) => {
        if (page.url().startsWith(www)) problems.push(`page error on ${page.url()}: ${error.message}`);
      });
      await use(problems);
      expect(problems).toEqual([]);
    },
    { auto: true },
  ],
});

/** Every request the page makes to the tracking endpoint, from now on. */
function eventRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/events") seen.push(request);
  });
  return seen;
}

async function wwwCookies(context: BrowserContext) {
  return context.cookies(www);
}

async function sitemapPaths(page: Page): Promise<string[]> {
  const response = await page.request.get(`${www}/sitemap.xml`);
  expect(response.status()).toBe(200);
  const xml = await response.text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
}

test.describe("pages, footer and SEO files", () => {
  test("sitemap and robots answer; every page in the sitemap exists and links every legal page from its footer", async ({ page }) => {
    test.setTimeout(180_000);
    const robots = await page.request.get(`${www}/robots.txt`);
    expect(robots.status()).toBe(200);
    const robotsText = await robots.text();
    expect(robotsText).toContain("User-Agent: *");
    expect(robotsText).toContain("Disallow: /api/");
    expect(robotsText).toContain(`Sitemap: ${www}/sitemap.xml`);

    const sitemap = await page.request.get(`${www}/sitemap.xml`);
    expect(sitemap.headers()["content-type"]).toContain("xml");
    const paths = await sitemapPaths(page);
    for (const path of ["/", "/pricing", "/security", "/changelog", "/contact", "/product/authentication", "/product/scim", ...legal]) {
      expect(paths, path).toContain(path);
    }

    for (const path of paths) {
      const response = await page.goto(`${www}${path}`);
      expect(response?.status(), path).toBe(200);
      await expect(page.locator("h1"), path).toHaveCount(1);
      const footer = page.getByRole("contentinfo");
      for (const target of legal) {
        await expect(footer.locator(`a[href="${target}"]`), `${path} → ${target}`).toHaveCount(1);
      }
      // Each page names itself to search engines and link previews.
      expect(await page.locator('link[rel="canonical"]').getAttribute("href"), path).toBe(path === "/" ? www : `${www}${path}`);
      expect(await page.locator('meta[property="og:title"]').getAttribute("content"), path).toBeTruthy();
      await expect(page.locator('meta[property="og:image"]'), path).toHaveAttribute("content", /\/opengraph-image/);
      expect(await page.locator('meta[name="description"]').getAttribute("content"), path).toBeTruthy();
    }
  });

  test("every page's Open Graph image is a generated 1200×630 PNG", async ({ page }) => {
    for (const path of ["/", "/pricing", "/security", "/changelog", "/contact", "/legal/privacy", "/product/enterprise-sso"]) {
      await page.goto(`${www}${path}`);
      const image = await page.locator('meta[property="og:image"]').getAttribute("content");
      expect(image, path).toMatch(new RegExp(`^${www.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/.*opengraph-image`));
      expect(await page.locator('meta[property="og:image:width"]').getAttribute("content")).toBe("1200");
      const response = await page.request.get(image!);
      expect(response.status(), image!).toBe(200);
      expect(response.headers()["content-type"]).toBe("image/png");
      const png = await response.body();
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      // IHDR: width and height, big-endian, at bytes 16–23.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], image!).toEqual([1200, 630]);
    }
  });

  test("pricing shows the billing catalogue's plans, and its JSON-LD offers them at the same prices", async ({ page }) => {
    await page.goto(`${www}/pricing`);
    const money = (minor: number) =>
      new Intl.NumberFormat("en-US", { style: "currency", currency: BILLING_CURRENCY.toUpperCase(), minimumFractionDigits: minor % 100 ? 2 : 0 }).format(minor / 100);
    for (const key of PLAN_KEYS) {
      const card = page.locator(`#plan-${key}`);
      await expect(card.getByRole("heading", { level: 2 })).toHaveText(PLANS[key].name);
      await expect(card.getByTestId("plan-price")).toHaveText(money(PLANS[key].priceMonthlyMinor));
      for (const feature of PLANS[key].features) await expect(card.getByText(feature, { exact: true })).toBeVisible();
    }
    // Features the catalogue lists but Plinto does not have yet are marked as coming.
    await expect(page.locator("#plan-enterprise li", { hasText: "SCIM provisioning" })).toContainText("Coming");
    await expect(page.locator("#plan-pro li", { hasText: "Custom roles" })).not.toContainText("Coming");

    const data = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((text) => JSON.parse(text));
    const product = data.find((d) => d["@type"] === "Product");
    expect(product.offers.map((o: { name: string; price: string; priceCurrency: string }) => [o.name, o.price, o.priceCurrency])).toEqual(
      PLAN_KEYS.map((key) => [PLANS[key].name, (PLANS[key].priceMonthlyMinor / 100).toFixed(2), "USD"]),
    );

    await page.goto(www);
    const home = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((text) => JSON.parse(text)["@type"]);
    expect(home).toEqual(["Organization", "SoftwareApplication"]);
  });

  test("axe finds no WCAG 2.1 A/AA violation on the main pages, banner included", async ({ page }) => {
    test.setTimeout(120_000);
    for (const path of ["/", "/product", "/product/mfa-and-passkeys", "/product/scim", "/pricing", "/security", "/changelog", "/contact", "/legal", ...legal]) {
      await page.goto(`${www}${path}`);
      await expect(page.getByRole("region", { name: "May we count sign-up clicks?" })).toBeVisible();
      await expectNoAxeViolations(page);
    }
  });
});

test.describe("consent and conversion events", () => {
  test("before any answer: nothing goes to the tracking endpoint, no cookie is set, nothing third-party loads", async ({ page, context }) => {
    const events = eventRequests(page);
    const elsewhere: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).origin !== wwwOrigin && page.url().startsWith(www)) elsewhere.push(request.url());
    });
    const before = lines(eventsFile()).length;

    await page.goto(www, { waitUntil: "networkidle" });
    await page.goto(`${www}/pricing`, { waitUntil: "networkidle" });
    expect(elsewhere).toEqual([]);
    expect(await wwwCookies(context)).toEqual([]);

    await page.getByRole("link", { name: "Start with Pro" }).click();
    await expect(page).toHaveURL(`${api}/t/plinto/sign-up`);
    await page.waitForLoadState("networkidle");
    expect(events).toEqual([]);
    expect(await wwwCookies(context)).toEqual([]);
    expect(lines(eventsFile())).toHaveLength(before);
  });

  test("after accepting, pressing the sign-up button sends exactly one event, recorded without an identifier", async ({ page, context }) => {
    const events = eventRequests(page);
    const before = lines(eventsFile()).length;
    await page.goto(www);
    await page.getByRole("region", { name: "May we count sign-up clicks?" }).getByRole("button", { name: "Accept" }).click();
    await expect(page.getByRole("region", { name: "May we count sign-up clicks?" })).toHaveCount(0);

    const cookies = await wwwCookies(context);
    expect(cookies.map((c) => [c.name, c.value, c.httpOnly, c.sameSite])).toEqual([["plinto_consent", "granted", true, "Lax"]]);
    expect(events).toEqual([]);

    await page.getByRole("link", { name: "Create your account" }).click();
    await expect(page).toHaveURL(`${api}/t/plinto/sign-up`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect.poll(() => lines(eventsFile()).length).toBe(before + 1);
    await page.waitForLoadState("networkidle");
    expect(events).toHaveLength(1);
    expect(events[0]!.method()).toBe("POST");
    expect(events[0]!.postDataJSON()).toEqual({ type: "signup_cta_click", cta: "home-hero", page: "/" });

    const recorded = lines(eventsFile()).at(-1)!;
    expect(Object.keys(recorded).sort()).toEqual(["at", "cta", "page", "type"]);
    expect(recorded).toMatchObject({ type: "signup_cta_click", cta: "home-hero", page: "/" });
    // Still the one cookie: the consent itself.
    expect((await wwwCookies(context)).map((c) => c.name)).toEqual(["plinto_consent"]);
  });

  test("after rejecting, pressing the sign-up button sends nothing, and the endpoint refuses a forged event", async ({ page, context }) => {
    const events = eventRequests(page);
    const before = lines(eventsFile()).length;
    await page.goto(`${www}/pricing`);
    await page.getByRole("button", { name: "Reject" }).click();
    await expect(page.getByRole("region", { name: "May we count sign-up clicks?" })).toHaveCount(0);
    expect((await wwwCookies(context)).map((c) => [c.name, c.value])).toEqual([["plinto_consent", "denied"]]);

    await page.getByRole("link", { name: "Start with Free" }).click();
    await expect(page).toHaveURL(`${api}/t/plinto/sign-up`);
    await page.waitForLoadState("networkidle");
    expect(events).toEqual([]);

    // A script that ignores the answer gets nothing recorded either: the route checks the cookie.
    const forged = await page.request.post(`${www}/api/events`, { data: { type: "signup_cta_click", cta: "pricing-free", page: "/pricing" } });
    expect(forged.status()).toBe(403);
    expect((await forged.json()).code).toBe("forbidden");
    expect(lines(eventsFile())).toHaveLength(before);

    // The answer sticks: the banner does not come back.
    await page.goto(www);
    await expect(page.getByRole("region", { name: "May we count sign-up clicks?" })).toHaveCount(0);
  });

  test("the endpoint validates events and refuses them from another site", async ({ page, context }) => {
    await context.addCookies([{ name: "plinto_consent", value: "granted", url: www }]);
    const before = lines(eventsFile()).length;
    const bad = await page.request.post(`${www}/api/events`, { data: { type: "signup_cta_click", cta: "home-hero", page: "https://evil.example/", email: "x@y.z" } });
    expect(bad.status()).toBe(400);
    const problem = await bad.json();
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(["(body)", "page"]);
    const crossSite = await page.request.post(`${www}/api/events`, {
      data: { type: "signup_cta_click", cta: "home-hero", page: "/" },
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status()).toBe(403);
    const consentFromElsewhere = await page.request.post(`${www}/api/consent`, {
      form: { choice: "granted" },
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(consentFromElsewhere.status()).toBe(403);
    expect(lines(eventsFile())).toHaveLength(before);
  });

  test("the answer can be changed on the cookie policy page, and counts from the next click", async ({ page, context }) => {
    const events = eventRequests(page);
    await page.goto(`${www}/legal/cookies`);
    await expect(page.getByRole("status").filter({ hasText: "You have not answered yet" })).toBeVisible();
    await page.getByRole("button", { name: "Accept counting" }).click();
    await expect(page.getByText("You accepted: sign-up clicks are counted.")).toBeVisible();
    expect((await wwwCookies(context)).map((c) => c.value)).toEqual(["granted"]);

    await page.getByRole("button", { name: "Reject counting" }).click();
    await expect(page.getByText("You rejected: nothing is recorded.")).toBeVisible();
    expect((await wwwCookies(context)).map((c) => c.value)).toEqual(["denied"]);

    await page.goto(www);
    await page.getByRole("link", { name: "Sign up free" }).click();
    await expect(page).toHaveURL(`${api}/t/plinto/sign-up`);
    await page.waitForLoadState("networkidle");
    expect(events).toEqual([]);
  });

  test("without JavaScript the banner still works, and the sign-up button is a plain link that sends nothing", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const events = eventRequests(page);
    await page.goto(`${www}/security`);
    await page.getByRole("button", { name: "Accept" }).click();
    await expect(page).toHaveURL(`${www}/security`);
    await expect(page.getByRole("region", { name: "May we count sign-up clicks?" })).toHaveCount(0);
    expect((await context.cookies(www)).map((c) => [c.name, c.value])).toEqual([["plinto_consent", "granted"]]);
    await page.goto(www);
    await page.getByRole("link", { name: "Create your account" }).click();
    await expect(page).toHaveURL(`${api}/t/plinto/sign-up`);
    expect(events).toEqual([]);
    await context.close();
  });
});

test.describe("contact form", () => {
  test("says what is wrong under each field, then keeps the message in the site's outbox", async ({ page }) => {
    await page.goto(`${www}/contact?topic=security`);
    await expect(page.getByRole("combobox", { name: "What is it about?" })).toHaveValue("security");
    await page.getByRole("textbox", { name: "Your name", exact: true }).fill("Grace Hopper");
    await page.getByRole("textbox", { name: "Email address", exact: true }).fill("grace@");
    await page.getByRole("textbox", { name: "Message", exact: true }).fill("short");
    await page.getByRole("button", { name: "Send message" }).click();
    await expect(page.getByRole("textbox", { name: "Email address", exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter an email address like name@example.com")).toBeVisible();
    await expect(page.getByText("Write at least 10 characters, so we can answer")).toBeVisible();
    // What was typed stays.
    await expect(page.getByRole("textbox", { name: "Your name", exact: true })).toHaveValue("Grace Hopper");
    await expectNoAxeViolations(page);

    const before = lines(outboxFile()).length;
    await page.getByRole("textbox", { name: "Email address", exact: true }).fill("grace@example.com");
    await page.getByRole("textbox", { name: "Message", exact: true }).fill("I found a way to read another tenant's audit log.");
    await page.getByRole("button", { name: "Send message" }).click();
    const sent = page.getByRole("status").filter({ hasText: "your message is in our outbox" });
    await expect(sent).toBeVisible();
    const reference = (await sent.locator("code").textContent())!;
    expect(reference).toMatch(/^msg_[0-9a-f-]{36}$/);

    const messages = lines(outboxFile());
    expect(messages).toHaveLength(before + 1);
    expect(messages.at(-1)).toMatchObject({
      id: reference,
      name: "Grace Hopper",
      email: "grace@example.com",
      topic: "security",
      message: "I found a way to read another tenant's audit log.",
    });
  });

  test("the endpoint answers a bad message with the fields to fix, and records nothing", async ({ page }) => {
    const before = lines(outboxFile()).length;
    const response = await page.request.post(`${www}/api/contact`, { data: { name: "", email: "nope", topic: "sales", message: "hello there, friends" } });
    expect(response.status()).toBe(400);
    expect(response.headers()["content-type"]).toBe("application/problem+json");
    const body = await response.json();
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(["name", "email"]);
    expect(lines(outboxFile())).toHaveLength(before);
  });

  test("works without JavaScript: posts the form and comes back with the reference", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${www}/contact`);
    await page.getByRole("textbox", { name: "Your name", exact: true }).fill("Alan Turing");
    await page.getByRole("textbox", { name: "Email address", exact: true }).fill("alan@example.com");
    await page.getByRole("textbox", { name: "Message", exact: true }).fill("Do plans count machine-to-machine tokens?");
    await page.getByRole("button", { name: "Send message" }).click();
    await expect(page).toHaveURL(/\/contact\?sent=msg_/);
    await expect(page.getByText("your message is in our outbox")).toBeVisible();
    expect(lines(outboxFile()).at(-1)).toMatchObject({ name: "Alan Turing", topic: "sales" });
    await context.close();
  });
});

test.describe("performance budget", () => {
  test("home page: cumulative layout shift under 0.1, every image sized, no web font, nothing render-blocking from elsewhere", async ({ page }) => {
    // Start observing before anything renders, so the very first shifts are counted too.
    await page.addInitScript(() => {
      const w = window as unknown as { __cls: number; __shifts: number };
      w.__cls = 0;
      w.__shifts = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) {
            w.__cls += entry.value;
            w.__shifts += 1;
          }
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(www, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    // Scroll through the page, as a reader would, and let late content settle.
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 400) {
        window.scrollTo(0, y);
        await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      }
    });
    await page.waitForTimeout(1000);
    const { cls, supported } = await page.evaluate(() => ({
      cls: (window as unknown as { __cls: number }).__cls,
      supported: PerformanceObserver.supportedEntryTypes.includes("layout-shift"),
    }));
    expect(supported).toBe(true);
    expect(cls).toBeLessThan(0.1);

    const images = await page.locator("img").evaluateAll((imgs) =>
      imgs.map((img) => ({ src: img.getAttribute("src"), width: img.getAttribute("width"), height: img.getAttribute("height"), alt: img.getAttribute("alt") })),
    );
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(Number(image.width), `${image.src} width`).toBeGreaterThan(0);
      expect(Number(image.height), `${image.src} height`).toBeGreaterThan(0);
      expect(image.alt, `${image.src} alt`).not.toBeNull();
    }

    // System fonts only: no web font can swap in and move the text.
    expect(await page.evaluate(() => document.fonts.size)).toBe(0);
    const blocking = await page.evaluate(() =>
      [...document.querySelectorAll('script[src], link[rel="stylesheet"]')]
        .map((el) => (el as HTMLScriptElement).src || (el as HTMLLinkElement).href)
        .filter((url) => new URL(url).origin !== location.origin),
    );
    expect(blocking).toEqual([]);
  });

  test("the budget check can fail: an unsized image pushed in above the fold is measured as a shift", async ({ page }) => {
    // The same observer on the same page, with a late unsized block inserted at the top: this is
    // what the budget exists to catch, so the measurement must see it.
    await page.goto(www, { waitUntil: "networkidle" });
    const cls = await page.evaluate(async () => {
      let total = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) total += entry.value;
        }
      }).observe({ type: "layout-shift" });
      const block = document.createElement("div");
      block.style.height = "300px";
      document.querySelector("main")!.prepend(block);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return total;
    });
    expect(cls).toBeGreaterThan(0.1);
  });
});
