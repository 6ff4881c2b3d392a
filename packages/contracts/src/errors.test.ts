import { describe, expect, it } from "vitest";
import { errorCatalog, isErrorCode, problemType } from "./errors";
import { problemDetailsSchema } from "./problem";

describe("error catalog", () => {
  it("gives every code an HTTP error status and a title", () => {
    for (const [code, entry] of Object.entries(errorCatalog)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
      expect(entry.title.length, code).toBeGreaterThan(0);
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    }
  });

  it("builds a stable problem type per code", () => {
    expect(problemType("not_found")).toBe("https://plinto.dev/errors/not_found");
    expect(isErrorCode("not_found")).toBe(true);
    expect(isErrorCode("toString")).toBe(false);
  });

  it("parses a problem document and rejects one without a code", () => {
    const parsed = problemDetailsSchema.parse({
      type: problemType("validation_failed"),
      title: "The request is not valid",
      status: 400,
      code: "validation_failed",
      errors: [{ path: "email", message: "Invalid email" }],
    });
    expect(parsed.errors?.[0]?.path).toBe("email");
    expect(problemDetailsSchema.safeParse({ type: "x", title: "y", status: 400 }).success).toBe(false);
  });
});
