import { createTransport } from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import type { SMTPTransportOptions } from "nodemailer/lib/smtp-transport";
import type { MailFrom, MailMessage } from "./message";

export interface SmtpOptions {
  /** Ms to wait for the TCP (or TLS) connection. Default 10 000. */
  connectionTimeoutMs?: number;
  /** Ms to wait for the server's greeting. Default 10 000. */
  greetingTimeoutMs?: number;
  /** Ms of silence on an open connection before giving up. Default 30 000. */
  socketTimeoutMs?: number;
}

/**
 * Delivery over SMTP failed. The message says what failed (the nodemailer code, the SMTP command
 * and reply code) and nothing else: no body, no SMTP_URL, no server text that might echo either.
 */
export class MailDeliveryError extends Error {
  override name = "MailDeliveryError";
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly responseCode: number | undefined,
    /** True when the server refused for good (5xx): sending the same mail again will not help. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

interface NodemailerFailure {
  code?: unknown;
  originalCode?: unknown;
  command?: unknown;
  responseCode?: unknown;
  permanent?: unknown;
}

function deliveryError(error: unknown): MailDeliveryError {
  const e = (error ?? {}) as NodemailerFailure;
  const code = typeof e.code === "string" ? e.code : undefined;
  const original = typeof e.originalCode === "string" && e.originalCode !== code ? e.originalCode : undefined;
  const command = typeof e.command === "string" ? e.command.split(/\s/)[0] : undefined;
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const parts = [code ?? "error", original, command && `during ${command}`, responseCode && `server replied ${responseCode}`];
  return new MailDeliveryError(
    `SMTP delivery failed (${parts.filter(Boolean).join(", ")})`,
    code,
    responseCode,
    e.permanent === true,
  );
}

/** A sender over the SMTP server in `url` (`smtp://` with STARTTLS when offered, `smtps://`: TLS). */
export function createSmtpSender(url: string, from: MailFrom, options: SmtpOptions = {}) {
  const transportOptions: SMTPTransportOptions = {
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    greetingTimeout: options.greetingTimeoutMs ?? 10_000,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
    // Host, port, TLS and credentials come from the URL; its query may tune (e.g. `?tls.servername=`).
    ...(parseConnectionUrl(url) as SMTPTransportOptions),
    // …but never logging: nodemailer's debug log carries the message data, with its codes and links.
    logger: false,
    debug: false,
    transactionLog: false,
    // Message parts are strings we built; nothing may make nodemailer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  const transport = createTransport(transportOptions);
  const domain = from.address.slice(from.address.lastIndexOf("@") + 1);

  return {
    async send(id: string, message: MailMessage): Promise<void> {
      try {
        await transport.sendMail({
          from: { name: from.name, address: from.address },
          to: { name: "", address: message.to },
          // The envelope is stated, not derived from headers: one sender, one recipient.
          envelope: { from: from.address, to: [message.to] },
          subject: message.subject,
          text: message.text,
          ...(message.html !== undefined ? { html: message.html } : {}),
          messageId: `<${id}@${domain}>`,
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } catch (error) {
        throw deliveryError(error);
      }
    },
    close(): void {
      transport.close();
    },
  };
}
