import { describe, expect, it } from "vitest";
import { cn } from "./cn";

describe("cn", () => {
  it("joins truthy classes from strings, arrays and objects", () => {
    expect(cn("a", false, null, undefined, "", ["b", ["c"]], { d: true, e: false }, 0)).toBe("a b c d 0");
  });
});
