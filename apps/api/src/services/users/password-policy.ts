import { dictionary } from "@zxcvbn-ts/language-common";
import type { TenantSettings } from "@plinto/db/schema";
import { isHashablePassword, normalizePassword, PASSWORD_MAX_LENGTH, passwordLength } from "../../lib/password";

/**
 * Which passwords a tenant accepts, per NIST SP 800-63B: a minimum length counted in Unicode code
 * points (after NFC, the form the password is hashed in), a generous maximum that is refused and
 * never truncated, a shipped list of common passwords and context-specific words refused — and no
 * composition rules (no "one digit, one symbol"), since they make passwords harder to remember
 * without making them harder to guess.
 */

/** NIST's floor when a password is one factor of several. */
export const PASSWORD_MIN_LENGTH = 8;
/** NIST's floor when a password alone signs someone in. */
export const PASSWORD_ONLY_MIN_LENGTH = 15;
export { PASSWORD_MAX_LENGTH };

export interface PasswordPolicy {
  minLength: number;
}

/** Words a password must not be, because an attacker targeting this account would try them first. */
export interface PasswordContext {
  /** The account's email address; its local part (before the @) is refused too. */
  email?: string | null | undefined;
  /** Other words specific to the service: the tenant's and product's names, as people see them. */
  words?: ReadonlyArray<string | null | undefined>;
}

export type PasswordProblemCode = "too_short" | "too_long" | "common" | "contains_context" | "invalid_characters";
export interface PasswordProblem {
  code: PasswordProblemCode;
  /** For the person choosing the password: what is wrong and what to do instead. */
  message: string;
}
export type PasswordEvaluation = { ok: true } | { ok: false; problems: PasswordProblem[] };

/** The tenant's minimum: 8, or 15 when a password alone may sign in, or the tenant's own if higher. */
export function policyForTenant(settings: TenantSettings | null | undefined): PasswordPolicy {
  const policy = settings?.passwordPolicy;
  const floor = policy?.allowPasswordOnly ? PASSWORD_ONLY_MIN_LENGTH : PASSWORD_MIN_LENGTH;
  const requested =
    typeof policy?.minLength === "number" && Number.isFinite(policy.minLength) ? Math.ceil(policy.minLength) : 0;
  // Never above the maximum, or no password could be chosen at all.
  return { minLength: Math.min(Math.max(floor, requested), PASSWORD_MAX_LENGTH) };
}

let commonPasswords: Set<string> | undefined;

/**
 * Whether the password, ignoring case, is on the shipped list: the ~49,000 most common passwords
 * from breach corpora, as ranked by zxcvbn-ts (`@zxcvbn-ts/language-common`, all lowercase).
 */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"]);
  return commonPasswords.has(fold(password));
}

/** Checks a new password against the policy and returns every problem found, or `{ ok: true }`. */
export function evaluatePassword(
  password: string,
  options: PasswordPolicy & { context?: PasswordContext | undefined },
): PasswordEvaluation {
  const minLength = Math.max(options.minLength, PASSWORD_MIN_LENGTH);
  const length = passwordLength(password);

  if (length > PASSWORD_MAX_LENGTH) {
    return fail({
      code: "too_long",
      message: `Use at most ${PASSWORD_MAX_LENGTH} characters. Passwords are never cut short, so choose a shorter one.`,
    });
  }
  if (!isHashablePassword(password)) {
    return fail({
      code: "invalid_characters",
      message: "This password contains characters that cannot be stored reliably. Type it again, or choose another.",
    });
  }

  const problems: PasswordProblem[] = [];
  if (length < minLength) {
    problems.push({
      code: "too_short",
      message: `Use at least ${minLength} characters. A few unrelated words make a long password that is easy to remember.`,
    });
  }
  if (isCommonPassword(password)) {
    problems.push({
      code: "common",
      message: "This is one of the most common passwords, which attackers try first. Choose one that is less predictable.",
    });
  }
  const contextProblem = matchContext(password, options.context);
  if (contextProblem) problems.push(contextProblem);

  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

function matchContext(password: string, context: PasswordContext | undefined): PasswordProblem | undefined {
  if (!context) return undefined;
  const folded = fold(password);
  const email = context.email ? fold(context.email.trim()) : "";
  if (email) {
    const at = email.lastIndexOf("@");
    const localPart = at > 0 ? email.slice(0, at) : "";
    if (folded === email || (localPart && folded === localPart)) {
      return {
        code: "contains_context",
        message: "Don't use your email address, or the part before the @, as your password. Choose something else.",
      };
    }
  }
  for (const candidate of context.words ?? []) {
    const word = candidate ? fold(candidate.trim()) : "";
    if (word && folded === word) {
      return {
        code: "contains_context",
        message: "Don't use the name of this service or organization as your password. Choose something else.",
      };
    }
  }
  return undefined;
}

/** The form passwords and words are compared in: NFC, lowercase. */
function fold(text: string): string {
  return normalizePassword(text).toLowerCase();
}

function fail(problem: PasswordProblem): PasswordEvaluation {
  return { ok: false, problems: [problem] };
}
