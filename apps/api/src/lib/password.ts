import { verify as verifyBcryptHash } from "@node-rs/bcrypt";
import { hash, parseOptions, verify } from "@node-rs/argon2";

/**
 * Password hashing: argon2id at OWASP's recommended floor (m = 19 MiB, t = 2, p = 1) through
 * @node-rs/argon2. Every password is NFC-normalised before it is hashed or verified, so "é" typed as
 * one code point or as "e" + a combining accent is the same password. Nothing is ever truncated:
 * input the hasher will not take whole is refused, never cut short.
 *
 * `2` is Argon2id in the library's const enum, which isolated modules cannot import.
 */
const ARGON2ID = 2;
/** `Version.V0x13` (Argon2 1.3) in the library's const enum. */
const ARGON2_VERSION_13 = 1;
export const passwordHashOptions = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * The longest password the hasher takes, in Unicode code points after NFC. It bounds the work one
 * request can cause; the password policy refuses longer passwords with a message, so in practice
 * only a crafted request reaches this limit here.
 */
export const PASSWORD_MAX_LENGTH = 256;

/** bcrypt reads only the first 72 bytes of a password and silently ignores the rest. */
export const BCRYPT_MAX_BYTES = 72;

/**
 * An argon2id hash, at our parameters, of 32 random bytes that were thrown away: nothing verifies
 * against it, and verifying against it costs exactly what verifying a real password does. A test
 * keeps its parameters equal to `passwordHashOptions`.
 */
export const DUMMY_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$RBd9nFqg0ZD+SCzW04EBRw$uSldmFrQi8DwKIJg6lJiQ4RJNI/hdyluRu6IthaPVs0";

const BCRYPT_HASH = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;
/** In `u` mode only an unpaired surrogate matches: it has no UTF-8 form, so it would hash lossily. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The form every password is measured, hashed and compared in. */
export function normalizePassword(password: string): string {
  return password.normalize("NFC");
}

/** Length as people count it: Unicode code points of the NFC form, not UTF-16 units or bytes. */
export function passwordLength(password: string): number {
  let count = 0;
  for (const _ of normalizePassword(password)) count++;
  return count;
}

/** Whether the password is text the hasher can take whole: well-formed Unicode, within the limit. */
export function isHashablePassword(password: string): boolean {
  return !LONE_SURROGATE.test(password) && passwordLength(password) <= PASSWORD_MAX_LENGTH;
}

export function isBcryptHash(stored: string): boolean {
  return BCRYPT_HASH.test(stored);
}

/**
 * The bytes bcrypt would read for this password, or null when there are more than 72 of them:
 * a legacy hash only ever saw the first 72, so accepting a longer password would accept any
 * password sharing that prefix. Such a user resets their password instead.
 */
export function bcryptInput(password: string): Buffer | null {
  const bytes = Buffer.from(normalizePassword(password), "utf8");
  return bytes.length > BCRYPT_MAX_BYTES ? null : bytes;
}

/** Refuses (throws) rather than truncates input the policy should already have refused. */
export function hashPassword(password: string): Promise<string> {
  if (!isHashablePassword(password)) {
    return Promise.reject(
      new RangeError(`A password must be well-formed Unicode of at most ${PASSWORD_MAX_LENGTH} characters`),
    );
  }
  return hash(normalizePassword(password), passwordHashOptions);
}

/**
 * Whether `password` matches the stored hash. Constant-time comparison happens inside the
 * library. Every path that answers false without a real verification first spends the time of
 * one (see `verifyAgainstDummy`), so the answer's timing says nothing about the stored hash.
 *
 * Imported bcrypt hashes (`$2a$`, `$2b$`, `$2y$`; `passwordHash` on `POST /v1/users`) verify with
 * bcrypt, and a password longer than 72 bytes never matches one (bcrypt would have ignored its
 * tail); `needsRehash` reports them, so the sign-in replaces them with argon2id.
 */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (!isHashablePassword(password)) return verifyAgainstDummy("");
  if (isBcryptHash(stored)) {
    const input = bcryptInput(password);
    return input === null ? verifyAgainstDummy(password) : verifyBcrypt(stored, input);
  }
  try {
    return await verify(stored, normalizePassword(password));
  } catch {
    // A malformed or unsupported stored hash.
    return verifyAgainstDummy(password);
  }
}

/**
 * Imported bcrypt hashes (users moved from another system) verify with @node-rs/bcrypt, given at
 * most the 72 bytes bcrypt reads (`bcryptInput` refuses longer passwords instead of truncating).
 * A malformed bcrypt hash verifies as false after the usual time.
 */
async function verifyBcrypt(stored: string, input: Buffer): Promise<boolean> {
  try {
    return await verifyBcryptHash(input, stored);
  } catch {
    return verifyAgainstDummy(input.toString("utf8"));
  }
}

/**
 * Spends the time of one real verification and answers false. The sign-in path runs it for an
 * unknown email, so a stranger cannot tell from the response time whether an account exists.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  try {
    await verify(DUMMY_PASSWORD_HASH, normalizePassword(isHashablePassword(password) ? password : ""));
  } catch {
    // Cannot happen with the fixed hash; the answer is false either way.
  }
  return false;
}

/**
 * Whether a stored hash should be replaced, after a successful sign-in, by `hashPassword` of the
 * password just verified: true for bcrypt, for argon2 other than argon2id 1.3, for argon2id
 * weaker than our parameters (less memory, fewer passes, shorter salt or output), and for
 * anything unrecognised. Stronger argon2id hashes are kept.
 */
export function needsRehash(stored: string): boolean {
  if (isBcryptHash(stored)) return true;
  try {
    const options = parseOptions(stored);
    return (
      options.algorithm !== ARGON2ID ||
      options.version !== ARGON2_VERSION_13 ||
      options.memoryCost < passwordHashOptions.memoryCost ||
      options.timeCost < passwordHashOptions.timeCost ||
      options.saltLen < 16 ||
      options.outputLen < 32
    );
  } catch {
    return true;
  }
}
