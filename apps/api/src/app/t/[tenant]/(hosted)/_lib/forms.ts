import { RateLimitedError, ServiceError } from "../../../../../services/errors";
import type { FormState } from "./form-state";

/** Longest address accepted (RFC 5321's path limit); longer input is refused before any work. */
export const EMAIL_MAX_LENGTH = 320;
/** Bounds what reaches the password hasher; the policy itself refuses new passwords over 256. */
export const PASSWORD_INPUT_MAX_LENGTH = 1024;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,200}$/;

/** A form field as a string: missing or a file both count as empty. */
export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function checkEmail(raw: string): Checked<string> {
  const email = raw.trim();
  if (email === "") return { ok: false, message: "Enter your email address" };
  if (email.length > EMAIL_MAX_LENGTH || !EMAIL_SHAPE.test(email)) {
    return { ok: false, message: "Enter an email address like name@example.com" };
  }
  return { ok: true, value: email };
}

/** A six-digit code as people type or paste it: spaces and dashes between digits are dropped. */
export function checkCode(raw: string): Checked<string> {
  const code = raw.replace(/[\s-]/g, "");
  if (code === "") return { ok: false, message: "Enter the 6-digit code from the email" };
  if (!/^\d{6}$/.test(code)) return { ok: false, message: "The code is 6 digits, like 123456" };
  return { ok: true, value: code };
}

/** A link token as the mail carries it (base64url), or undefined for anything else. */
export function linkToken(raw: unknown): string | undefined {
  return typeof raw === "string" && TOKEN_SHAPE.test(raw) ? raw : undefined;
}

/** "45 seconds", "about 2 minutes", "about 3 hours": how long a rate limit lasts, for people. */
export function describeWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} second${s === 1 ? "" : "s"}`;
  const minutes = Math.ceil(s / 60);
  if (minutes < 90) return `about ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  return `about ${hours} hours`;
}

/** The answer when the form itself is incomplete: one message, the fields marked. */
export function invalidForm(fieldErrors: Record<string, string>, values: FormState["values"]): FormState {
  const count = Object.keys(fieldErrors).length;
  return {
    status: "error",
    code: "validation_failed",
    message: count === 1 ? Object.values(fieldErrors)[0] : "Check the fields marked below",
    fieldErrors,
    values,
  };
}

/**
 * A service's refusal as form state: its message for the Alert, its field errors under the
 * fields. Anything else is logged by name only (the form data may hold a password) and answered
 * with a message that gives nothing away.
 */
export function errorState(error: unknown, values: FormState["values"]): FormState {
  if (error instanceof RateLimitedError) {
    return {
      status: "error",
      code: error.code,
      message: `Too many attempts. Please wait ${describeWait(error.retryAfterSeconds)} and try again.`,
      values,
    };
  }
  if (error instanceof ServiceError) {
    const fieldErrors: Record<string, string> = {};
    for (const field of error.fields ?? []) fieldErrors[field.path] ??= field.message;
    return {
      status: "error",
      code: error.code,
      message: error.message,
      ...(Object.keys(fieldErrors).length > 0 ? { fieldErrors } : {}),
      values,
    };
  }
  console.error(`plinto-api: unhandled ${error instanceof Error ? error.name : typeof error} in a hosted page action`);
  return { status: "error", code: "internal_error", message: "Something went wrong on our side. Please try again in a moment.", values };
}
