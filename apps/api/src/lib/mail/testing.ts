/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1, a free port), and a small MIME reader
 * for what nodemailer sends: headers (with RFC 2047 words), multipart/alternative, 7bit, 8bit,
 * quoted-printable and base64 in UTF-8. Only for tests: smtp-server is a dev dependency.
 *
 *     const catcher = await startSmtpCatcher();
 *     const mailer = createMailer({ smtpUrl: catcher.url, embedded: true }, db);
 *     await mailer.send(…);
 *     const mail = await catcher.waitFor((m) => m.to === "ada@example.com");
 *     await catcher.close();
 */
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

export interface CaughtMail {
  /** The SMTP envelope: MAIL FROM and RCPT TO. */
  envelope: { from: string | false; to: string[] };
  /** Decoded header values, names in lowercase (the last one wins when repeated). */
  headers: Record<string, string>;
  from: string;
  to: string;
  subject: string;
  /** The text/plain part, line ends as `\n`. */
  text: string | undefined;
  /** The text/html part, line ends as `\n`. */
  html: string | undefined;
  /** Whether the session was TLS when the message arrived. */
  secure: boolean;
  /** The user the client authenticated as, if any. */
  user: string | undefined;
  raw: string;
}

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:<port>` (or `smtps://` when started with `secure: true`), no credentials. */
  url: string;
  port: number;
  messages: CaughtMail[];
  /** Resolves with the first caught mail that matches (already caught or still to come). */
  waitFor(match?: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

export interface SmtpCatcherOptions {
  /** Implicit TLS with smtp-server's built-in test certificate (clients must not verify it). */
  secure?: boolean;
  /** Require these credentials (AUTH PLAIN/LOGIN). Only offered over TLS. */
  credentials?: { user: string; pass: string };
  /** Refuse every RCPT TO with this SMTP code, e.g. 550. */
  rejectRecipientsWith?: number;
}

export async function startSmtpCatcher(options: SmtpCatcherOptions = {}): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  const waiters = new Set<() => void>();
  const serverOptions: SMTPServerOptions = {
    logger: false,
    secure: options.secure ?? false,
    // Plain catcher: no STARTTLS offer, so nodemailer does not try to upgrade to an untrusted cert.
    ...(options.secure ? {} : { disabledCommands: ["STARTTLS"] }),
    authOptional: !options.credentials,
    onAuth(auth, _session, callback) {
      const want = options.credentials;
      if (want && auth.username === want.user && auth.password === want.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error("Invalid username or password"));
      }
    },
    onRcptTo(_address, _session, callback) {
      if (options.rejectRecipientsWith) {
        const error = new Error("Recipient refused") as Error & { responseCode: number };
        error.responseCode = options.rejectRecipientsWith;
        callback(error);
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const parsed = parseMail(raw);
        messages.push({
          ...parsed,
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : false,
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          secure: session.secure,
          user: typeof session.user === "string" ? session.user : undefined,
          raw,
        });
        for (const wake of waiters) wake();
        callback();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `${options.secure ? "smtps" : "smtp"}://127.0.0.1:${port}`,
    port,
    messages,
    waitFor(match = () => true, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return false;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching mail arrived within ${timeoutMs} ms (${messages.length} caught)`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---- a small MIME reader, enough for nodemailer's output ----

function splitHead(raw: string): { head: string; body: string } {
  const at = raw.indexOf("\r\n\r\n");
  if (at === -1) return { head: raw, body: "" };
  return { head: raw.slice(0, at), body: raw.slice(at + 4) };
}

function decodeWords(value: string): string {
  // Adjacent encoded words are joined without the whitespace between them (RFC 2047 §6.2).
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g, "$1")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset: string, encoding: string, text: string) => {
      if (encoding.toUpperCase() === "B") return Buffer.from(text, "base64").toString("utf8");
      return qpBytes(text.replace(/_/g, " ")).toString("utf8");
    });
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const unfolded = head.replace(/\r\n([ \t])/g, "$1");
  for (const line of unfolded.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return headers;
}

function qpBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, "utf8"));
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(body: string, encoding: string | undefined): string {
  const kind = (encoding ?? "7bit").toLowerCase();
  let text: string;
  if (kind === "base64") text = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  else if (kind === "quoted-printable") text = qpBytes(body.replace(/=\r\n/g, "")).toString("utf8");
  else text = body;
  return text.replace(/\r\n/g, "\n");
}

function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

function collectParts(head: Record<string, string>, body: string, into: { text?: string; html?: string }): void {
  const type = head["content-type"] ?? "text/plain";
  const boundary = boundaryOf(type);
  if (/^multipart\//i.test(type) && boundary) {
    const sections = body.split(`--${boundary}`);
    // [preamble, part, part, …, "--" + epilogue]
    for (const section of sections.slice(1)) {
      if (section.startsWith("--")) break;
      const { head: partHead, body: partBody } = splitHead(section.replace(/^\r\n/, ""));
      collectParts(parseHeaders(partHead), partBody.replace(/\r\n$/, ""), into);
    }
    return;
  }
  const decoded = decodeBody(body, head["content-transfer-encoding"]);
  if (/^text\/html/i.test(type)) into.html ??= decoded;
  else if (/^text\/plain/i.test(type)) into.text ??= decoded;
}

export function parseMail(raw: string): Pick<CaughtMail, "headers" | "from" | "to" | "subject" | "text" | "html"> {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  const parts: { text?: string; html?: string } = {};
  collectParts(headers, body, parts);
  return {
    headers,
    from: headers.from ?? "",
    to: headers.to ?? "",
    subject: headers.subject ?? "",
    text: parts.text,
    html: parts.html,
  };
}
