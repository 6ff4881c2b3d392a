import { describe, expect, it } from "vitest";
import { contactErrors, contactMessageSchema } from "./contact";

const valid = { name: "Ada Lovelace", email: "ada@example.com", company: "", topic: "sales", message: "How does the Pro plan count users?" };

describe("contactMessageSchema", () => {
  it("accepts a complete message, trimmed, with an empty company left out", () => {
    expect(contactMessageSchema.parse({ ...valid, name: "  Ada Lovelace  " })).toEqual({
      name: "Ada Lovelace",
      email: "ada@example.com",
      company: undefined,
      topic: "sales",
      message: "How does the Pro plan count users?",
    });
    expect(contactMessageSchema.parse({ ...valid, company: "Analytical Engines" }).company).toBe("Analytical Engines");
  });

  it("says what is wrong with each field", () => {
    const result = contactMessageSchema.safeParse({ name: " ", email: "not-an-address", topic: "lunch", message: "hi" });
    expect(result.success).toBe(false);
    expect(contactErrors(result.error!.issues)).toEqual({
      name: "Enter your name",
      email: "Enter an email address like name@example.com",
      topic: "Choose what your message is about",
      message: "Write at least 10 characters, so we can answer",
    });
  });

  it("bounds every field", () => {
    expect(contactMessageSchema.safeParse({ ...valid, message: "x".repeat(5001) }).success).toBe(false);
    expect(contactMessageSchema.safeParse({ ...valid, name: "x".repeat(121) }).success).toBe(false);
    expect(contactMessageSchema.safeParse({ ...valid, email: `${"x".repeat(250)}@example.com` }).success).toBe(false);
  });

  it("treats missing fields as missing, not as a crash", () => {
    const result = contactMessageSchema.safeParse({});
    expect(Object.keys(contactErrors(result.error!.issues)).sort()).toEqual(["email", "message", "name", "topic"]);
  });
});
