import { PLAN_KEYS, PLANS } from "@plinto/contracts";
import { describe, expect, it } from "vitest";
import { COMING_FEATURES, formatPrice, planViews, pricingJsonLd } from "./pricing";

describe("planViews", () => {
  it("shows every plan of the catalogue, in its order, with its own price, cap and features", () => {
    const views = planViews();
    expect(views.map((v) => v.key)).toEqual(PLAN_KEYS);
    for (const view of views) {
      const plan = PLANS[view.key];
      expect(view.name).toBe(plan.name);
      expect(view.priceValue).toBe((plan.priceMonthlyMinor / 100).toFixed(2));
      expect(view.features.map((f) => f.text)).toEqual([...plan.features]);
      expect(view.cap).toContain(plan.monthlyActiveUsers === null ? "No cap" : plan.monthlyActiveUsers.toLocaleString("en-US"));
    }
  });

  it("marks the features that are not built yet, and only those", () => {
    const marked = planViews().flatMap((v) => v.features.filter((f) => f.coming).map((f) => f.text));
    expect(new Set(marked)).toEqual(new Set(COMING_FEATURES));
  });

  it("still finds every coming feature in the catalogue word for word", () => {
    const all = PLAN_KEYS.flatMap((key) => [...PLANS[key].features] as string[]);
    for (const feature of COMING_FEATURES) expect(all, feature).toContain(feature);
  });
});

describe("formatPrice", () => {
  it("formats cents as dollars", () => {
    expect(formatPrice(0)).toBe("$0");
    expect(formatPrice(9_900)).toBe("$99");
    expect(formatPrice(1_050)).toBe("$10.50");
  });
});

describe("pricingJsonLd", () => {
  it("is a schema.org Product with one Offer per plan at the catalogue's price", () => {
    const data = pricingJsonLd("https://plinto.example");
    expect(data["@type"]).toBe("Product");
    expect(data.offers.map((o) => [o.name, o.price, o.priceCurrency])).toEqual(
      PLAN_KEYS.map((key) => [PLANS[key].name, (PLANS[key].priceMonthlyMinor / 100).toFixed(2), "USD"]),
    );
    expect(data.offers[0]?.url).toBe(`https://plinto.example/pricing#plan-${PLAN_KEYS[0]}`);
  });
});
