import { hash, parseOptions } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import {
  bcryptInput,
  DUMMY_PASSWORD_HASH,
  hashPassword,
  needsRehash,
  PASSWORD_MAX_LENGTH,
  passwordHashOptions,
  passwordLength,
  verifyAgainstDummy,
  verifyPassword,
} from "./password";

/** Spaces, emoji (astral, 2 UTF-16 units, 4 bytes), CJK (3 bytes) and a combining mark with no precomposed form. */
const MIXED = "horse 🐎 電池 q\u0301 ";

/** A password of exactly `n` code points (after NFC) made of MIXED, padded with "x". */
function mixedPassword(n: number): string {
  const units = [...MIXED.normalize("NFC")];
  const chars: string[] = [];
  while (chars.length < n) chars.push(units[chars.length % units.length]!);
  return chars.join("");
}

/**
 * Fixtures made with the system's libxcrypt (`perl -e 'print crypt($password, $salt)'`), the same
 * salt under each prefix: bcrypt hashes of "correct horse battery staple".
 */
const BCRYPT_PASSWORD = "correct horse battery staple";
const BCRYPT_HASHES = ["2a", "2b", "2y"].map((v) => `$${v}$10$N9qo8uLOickgx2ZMRZoMyehtJ/whDdsI.d1w/JqKiOrDw8pCT0JLG`);
/** crypt("a" x 72) — which libxcrypt also returns, byte for byte, for crypt("a" x 72 . "tail"). */
const BCRYPT_OF_72_AS = "$2b$10$N9qo8uLOickgx2ZMRZoMye5mlC/WoAmNnGP3YkHGchsBkco85S4ZC";

describe("hashPassword / verifyPassword", () => {
  it("stores argon2id at OWASP parameters (m=19 MiB, t=2, p=1) and verifies only the same password", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(stored, "Correct horse battery staple")).toBe(false);
    expect(await verifyPassword(stored, "")).toBe(false);
  });

  it("round-trips 64- and 256-character passwords with spaces, emoji, CJK and combining marks", async () => {
    for (const n of [64, PASSWORD_MAX_LENGTH]) {
      const password = mixedPassword(n);
      expect(passwordLength(password)).toBe(n);
      expect(password).toMatch(/ /);
      expect(password).toMatch(/🐎/u);
      expect(password).toMatch(/電/);
      expect(password).toMatch(/\u0301/);
      const stored = await hashPassword(password);
      expect(await verifyPassword(stored, password)).toBe(true);
    }
  });

  it("treats the NFC and NFD forms of a password as one password", async () => {
    const nfc = "Crème brûlée à Noël, déjà vu".normalize("NFC");
    const nfd = nfc.normalize("NFD");
    expect(nfd).not.toBe(nfc); // different code units, same text
    expect(await verifyPassword(await hashPassword(nfc), nfd)).toBe(true);
    expect(await verifyPassword(await hashPassword(nfd), nfc)).toBe(true);
  });

  it("never truncates: a password and the same plus or with a changed last character differ, far past 72 bytes", async () => {
    const password = mixedPassword(PASSWORD_MAX_LENGTH - 1);
    expect(Buffer.byteLength(password)).toBeGreaterThan(4 * 72);
    const stored = await hashPassword(password);
    expect(await verifyPassword(stored, `${password}x`)).toBe(false);
    expect(await verifyPassword(stored, `${password.slice(0, -1)}x`)).toBe(false);
    expect(await verifyPassword(await hashPassword(`${password}x`), password)).toBe(false);

    // 256 emoji are 1,024 bytes: only the last one differs.
    const emoji = "🔑".repeat(PASSWORD_MAX_LENGTH);
    const emojiStored = await hashPassword(emoji);
    expect(await verifyPassword(emojiStored, `${"🔑".repeat(PASSWORD_MAX_LENGTH - 1)}🔒`)).toBe(false);
    expect(await verifyPassword(emojiStored, emoji)).toBe(true);
  });

  it("refuses to hash what it cannot take whole, instead of cutting it short", async () => {
    await expect(hashPassword(mixedPassword(PASSWORD_MAX_LENGTH + 1))).rejects.toThrow(RangeError);
    // A lone surrogate has no UTF-8 form; encoding would silently replace it.
    await expect(hashPassword("password\uD800password")).rejects.toThrow(RangeError);
    const stored = await hashPassword(mixedPassword(PASSWORD_MAX_LENGTH));
    expect(await verifyPassword(stored, mixedPassword(PASSWORD_MAX_LENGTH + 1))).toBe(false);
  });

  it("answers false for a malformed stored hash instead of throwing", async () => {
    expect(await verifyPassword("", "anything at all")).toBe(false);
    expect(await verifyPassword("$argon2id$v=19$m=19456,t=2,p=1$garbage", "anything at all")).toBe(false);
  });
});

describe("imported bcrypt hashes", () => {
  it("reads at most 72 bytes: longer passwords are refused, never truncated", () => {
    expect(bcryptInput("a".repeat(72))?.length).toBe(72);
    expect(bcryptInput("a".repeat(73))).toBeNull();
    expect(bcryptInput("€".repeat(24))?.length).toBe(72); // 3 bytes each
    expect(bcryptInput(`${"€".repeat(24)}a`)).toBeNull();
    expect(bcryptInput("🔑".repeat(18))?.length).toBe(72); // 4 bytes each
    expect(bcryptInput("🔑".repeat(19))).toBeNull();
    // Measured after NFC: 36 "é" are 72 bytes composed, 108 decomposed.
    expect(bcryptInput("é".repeat(36).normalize("NFD"))?.length).toBe(72);
  });

  it("verify in all three prefixes, and a wrong password does not", async () => {
    for (const stored of BCRYPT_HASHES) {
      expect(await verifyPassword(stored, BCRYPT_PASSWORD)).toBe(true);
      expect(await verifyPassword(stored, `${BCRYPT_PASSWORD}!`)).toBe(false);
    }
  });

  it("never match past bcrypt's 72 bytes, where bcrypt itself would silently truncate", async () => {
    expect(await verifyPassword(BCRYPT_OF_72_AS, "a".repeat(72))).toBe(true);
    expect(await verifyPassword(BCRYPT_OF_72_AS, `${"a".repeat(72)}tail`)).toBe(false);
  });
});

describe("needsRehash", () => {
  it("is true for bcrypt in all three prefixes", () => {
    for (const stored of [...BCRYPT_HASHES, BCRYPT_OF_72_AS]) expect(needsRehash(stored)).toBe(true);
  });

  it("is true for argon2 weaker than ours or not argon2id, false for ours and stronger", async () => {
    const password = "correct horse battery staple";
    expect(needsRehash(await hashPassword(password))).toBe(false);
    const variant = (options: { memoryCost?: number; timeCost?: number; algorithm?: 0 | 1 | 2 }) =>
      hash(password, { ...passwordHashOptions, ...options });
    expect(needsRehash(await variant({ memoryCost: 4096 }))).toBe(true);
    expect(needsRehash(await variant({ timeCost: 1 }))).toBe(true);
    expect(needsRehash(await variant({ algorithm: 1 }))).toBe(true); // argon2i
    expect(needsRehash(await variant({ algorithm: 0 }))).toBe(true); // argon2d
    expect(needsRehash(await variant({ memoryCost: 65_536, timeCost: 3 }))).toBe(false);
  });

  it("is true for anything it does not recognise", () => {
    for (const stored of ["", "plaintext", "$argon2id$garbage", "$1$abc$def"]) expect(needsRehash(stored)).toBe(true);
  });
});

describe("verifyAgainstDummy", () => {
  it("uses a hash at exactly our parameters, and never matches", async () => {
    expect(parseOptions(DUMMY_PASSWORD_HASH)).toMatchObject({
      algorithm: passwordHashOptions.algorithm,
      memoryCost: passwordHashOptions.memoryCost,
      timeCost: passwordHashOptions.timeCost,
      parallelism: passwordHashOptions.parallelism,
    });
    expect(needsRehash(DUMMY_PASSWORD_HASH)).toBe(false);
    expect(await verifyAgainstDummy("correct horse battery staple")).toBe(false);
    expect(await verifyAgainstDummy("")).toBe(false);
  });
});
