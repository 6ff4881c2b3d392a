import { describe, expect, it } from "vitest";
import { COOKIE_CHUNK_SIZE, readSessionCookie, sessionCookieParts } from "./session-cookie";

describe("the session cookie outside next-auth", () => {
  const name = "plinto-admin.session-token";

  it("writes a short value as one cookie and expires chunks left from a long one", () => {
    expect(sessionCookieParts("abc", name, [name, `${name}.0`, `${name}.1`, "other"])).toEqual({
      set: [[name, "abc"]],
      expire: [`${name}.0`, `${name}.1`],
    });
  });

  it("splits a long value into chunks next-auth reads back in order, and expires the single cookie", () => {
    const value = "x".repeat(COOKIE_CHUNK_SIZE) + "y".repeat(COOKIE_CHUNK_SIZE) + "z";
    const { set, expire } = sessionCookieParts(value, name, [name]);
    expect(set.map(([key, part]) => [key, part.length])).toEqual([
      [`${name}.0`, COOKIE_CHUNK_SIZE],
      [`${name}.1`, COOKIE_CHUNK_SIZE],
      [`${name}.2`, 1],
    ]);
    expect(expire).toEqual([name]);
    // Read back from a jar in any order, with ten or more chunks sorting by number, not text.
    const jar = Object.fromEntries([...set].reverse());
    expect(readSessionCookie(jar, name)).toBe(value);
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`${name}.${i}`, String.fromCharCode(97 + i)]));
    expect(readSessionCookie(many, name)).toBe("abcdefghijk");
    expect(readSessionCookie({ other: "1" }, name)).toBeUndefined();
  });
});
