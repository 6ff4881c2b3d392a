import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  completeEmailSignInRequestSchema,
  sessionListResponseSchema,
  signInRequestSchema,
  signInResponseSchema,
  signUpRequestSchema,
  verifyEmailRequestSchema,
} from "./auth";

const paths = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues.map((issue) => issue.path.join(".") || "(body)") ?? [];

describe("auth request schemas", () => {
  it("accept an empty password at sign-in (the service refuses it like a wrong one) but not a missing one", () => {
    expect(signInRequestSchema.safeParse({ email: "ada@example.com", password: "" }).success).toBe(true);
    expect(paths(signInRequestSchema, { email: "ada@example.com" })).toEqual(["password"]);
    expect(paths(signInRequestSchema, { email: "ada@example.com", password: "x".repeat(1025) })).toEqual(["password"]);
    expect(signInRequestSchema.safeParse({ email: "ada@example.com", password: "x".repeat(1024) }).success).toBe(true);
  });

  it("take emails up to 320 characters and nothing that is not one", () => {
    const long = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(60)}.com`;
    expect(long.length).toBeGreaterThan(320);
    for (const email of ["not-an-email", "a@", "@example.com", long, 42, null]) {
      expect(paths(signUpRequestSchema, { email, password: "a long passphrase" }), String(email)).toEqual(["email"]);
    }
  });

  it("trim a name and refuse an overlong one", () => {
    expect(signUpRequestSchema.parse({ email: "ada@example.com", password: "p", name: "  Ada  " }).name).toBe("Ada");
    expect(paths(signUpRequestSchema, { email: "ada@example.com", password: "p", name: "n".repeat(201) })).toEqual(["name"]);
  });

  it("take a link token or an email and a six-digit code, and name the field that is wrong", () => {
    for (const schema of [verifyEmailRequestSchema, completeEmailSignInRequestSchema]) {
      expect(schema.parse({ token: "t".repeat(43) })).toEqual({ token: "t".repeat(43) });
      expect(schema.parse({ email: "ada@example.com", code: "012345" })).toEqual({ email: "ada@example.com", code: "012345" });
      expect(paths(schema, { email: "nope", code: "012345" })).toEqual(["email"]);
      expect(paths(schema, { email: "ada@example.com", code: "12345" })).toEqual(["code"]);
      expect(paths(schema, { email: "ada@example.com", code: "１２３４５６" })).toEqual(["code"]);
      expect(paths(schema, { token: "short" })).toEqual(["token"]);
      expect(paths(schema, { token: "t".repeat(201) })).toEqual(["token"]);
      const neither = schema.safeParse({ email: "ada@example.com" });
      expect(neither.error?.issues[0]?.message).toMatch(/token .* or the email address and the 6-digit code/);
    }
  });
});

describe("auth response schemas", () => {
  const signIn = {
    user: { id: "usr_01k0000000000000000000000a", email: "ada@example.com", name: null, emailVerified: true },
    session: { id: "ses_01k0000000000000000000000a", expiresAt: "2030-01-01T00:00:00.000Z", amr: ["pwd"] },
    sessionToken: "s".repeat(43),
  };

  it("describe a sign-in and drop anything else a handler might add", () => {
    const withExtras = { ...signIn, user: { ...signIn.user, passwordHash: "$argon2id$…" }, tokenHash: "abc" };
    expect(signInResponseSchema.parse(withExtras)).toEqual(signIn);
    expect(signInResponseSchema.safeParse({ ...signIn, user: { ...signIn.user, id: "ses_01k0000000000000000000000a" } }).success).toBe(false);
  });

  it("describe a session list", () => {
    const session = {
      id: signIn.session.id,
      current: true,
      ipAddress: null,
      userAgent: "curl/8",
      amr: ["otp"],
      authTime: "2030-01-01T00:00:00.000Z",
      lastActiveAt: "2030-01-01T00:00:00.000Z",
      expiresAt: "2030-01-31T00:00:00.000Z",
    };
    expect(sessionListResponseSchema.parse({ sessions: [session] })).toEqual({ sessions: [session] });
    expect(sessionListResponseSchema.safeParse({ sessions: [{ ...session, current: undefined }] }).success).toBe(false);
  });
});
