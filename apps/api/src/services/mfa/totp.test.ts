import { describe, expect, it } from "vitest";
import { URI, type TOTP } from "otpauth";
import { readMfaPolicy, enrolmentRequirement } from "./policy";
import { normalizeRecoveryCode } from "./recovery-codes";
import { combinedAmr, offeredMethods } from "./factors";
import { groupedKey, matchingStep, newTotpSecret, totpCode, totpStep, totpUri } from "./totp";

// RFC 6238 Appendix B, SHA-1: the seed is ASCII "12345678901234567890"; codes are the last 6 digits.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const at = (seconds: number) => new Date(seconds * 1000);

describe("TOTP codes (RFC 6238, SHA-1, 6 digits, 30 s)", () => {
  it("matches the RFC's test vectors", () => {
    for (const [seconds, code] of [
      [59, "287082"],
      [1111111109, "081804"],
      [1111111111, "050471"],
      [1234567890, "005924"],
      [2000000000, "279037"],
    ] as const) {
      expect(totpCode(RFC_SECRET, totpStep(at(seconds)))).toBe(code);
    }
  });

  it("accepts the current step and one either side, and nothing further", () => {
    const now = at(1_700_000_000);
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) expect(matchingStep(RFC_SECRET, totpCode(RFC_SECRET, step + offset), now)).toBe(step + offset);
    for (const offset of [-3, -2, 2, 3]) expect(matchingStep(RFC_SECRET, totpCode(RFC_SECRET, step + offset), now)).toBeUndefined();
  });

  it("refuses anything that is not six digits", () => {
    const now = at(1_700_000_000);
    const code = totpCode(RFC_SECRET, totpStep(now));
    for (const bad of ["", `${code}0`, code.slice(1), ` ${code}`, "abcdef", "１２３４５６"]) {
      expect(matchingStep(RFC_SECRET, bad, now)).toBeUndefined();
    }
  });

  it("makes a 160-bit seed and an otpauth:// URI authenticator apps read", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = totpUri({ issuer: "Acme & Co", label: "ada@example.com", secret });
    const parsed = URI.parse(uri) as TOTP;
    expect(parsed).toMatchObject({ issuer: "Acme & Co", label: "ada@example.com", algorithm: "SHA1", digits: 6, period: 30 });
    expect(parsed.secret.base32).toBe(secret);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Acme%20%26%20Co:ada%40example\.com\?/);
    expect(groupedKey("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });
});

describe("recovery codes as typed", () => {
  it("ignore case, spaces and dashes, and read look-alike letters as digits", () => {
    expect(normalizeRecoveryCode("abcde-12345")).toBe("ABCDE12345");
    expect(normalizeRecoveryCode(" ABCDE 12345 ")).toBe("ABCDE12345");
    expect(normalizeRecoveryCode("oOiIl-LLLLL")).toBe("0011111111");
    expect(normalizeRecoveryCode("ABCDE-1234")).toBeUndefined();
    expect(normalizeRecoveryCode("ABCDE-12345-6")).toBeUndefined();
    expect(normalizeRecoveryCode("ABCDU-12345")).toBeUndefined();
  });
});

describe("the tenant's MFA policy", () => {
  it("reads what is there and defaults the rest, whatever the jsonb holds", () => {
    expect(readMfaPolicy({})).toEqual({ mode: "optional", gracePeriodDays: 0, allowEmailCode: false });
    expect(readMfaPolicy(null)).toEqual({ mode: "optional", gracePeriodDays: 0, allowEmailCode: false });
    expect(readMfaPolicy({ mfaPolicy: "required" })).toMatchObject({ mode: "optional" });
    expect(readMfaPolicy({ mfaPolicy: { mode: "sometimes", gracePeriodDays: "7", allowEmailCode: "yes" } })).toEqual({
      mode: "optional",
      gracePeriodDays: 0,
      allowEmailCode: false,
    });
    expect(readMfaPolicy({ mfaPolicy: { mode: "required", gracePeriodDays: 9999, allowEmailCode: true, requiredSince: "2030-01-01T00:00:00Z" } })).toEqual({
      mode: "required",
      gracePeriodDays: 365,
      allowEmailCode: true,
      requiredSince: new Date("2030-01-01T00:00:00Z"),
    });
    expect(readMfaPolicy({ mfaPolicy: { mode: "required", gracePeriodDays: -3, requiredSince: "not a date" } })).toEqual({
      mode: "required",
      gracePeriodDays: 0,
      allowEmailCode: false,
    });
  });

  it("gives a grace period from the later of the account's creation and the policy's start", () => {
    const created = new Date("2030-01-01T00:00:00Z");
    const policy = readMfaPolicy({ mfaPolicy: { mode: "required", gracePeriodDays: 7 } });
    expect(enrolmentRequirement(policy, { createdAt: created }, new Date("2030-01-07T23:00:00Z"))).toEqual({
      kind: "due",
      dueBy: new Date("2030-01-08T00:00:00Z"),
    });
    expect(enrolmentRequirement(policy, { createdAt: created }, new Date("2030-01-08T00:00:00Z"))).toEqual({ kind: "required" });
    const later = { ...policy, requiredSince: new Date("2030-03-01T00:00:00Z") };
    expect(enrolmentRequirement(later, { createdAt: created }, new Date("2030-03-05T00:00:00Z"))).toMatchObject({ kind: "due" });
    expect(enrolmentRequirement({ ...policy, mode: "optional" }, { createdAt: created }, new Date("2031-01-01"))).toEqual({ kind: "not_required" });
    expect(enrolmentRequirement({ ...policy, gracePeriodDays: 0 }, { createdAt: created }, created)).toEqual({ kind: "required" });
  });
});

describe("methods and amr", () => {
  const factors = { totp: true, passkey: false, recoveryCodes: 10, any: true };
  it("offers an emailed code only where allowed and only after a password", () => {
    expect(offeredMethods(factors, { firstFactorAmr: ["pwd"], allowEmailCode: true })).toEqual(["totp", "recovery_code", "email_code"]);
    expect(offeredMethods(factors, { firstFactorAmr: ["otp"], allowEmailCode: true })).toEqual(["totp", "recovery_code"]);
    expect(offeredMethods(factors, { firstFactorAmr: ["pwd"], allowEmailCode: false })).toEqual(["totp", "recovery_code"]);
    expect(offeredMethods({ ...factors, totp: false, passkey: true, recoveryCodes: 0 }, { firstFactorAmr: ["pwd"], allowEmailCode: false })).toEqual([
      "passkey",
    ]);
    expect(offeredMethods({ totp: false, passkey: false, recoveryCodes: 3, any: false }, { firstFactorAmr: ["pwd"], allowEmailCode: true })).toEqual([]);
  });

  it("combines RFC 8176 methods without repeats and adds mfa", () => {
    expect(combinedAmr(["pwd"], ["otp"])).toEqual(["pwd", "otp", "mfa"]);
    expect(combinedAmr(["otp"], ["otp"])).toEqual(["otp", "mfa"]);
    expect(combinedAmr(["pwd", "otp", "mfa"], ["otp"])).toEqual(["pwd", "otp", "mfa"]);
    expect(combinedAmr(["pwd"], ["hwk", "user"])).toEqual(["pwd", "hwk", "user", "mfa"]);
  });
});
