import { hash, verify } from "@node-rs/argon2";

/**
 * argon2id at OWASP's recommended floor (m = 19 MiB, t = 2, p = 1). `2` is Argon2id in the
 * library's const enum, which isolated modules cannot import.
 */
const ARGON2ID = 2;
export const passwordHashOptions = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, passwordHashOptions);
}

/** Constant-time verification inside the library; a malformed stored hash verifies as false. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
