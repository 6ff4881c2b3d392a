import { describe, expect, it } from "vitest";
import { CONSENT_COOKIE, CONSENT_MAX_AGE_SECONDS, consentFromCookieHeader, consentSetCookie, parseConsent } from "./consent";

describe("parseConsent", () => {
  it("knows the two answers", () => {
    expect(parseConsent("granted")).toBe("granted");
    expect(parseConsent("denied")).toBe("denied");
  });

  it("treats anything else as no answer", () => {
    for (const value of [undefined, null, "", "GRANTED", "granted ", "yes", "true", "granted;denied"]) expect(parseConsent(value)).toBeNull();
  });
});

describe("consentFromCookieHeader", () => {
  it("finds the consent cookie among others", () => {
    expect(consentFromCookieHeader(`theme=dark; ${CONSENT_COOKIE}=granted; other=1`)).toBe("granted");
    expect(consentFromCookieHeader(`${CONSENT_COOKIE}=denied`)).toBe("denied");
    expect(consentFromCookieHeader(`${CONSENT_COOKIE}="granted"`)).toBe("granted");
  });

  it("does not match a cookie whose name only contains ours", () => {
    expect(consentFromCookieHeader(`x_${CONSENT_COOKIE}=granted; ${CONSENT_COOKIE}_old=granted`)).toBeNull();
  });

  it("takes the first pair with our name, as the browser sends the most specific first", () => {
    expect(consentFromCookieHeader(`${CONSENT_COOKIE}=denied; ${CONSENT_COOKIE}=granted`)).toBe("denied");
  });

  it("is no answer without a header, without our cookie or with a tampered value", () => {
    expect(consentFromCookieHeader(null)).toBeNull();
    expect(consentFromCookieHeader("")).toBeNull();
    expect(consentFromCookieHeader("a=b; c")).toBeNull();
    expect(consentFromCookieHeader(`${CONSENT_COOKIE}=granted-by-someone`)).toBeNull();
  });
});

describe("consentSetCookie", () => {
  it("is a first-party, HttpOnly, Lax cookie for the whole site that lasts 180 days", () => {
    const header = consentSetCookie("granted", { secure: false });
    expect(header.split("; ")).toEqual([`${CONSENT_COOKIE}=granted`, "Path=/", `Max-Age=${CONSENT_MAX_AGE_SECONDS}`, "HttpOnly", "SameSite=Lax"]);
    expect(CONSENT_MAX_AGE_SECONDS).toBe(15_552_000);
    expect(header).not.toMatch(/Domain=/i);
  });

  it("is Secure when the site is served over https", () => {
    expect(consentSetCookie("denied", { secure: true }).split("; ")).toContain("Secure");
    expect(consentSetCookie("denied", { secure: false }).split("; ")).not.toContain("Secure");
  });

  it("round-trips through the request header", () => {
    for (const choice of ["granted", "denied"] as const) {
      const pair = consentSetCookie(choice, { secure: false }).split("; ")[0];
      expect(consentFromCookieHeader(pair)).toBe(choice);
    }
  });
});
