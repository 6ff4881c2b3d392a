import { describe, expect, it } from "vitest";
import { conversionEventSchema, SIGNUP_CTAS } from "./events";

const valid = { type: "signup_cta_click", cta: "home-hero", page: "/" };

describe("conversionEventSchema", () => {
  it("accepts a sign-up click from each known button", () => {
    for (const cta of SIGNUP_CTAS) expect(conversionEventSchema.parse({ ...valid, cta, page: "/pricing" })).toEqual({ ...valid, cta, page: "/pricing" });
    expect(conversionEventSchema.parse({ ...valid, page: "/product/mfa-and-passkeys" }).page).toBe("/product/mfa-and-passkeys");
  });

  it("refuses unknown types and buttons", () => {
    expect(conversionEventSchema.safeParse({ ...valid, type: "page_view" }).success).toBe(false);
    expect(conversionEventSchema.safeParse({ ...valid, cta: "someone-elses-button" }).success).toBe(false);
  });

  it("refuses anything that could identify a visitor or smuggle data", () => {
    for (const extra of [{ userId: "usr_1" }, { email: "a@b.c" }, { ip: "1.2.3.4" }]) {
      const result = conversionEventSchema.safeParse({ ...valid, ...extra });
      expect(result.success).toBe(false);
    }
  });

  it("takes a path on this site only", () => {
    for (const page of ["https://evil.example/", "//evil.example", "pricing", "/pricing?email=a@b.c", "/a b", `/${"x".repeat(200)}`, ""]) {
      expect(conversionEventSchema.safeParse({ ...valid, page }).success, page).toBe(false);
    }
  });

  it("names the field and says what is expected", () => {
    const result = conversionEventSchema.safeParse({ type: "signup_cta_click", cta: "nope", page: "/" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["cta", "cta names one of the site's sign-up buttons"]]);
  });
});
