import { z } from "zod";
import { isId } from "@plinto/db";

/** One mail to one person. Built by services; the mailer checks it before anything leaves. */
export interface MailMessage {
  tenantId: string;
  /** Exactly one address, e.g. `ada@example.com`: never a list, never `Name <address>`. */
  to: string;
  /** One line: a CR or LF is refused (it would start a new header). */
  subject: string;
  text: string;
  html?: string;
  /** What the mail is for, e.g. `verify-email`, `reset-password`, `magic-link`, `invitation`. */
  kind: string;
}

/** A message (or a `from` address) the mailer refuses to send. Says which field, never its value. */
export class MailMessageError extends Error {
  override name = "MailMessageError";
  constructor(
    readonly field: "tenantId" | "to" | "subject" | "text" | "html" | "kind" | "from",
    message: string,
  ) {
    super(message);
  }
}

export const MAX_SUBJECT_LENGTH = 400;
export const MAX_BODY_LENGTH = 500_000;
export const MAIL_KIND = /^[a-z0-9]+(?:[-._][a-z0-9]+)*$/;

const emailSchema = z.email();
const LINE_BREAK = /[\r\n]/;
// C0 controls other than tab, and DEL: nothing a subject or an address ever needs.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

function oneLine(field: "to" | "subject" | "from", value: string): void {
  if (LINE_BREAK.test(value)) {
    throw new MailMessageError(
      field,
      `mail ${field} contains a line break (CR or LF); refused, as it could inject mail headers`,
    );
  }
  if (CONTROL.test(value)) throw new MailMessageError(field, `mail ${field} contains a control character; refused`);
}

/**
 * Checks a message and returns it trimmed. Refuses (MailMessageError): a CR or LF in `to` or
 * `subject`, a `to` that is not exactly one plain address (a comma would add a recipient), an
 * empty subject or text, a kind that is not a short lowercase word.
 */
export function checkMailMessage(message: MailMessage): MailMessage {
  if (typeof message.tenantId !== "string" || !isId("tenant", message.tenantId)) {
    throw new MailMessageError("tenantId", "mail tenantId is not a tenant id (ten_…)");
  }
  for (const field of ["to", "subject", "text", "kind"] as const) {
    if (typeof message[field] !== "string") throw new MailMessageError(field, `mail ${field} must be a string`);
  }
  if (message.html !== undefined && typeof message.html !== "string") {
    throw new MailMessageError("html", "mail html must be a string when given");
  }

  oneLine("to", message.to);
  const to = message.to.trim();
  if (to.length > 320 || !emailSchema.safeParse(to).success) {
    throw new MailMessageError("to", "mail to must be exactly one email address like name@example.com");
  }

  oneLine("subject", message.subject);
  const subject = message.subject.trim();
  if (subject.length === 0 || subject.length > MAX_SUBJECT_LENGTH) {
    throw new MailMessageError("subject", `mail subject must be 1–${MAX_SUBJECT_LENGTH} characters`);
  }

  if (message.text.trim().length === 0 || message.text.length > MAX_BODY_LENGTH) {
    throw new MailMessageError("text", `mail text must be 1–${MAX_BODY_LENGTH} characters`);
  }
  if (message.html !== undefined && (message.html.trim().length === 0 || message.html.length > MAX_BODY_LENGTH)) {
    throw new MailMessageError("html", `mail html must be 1–${MAX_BODY_LENGTH} characters when given`);
  }

  if (message.kind.length > 64 || !MAIL_KIND.test(message.kind)) {
    throw new MailMessageError("kind", "mail kind must be a short lowercase word like verify-email");
  }

  const checked: MailMessage = { tenantId: message.tenantId, to, subject, text: message.text, kind: message.kind };
  if (message.html !== undefined) checked.html = message.html;
  return checked;
}

export interface MailFrom {
  /** Display name, possibly empty: `Plinto` in `Plinto <no-reply@localhost>`. */
  name: string;
  /** The envelope sender and the address in the From header. */
  address: string;
}

/** The sender in embedded mode when MAIL_FROM is not set. */
export const DEFAULT_MAIL_FROM = "Plinto <no-reply@localhost>";

// local@domain, where domain may be a bare host (`localhost`) for development relays.
const FROM_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const NAMED = /^(.*?)\s*<([^<>]*)>$/;

/**
 * Parses a MAIL_FROM value: `no-reply@acme.com` or `Acme <no-reply@acme.com>`. Throws a
 * MailMessageError that names what is wrong.
 */
export function parseMailFrom(value: string): MailFrom {
  oneLine("from", value);
  const trimmed = value.trim();
  const named = NAMED.exec(trimmed);
  let name = named ? named[1]!.trim() : "";
  const address = (named ? named[2]! : trimmed).trim();
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1);
  if (!FROM_ADDRESS.test(address) || address.length > 320) {
    throw new MailMessageError("from", 'must be an address like no-reply@example.com or "Name <no-reply@example.com>"');
  }
  if (/[<>"\\]/.test(name) || name.length > 100) {
    throw new MailMessageError("from", "has a display name with <, >, \" or \\ in it, or longer than 100 characters");
  }
  return { name, address };
}

/** For config.ts: why a MAIL_FROM value is unusable, or null when it is fine. */
export function checkMailFrom(value: string): string | null {
  try {
    parseMailFrom(value);
    return null;
  } catch (error) {
    if (error instanceof MailMessageError) return error.message.replace(/^mail from /, "");
    throw error;
  }
}
