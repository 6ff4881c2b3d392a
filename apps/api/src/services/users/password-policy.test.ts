import { dictionary } from "@zxcvbn-ts/language-common";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenants, type TenantSettings } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { verifyPassword } from "../../lib/password";
import { systemContext } from "../context";
import { ServiceError } from "../errors";
import { createTenant } from "../tenants/tenants";
import {
  evaluatePassword,
  isCommonPassword,
  PASSWORD_MAX_LENGTH,
  type PasswordEvaluation,
  policyForTenant,
} from "./password-policy";
import { createUser, getPasswordHash, setPassword } from "./users";

const base = { minLength: 8 };

function codes(result: PasswordEvaluation): string[] {
  return result.ok ? [] : result.problems.map((p) => p.code);
}

/** Exactly `n` code points of spaces, emoji, CJK and a combining mark with no precomposed form. */
function mixedPassword(n: number): string {
  const units = [..."lantern 🐎 電池 q\u0301 "];
  return Array.from({ length: n }, (_, i) => units[i % units.length]!).join("");
}

describe("evaluatePassword: length", () => {
  it("accepts 64 and 256 code points with spaces, emoji, CJK and combining marks", () => {
    for (const n of [64, PASSWORD_MAX_LENGTH]) {
      const password = mixedPassword(n);
      expect([...password.normalize("NFC")]).toHaveLength(n);
      expect(evaluatePassword(password, base)).toEqual({ ok: true });
    }
    expect(PASSWORD_MAX_LENGTH).toBeGreaterThanOrEqual(64);
  });

  it("refuses more than the maximum with a message, rather than truncating", () => {
    const result = evaluatePassword(mixedPassword(PASSWORD_MAX_LENGTH + 1), base);
    expect(codes(result)).toEqual(["too_long"]);
    expect(!result.ok && result.problems[0]!.message).toMatch(/at most 256 characters/);
  });

  it("counts Unicode code points after NFC, not bytes or UTF-16 units", () => {
    const sevenEmoji = "🔑".repeat(7); // 28 bytes, 14 UTF-16 units
    const sevenCjk = "電池電池電池電"; // 21 bytes
    const sevenAccents = "é".repeat(7).normalize("NFD"); // 14 code points before NFC
    for (const password of [sevenEmoji, sevenCjk, sevenAccents]) {
      expect(Buffer.byteLength(password)).toBeGreaterThanOrEqual(8);
      expect(codes(evaluatePassword(password, base))).toEqual(["too_short"]);
    }
    expect(evaluatePassword("🔑".repeat(8), base)).toEqual({ ok: true });
    expect(evaluatePassword("電池電池電池電池", base)).toEqual({ ok: true });
  });

  it("says how long a password must be, in plain words", () => {
    const result = evaluatePassword("abc", { minLength: 15 });
    expect(!result.ok && result.problems[0]).toEqual({
      code: "too_short",
      message: expect.stringMatching(/^Use at least 15 characters\./) as unknown as string,
    });
  });

  it("never lets a caller's minimum fall below 8", () => {
    expect(codes(evaluatePassword("q7 zx!v", { minLength: 4 }))).toEqual(["too_short"]);
  });

  it("refuses text that is not well-formed Unicode, which could not be hashed faithfully", () => {
    expect(codes(evaluatePassword("lantern\uD800lantern", base))).toEqual(["invalid_characters"]);
  });
});

describe("evaluatePassword: no composition rules", () => {
  it("accepts passwords without digits, capitals or symbols — or with nothing but digits", () => {
    for (const password of ["velvet orbit marmalade", "alllowercaseletters", "48207519364", "😀😀😀😀😀😀😀😀"]) {
      expect(evaluatePassword(password, base), password).toEqual({ ok: true });
    }
  });
});

describe("evaluatePassword: common passwords", () => {
  it("ships a list of tens of thousands of common passwords", () => {
    expect(dictionary["passwords-common"].length).toBeGreaterThan(30_000);
  });

  it("refuses listed passwords whatever their case", () => {
    for (const [password, listed] of [
      ["password", "password"],
      ["Password1", "password1"],
      ["qwerty123", "qwerty123"],
      ["ILOVEYOU", "iloveyou"],
      ["Trustno1", "trustno1"],
    ] as const) {
      expect(dictionary["passwords-common"]).toContain(listed);
      expect(isCommonPassword(password)).toBe(true);
      expect(codes(evaluatePassword(password, base)), password).toEqual(["common"]);
    }
  });

  it("reports every problem at once", () => {
    expect(codes(evaluatePassword("qwerty", base))).toEqual(["too_short", "common"]);
  });

  it("does not refuse a password that merely contains a common one", () => {
    expect(evaluatePassword("password is not my password", base)).toEqual({ ok: true });
  });
});

describe("evaluatePassword: context-specific words", () => {
  const context = { email: "Grace.Hopper@Example.com", words: ["Acme Rockets", "acme-prod", undefined, ""] };

  it("refuses the email address and its local part, ignoring case", () => {
    for (const password of ["grace.hopper@example.com", "GRACE.HOPPER@EXAMPLE.COM", "Grace.Hopper", "grace.hopper"]) {
      const result = evaluatePassword(password, { ...base, context });
      expect(codes(result), password).toEqual(["contains_context"]);
      expect(!result.ok && result.problems[0]!.message).toMatch(/email address/);
    }
  });

  it("refuses the tenant's and product's names, ignoring case", () => {
    for (const password of ["acme rockets", "ACME ROCKETS", "Acme-Prod"]) {
      const result = evaluatePassword(password, { ...base, context });
      expect(codes(result), password).toEqual(["contains_context"]);
      expect(!result.ok && result.problems[0]!.message).toMatch(/name of this service/);
    }
  });

  it("accepts passwords that only contain those words", () => {
    for (const password of ["grace.hopper wrote the first compiler", "acme rockets to the moon"]) {
      expect(evaluatePassword(password, { ...base, context }), password).toEqual({ ok: true });
    }
  });
});

describe("policyForTenant", () => {
  const cases: Array<[TenantSettings | undefined, number]> = [
    [undefined, 8],
    [{}, 8],
    [{ passwordPolicy: {} }, 8],
    [{ passwordPolicy: { allowPasswordOnly: true } }, 15],
    [{ passwordPolicy: { minLength: 12 } }, 12],
    [{ passwordPolicy: { minLength: 4 } }, 8],
    [{ passwordPolicy: { minLength: 12, allowPasswordOnly: true } }, 15],
    [{ passwordPolicy: { minLength: 20, allowPasswordOnly: true } }, 20],
    [{ passwordPolicy: { minLength: Number.NaN } }, 8],
    [{ passwordPolicy: { minLength: 10_000 } }, PASSWORD_MAX_LENGTH],
  ];
  it.each(cases)("%j → minimum %i", (settings, minLength) => {
    expect(policyForTenant(settings)).toEqual({ minLength });
  });

  it("asks for 15 characters when a password alone signs in", () => {
    const policy = policyForTenant({ passwordPolicy: { allowPasswordOnly: true } });
    expect(codes(evaluatePassword("fourteen chars", policy))).toEqual(["too_short"]);
    expect(evaluatePassword("fifteen chars!!", policy)).toEqual({ ok: true });
  });
});

describe("createUser / setPassword apply the tenant's policy", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    ({ database } = await getTestInstance());
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function tenantWith(slug: string, name: string, settings: TenantSettings) {
    const tenant = await createTenant(database.db, systemContext, { slug, name });
    await database.db.update(tenants).set({ settings }).where(eq(tenants.id, tenant.id));
    return tenant;
  }

  async function refusal(promise: Promise<unknown>) {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe("validation_failed");
    return (error as ServiceError).fields;
  }

  it("requires 15 characters in a password-only tenant, 8 elsewhere", async () => {
    const strict = await tenantWith("policy-strict", "Strict", { passwordPolicy: { allowPasswordOnly: true } });
    const relaxed = await tenantWith("policy-relaxed", "Relaxed", {});
    const fields = await refusal(
      createUser(database.db, systemContext, { tenantId: strict.id, email: "a@example.com", password: "fourteen chars" }),
    );
    expect(fields).toEqual([{ path: "password", message: expect.stringMatching(/at least 15 characters/) as unknown }]);
    await createUser(database.db, systemContext, { tenantId: strict.id, email: "b@example.com", password: "fifteen chars!!" });
    await createUser(database.db, systemContext, { tenantId: relaxed.id, email: "a@example.com", password: "fourteen chars" });
  });

  it("refuses a common password, the email, its local part and the tenant's names", async () => {
    const tenant = await tenantWith("policy-context", "Lighthouse Labs", {
      branding: { displayName: "Beacon Portal" },
    });
    const email = "margaret.hamilton@example.com";
    for (const password of ["Password1", email, "Margaret.Hamilton", "lighthouse labs", "policy-context", "beacon portal"]) {
      const fields = await refusal(createUser(database.db, systemContext, { tenantId: tenant.id, email, password }));
      expect(fields?.[0]?.path, password).toBe("password");
    }

    const user = await createUser(database.db, systemContext, { tenantId: tenant.id, email, password: "apollo guidance computer" });
    await refusal(setPassword(database.db, systemContext, { tenantId: tenant.id, userId: user.id, password: "MARGARET.HAMILTON" }));
    await refusal(setPassword(database.db, systemContext, { tenantId: tenant.id, userId: user.id, password: "qwerty123" }));
    const stored = await getPasswordHash(database.db, tenant.id, user.id);
    expect(await verifyPassword(stored!, "apollo guidance computer")).toBe(true);

    await setPassword(database.db, systemContext, { tenantId: tenant.id, userId: user.id, password: "rope core memory" });
    expect(await verifyPassword((await getPasswordHash(database.db, tenant.id, user.id))!, "rope core memory")).toBe(true);
  });
});
