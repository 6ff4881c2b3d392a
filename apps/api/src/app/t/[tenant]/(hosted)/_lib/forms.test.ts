import { describe, expect, it, vi } from "vitest";
import { RateLimitedError, ServiceError } from "../../../../../services/errors";
import { checkCode, checkEmail, describeWait, errorState, formText, invalidForm, linkToken } from "./forms";

describe("form fields", () => {
  it("reads text fields, treating files and missing fields as empty", () => {
    const data = new FormData();
    data.set("email", " ada@example.com ");
    data.set("file", new Blob(["x"]));
    expect(formText(data, "email")).toBe(" ada@example.com ");
    expect(formText(data, "file")).toBe("");
    expect(formText(data, "missing")).toBe("");
  });

  it("checks an address's shape only (the services normalise it)", () => {
    expect(checkEmail("  ada@example.com ")).toEqual({ ok: true, value: "ada@example.com" });
    expect(checkEmail("")).toEqual({ ok: false, message: "Enter your email address" });
    expect(checkEmail("ada")).toMatchObject({ ok: false });
    expect(checkEmail(`${"a".repeat(320)}@example.com`)).toMatchObject({ ok: false });
  });

  it("takes a code as people paste it", () => {
    expect(checkCode(" 123 456 ")).toEqual({ ok: true, value: "123456" });
    expect(checkCode("123-456")).toEqual({ ok: true, value: "123456" });
    expect(checkCode("")).toMatchObject({ ok: false, message: "Enter the 6-digit code from the email" });
    expect(checkCode("12345")).toMatchObject({ ok: false });
    expect(checkCode("12345a")).toMatchObject({ ok: false });
  });

  it("accepts a link token of the mailed shape only", () => {
    expect(linkToken("AbC_d-0123456789xyzXYZ")).toBe("AbC_d-0123456789xyzXYZ");
    for (const value of ["", "short", "has space in it 1234567", "a".repeat(201), ["a".repeat(20)], undefined]) {
      expect(linkToken(value)).toBeUndefined();
    }
  });
});

describe("describeWait", () => {
  it("says how long in words", () => {
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(0.2)).toBe("1 second");
    expect(describeWait(45)).toBe("45 seconds");
    expect(describeWait(60)).toBe("about 1 minute");
    expect(describeWait(61)).toBe("about 2 minutes");
    expect(describeWait(15 * 60)).toBe("about 15 minutes");
    expect(describeWait(24 * 3600)).toBe("about 24 hours");
  });
});

describe("errorState", () => {
  it("turns a rate limit into a wait", () => {
    expect(errorState(new RateLimitedError(125), { email: "a@example.com" })).toEqual({
      status: "error",
      code: "rate_limited",
      message: "Too many attempts. Please wait about 3 minutes and try again.",
      values: { email: "a@example.com" },
    });
  });

  it("keeps a service's message and puts its field errors on the fields", () => {
    const error = new ServiceError("validation_failed", "Use at least 8 characters", [
      { path: "password", message: "Use at least 8 characters" },
      { path: "password", message: "Avoid common passwords" },
    ]);
    expect(errorState(error, {})).toEqual({
      status: "error",
      code: "validation_failed",
      message: "Use at least 8 characters",
      fieldErrors: { password: "Use at least 8 characters" },
      values: {},
    });
  });

  it("answers anything else without detail, logging its name only", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const state = errorState(new TypeError("password hunter2 in a stack"), {});
    expect(state).toMatchObject({ status: "error", code: "internal_error" });
    expect(JSON.stringify(state)).not.toContain("hunter2");
    expect(log.mock.calls.flat().join(" ")).not.toContain("hunter2");
    log.mockRestore();
  });

  it("summarises several missing fields in one line", () => {
    expect(invalidForm({ email: "Enter your email address" }, {}).message).toBe("Enter your email address");
    expect(invalidForm({ email: "a", password: "b" }, {}).message).toBe("Check the fields marked below");
  });
});
