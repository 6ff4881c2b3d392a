import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  completeMfaChallengeRequestSchema,
  confirmTotpRequestSchema,
  signInResultSchema,
  startTotpEnrolmentRequestSchema,
  stepUpRequestSchema,
} from "./mfa";

const paths = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues.map((issue) => issue.path.join(".") || "(body)") ?? [];
const token = "t".repeat(43);

describe("MFA request schemas", () => {
  it("take a code in the shape its method needs, and name what is wrong", () => {
    expect(completeMfaChallengeRequestSchema.parse({ challengeToken: token, method: "totp", code: "012345" })).toEqual({
      challengeToken: token,
      method: "totp",
      code: "012345",
    });
    expect(completeMfaChallengeRequestSchema.safeParse({ challengeToken: token, method: "recovery_code", code: "abcde-12345" }).success).toBe(true);
    expect(paths(completeMfaChallengeRequestSchema, { challengeToken: token, method: "totp", code: "abcde-12345" })).toEqual(["code"]);
    expect(paths(completeMfaChallengeRequestSchema, { challengeToken: token, method: "email_code", code: "12345" })).toEqual(["code"]);
    expect(paths(completeMfaChallengeRequestSchema, { challengeToken: token, method: "passkey", code: "123456" })).toEqual(["method"]);
    expect(paths(completeMfaChallengeRequestSchema, { method: "totp", code: "123456" })).toEqual(["challengeToken"]);
    expect(paths(stepUpRequestSchema, { method: "email_code", code: "123456" })).toEqual([]);
    expect(paths(stepUpRequestSchema, { method: "passkey", code: "123456" })).toEqual(["method"]);
    expect(paths(confirmTotpRequestSchema, { code: "1234567" })).toEqual(["code"]);
    expect(startTotpEnrolmentRequestSchema.parse({})).toEqual({});
  });
});

describe("the sign-in answer", () => {
  it("is one of three shapes, told apart by status, and drops what a handler might add", () => {
    const signedIn = {
      status: "signed_in",
      user: { id: "usr_01k0000000000000000000000a", email: "ada@example.com", name: null, emailVerified: true },
      session: { id: "ses_01k0000000000000000000000a", expiresAt: "2030-01-01T00:00:00.000Z", amr: ["pwd", "otp", "mfa"] },
      sessionToken: "s".repeat(43),
    };
    expect(signInResultSchema.parse({ ...signedIn, tokenHash: "x" })).toEqual(signedIn);
    const pending = { status: "mfa_required", challengeToken: token, factors: ["totp", "recovery_code"], expiresAt: "2030-01-01T00:10:00.000Z" };
    expect(signInResultSchema.parse({ ...pending, userId: "usr_x" })).toEqual(pending);
    expect(signInResultSchema.safeParse({ ...pending, factors: ["sms"] }).success).toBe(false);
    expect(signInResultSchema.safeParse({ ...pending, status: "mfa_enrolment_required", factors: ["totp"] }).success).toBe(true);
    expect(signInResultSchema.safeParse({ ...signedIn, status: undefined }).success).toBe(false);
  });
});
