import { describe, expect, it } from "vitest";
import { isId, newId } from "./id";

describe("newId", () => {
  it("prefixes the kind and uses 26 base32 characters", () => {
    const id = newId("user");
    expect(id).toMatch(/^usr_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(isId("user", id)).toBe(true);
    expect(isId("tenant", id)).toBe(false);
  });

  it("sorts by creation time", () => {
    const earlier = newId("session", Date.UTC(2026, 0, 1));
    const later = newId("session", Date.UTC(2026, 0, 1, 0, 0, 0, 1));
    expect(earlier < later).toBe(true);
  });

  it("does not repeat", () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => newId("job", 0)));
    expect(seen.size).toBe(10_000);
  });

  it("rejects junk", () => {
    expect(isId("user", "usr_")).toBe(false);
    expect(isId("user", "usr_01ARZ3NDEKTSV4RRFFQ69G5FAV' or 1=1")).toBe(false);
  });
});
