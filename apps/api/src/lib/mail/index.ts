/**
 * Mail: the mechanism only (what to say, to whom and when belongs to the services).
 *
 *     const mailer = createMailer(config, db, { from: config.mailFrom });
 *     await mailer.send({ tenantId, to: user.email, kind: "verify-email", subject, text, html });
 *
 * With SMTP_URL (`smtp://` — STARTTLS when the server offers it — or `smtps://`, credentials in the
 * URL) mail goes out through nodemailer. Without it, it is kept in the development outbox, the
 * `mail_outbox` table, which the demo, the admin and tests read (`listOutbox`, and
 * `GET /v1/dev/outbox` in embedded mode). Both paths check the message the same way first and
 * answer with the same kind of id (`mail_…`; on SMTP it is also the Message-ID's local part).
 *
 * - `to` is exactly one plain address, `subject` one line: a CR or LF (header injection), a comma
 *   or a `Name <…>` form (a second recipient) is refused with a MailMessageError naming the field.
 *   nodemailer encodes headers on its own as well; the SMTP envelope is stated, not derived.
 * - Nothing here logs, and nodemailer's logger and debug output are forced off (even if the URL's
 *   query asks for them): bodies carry live codes and links. Errors name a field or an SMTP code,
 *   never a value, a body or the SMTP_URL.
 * - The sender (`from`) is MAIL_FROM: required with SMTP outside embedded mode, otherwise
 *   `Plinto <no-reply@localhost>` by default.
 * - The outbox keeps bodies in the database in clear. It is meant for development and CI; set
 *   SMTP_URL wherever real people get mail.
 */
import type { Executor } from "@plinto/db";
import type { Config } from "../config";
import { nextMail, writeToOutbox } from "./outbox";
import { checkMailMessage, DEFAULT_MAIL_FROM, MailMessageError, parseMailFrom, type MailMessage } from "./message";
import { createSmtpSender, type SmtpOptions } from "./smtp";

export { checkMailFrom, DEFAULT_MAIL_FROM, MailMessageError, parseMailFrom, type MailFrom, type MailMessage } from "./message";
export { MailDeliveryError, type SmtpOptions } from "./smtp";

export interface Mailer {
  /** Checks and sends (or, without SMTP, keeps in the outbox) one message; resolves once accepted. */
  send(message: MailMessage): Promise<{ id: string }>;
  /** `smtp` with SMTP_URL, `outbox` without: for the start-up line and the readiness page. */
  readonly transport: "smtp" | "outbox";
  /** The sender used on SMTP, e.g. `Plinto <no-reply@localhost>`. */
  readonly from: string;
  /** Closes SMTP connections. The mailer cannot be used afterwards. */
  close(): Promise<void>;
}

export interface MailerOptions {
  /** The sender (MAIL_FROM): `no-reply@acme.com` or `Acme <no-reply@acme.com>`. */
  from?: string | undefined;
  smtp?: SmtpOptions;
}

export function createMailer(
  config: Pick<Config, "smtpUrl" | "embedded">,
  db: Executor,
  options: MailerOptions = {},
): Mailer {
  const fromValue = options.from ?? (config.embedded || !config.smtpUrl ? DEFAULT_MAIL_FROM : undefined);
  if (fromValue === undefined) {
    throw new MailMessageError("from", "MAIL_FROM is required when SMTP_URL is set outside the embedded mode");
  }
  const from = parseMailFrom(fromValue);

  if (config.smtpUrl) {
    const smtp = createSmtpSender(config.smtpUrl, from, options.smtp);
    let closed = false;
    return {
      transport: "smtp",
      from: fromValue.trim(),
      async send(message) {
        if (closed) throw new Error("this mailer is closed");
        const checked = checkMailMessage(message);
        const { id } = nextMail();
        await smtp.send(id, checked);
        return { id };
      },
      async close() {
        closed = true;
        smtp.close();
      },
    };
  }

  return {
    transport: "outbox",
    from: fromValue.trim(),
    async send(message) {
      const checked = checkMailMessage(message);
      const mail = nextMail();
      await writeToOutbox(db, mail, checked);
      return { id: mail.id };
    },
    async close() {},
  };
}
