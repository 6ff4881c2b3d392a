import { createServer, type AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mailOutbox } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { systemContext } from "../../services/context";
import { createTenant } from "../../services/tenants/tenants";
import {
  checkMailFrom,
  createMailer,
  DEFAULT_MAIL_FROM,
  MailDeliveryError,
  MailMessageError,
  type MailMessage,
  type Mailer,
} from "./index";
import { startSmtpCatcher, type SmtpCatcher } from "./testing";

let database: TestDatabase;
let tenantId: string;
beforeAll(async () => {
  ({ database } = await getTestInstance());
  tenantId = (await createTenant(database.db, systemContext, { slug: "mail-lib", name: "Mail" })).id;
});
afterAll(async () => {
  await database?.dispose();
});

const open: Array<Mailer | SmtpCatcher> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function catcher(options: Parameters<typeof startSmtpCatcher>[0] = {}) {
  const c = await startSmtpCatcher(options);
  open.push(c);
  return c;
}
function mailer(...args: Parameters<typeof createMailer>) {
  const m = createMailer(...args);
  open.push(m);
  return m;
}
const outboxRows = () => database.db.select().from(mailOutbox).where(eq(mailOutbox.tenantId, tenantId));

const LINK = `https://auth.acme.test/t/acme/verify?token=${"tok3n".repeat(20)}&next=%2Fwelcome`;
const message = (overrides: Partial<MailMessage> = {}): MailMessage => ({
  tenantId,
  to: "Ada@Example.com",
  subject: "Grüße — your code is 482913",
  text: `Hello Ada,\n\nYour code is 482913. Or open:\n${LINK}\n`,
  html: `<p>Hello Ada,</p><p>Your code is <b>482913</b>.</p><p><a href="${LINK}">Verify</a></p>`,
  kind: "verify-email",
  ...overrides,
});

describe("the development outbox (no SMTP_URL)", () => {
  it("keeps each mail as a row of its tenant, with the id it answered", async () => {
    const m = mailer({ smtpUrl: undefined, embedded: true }, database.db);
    expect(m.transport).toBe("outbox");
    const first = await m.send(message());
    const second = await m.send(message({ to: "lin@example.com", html: undefined, kind: "reset-password", subject: "Reset" }));
    expect(first.id).toMatch(/^mail_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(second.id).not.toBe(first.id);

    const rows = await outboxRows();
    expect(rows.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    const row = rows.find((r) => r.id === first.id)!;
    expect(row).toMatchObject({
      tenantId,
      toAddress: "Ada@Example.com",
      subject: "Grüße — your code is 482913",
      textBody: message().text,
      htmlBody: message().html,
      kind: "verify-email",
    });
    expect(row.createdAt).toBeInstanceOf(Date);
    expect(rows.find((r) => r.id === second.id)!.htmlBody).toBeNull();
  });

  it("is also the choice outside embedded mode when no SMTP_URL is set", async () => {
    const m = mailer({ smtpUrl: undefined, embedded: false }, database.db);
    expect(m.transport).toBe("outbox");
    const { id } = await m.send(message({ kind: "lockout-notice", subject: "Your account is locked" }));
    expect((await outboxRows()).map((r) => r.id)).toContain(id);
  });

  it("refuses a mail for a tenant that does not exist", async () => {
    const m = mailer({ smtpUrl: undefined, embedded: true }, database.db);
    await expect(m.send(message({ tenantId: "ten_01m8d4wmzfrmtxmr21apb0ws01" }))).rejects.toThrow();
  });
});

describe("SMTP (SMTP_URL set)", () => {
  it("delivers to a real SMTP server: sender, recipient, subject, text and html arrive intact", async () => {
    const smtp = await catcher();
    const m = mailer({ smtpUrl: smtp.url, embedded: false }, database.db, { from: "Acme Accounts <accounts@acme.test>" });
    expect(m.transport).toBe("smtp");
    const before = (await outboxRows()).length;

    const { id } = await m.send(message());
    expect(id).toMatch(/^mail_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    // (nodemailer lowercases the domain in the envelope; domains are case-insensitive.)
    expect(mail.envelope).toEqual({ from: "accounts@acme.test", to: ["Ada@example.com"] });
    expect(mail.from).toBe("Acme Accounts <accounts@acme.test>");
    expect(mail.to).toBe("Ada@example.com");
    expect(mail.subject).toBe("Grüße — your code is 482913");
    expect(mail.text).toBe(message().text);
    expect(mail.html).toBe(message().html);
    expect(mail.headers["message-id"]).toBe(`<${id}@acme.test>`);
    expect(mail.secure).toBe(false);
    // Real mail is never kept: the outbox is for development only.
    expect(await outboxRows()).toHaveLength(before);
  });

  it("keeps a body that looks like the end of the SMTP data inside the one message (no smuggling)", async () => {
    const smtp = await catcher();
    const m = mailer({ smtpUrl: smtp.url, embedded: true }, database.db);
    const text = "Hello\r\n.\r\nMAIL FROM:<attacker@evil.test>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\nFake\n.\nmore\r.\r";
    await m.send(message({ text, html: undefined }));
    const mail = await smtp.waitFor();
    expect(smtp.messages).toHaveLength(1);
    expect(mail.envelope.to).toEqual(["Ada@example.com"]);
    expect(mail.text).toContain("MAIL FROM:<attacker@evil.test>");
    expect(mail.text).toContain("Fake\n.\nmore");
    // A little later, still only the one message arrived.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.messages).toHaveLength(1);
  });

  it("sends text-only mail as a single text part", async () => {
    const smtp = await catcher();
    const m = mailer({ smtpUrl: smtp.url, embedded: true }, database.db);
    await m.send(message({ html: undefined, text: "Only text.\n" }));
    const mail = await smtp.waitFor();
    expect(mail.from).toBe(DEFAULT_MAIL_FROM);
    expect(mail.text).toBe("Only text.\n");
    expect(mail.html).toBeUndefined();
    expect(mail.headers["content-type"]).toMatch(/^text\/plain/);
  });

  it("speaks smtps:// with the URL's credentials, percent-encoded characters included", async () => {
    const credentials = { user: "plinto", pass: "p@ss:w/rd %" };
    const smtp = await catcher({ secure: true, credentials });
    const auth = `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}`;
    // The catcher presents smtp-server's built-in self-signed certificate, so this test opts out of
    // verification through the URL's query; the next test shows verification is on by default.
    const url = `smtps://${auth}@127.0.0.1:${smtp.port}?tls.rejectUnauthorized=false`;
    const m = mailer({ smtpUrl: url, embedded: false }, database.db, { from: "no-reply@acme.test" });
    await m.send(message());
    const mail = await smtp.waitFor();
    expect(mail).toMatchObject({ secure: true, user: "plinto", subject: "Grüße — your code is 482913", from: "no-reply@acme.test" });

    const wrong = mailer(
      { smtpUrl: `smtps://plinto:not-the-password@127.0.0.1:${smtp.port}?tls.rejectUnauthorized=false`, embedded: false },
      database.db,
      { from: "no-reply@acme.test" },
    );
    const error = await wrong.send(message()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect((error as MailDeliveryError).code).toBe("EAUTH");
    expect((error as Error).message).not.toContain("not-the-password");
    expect(smtp.messages).toHaveLength(1);
  });

  it("verifies the server's certificate unless told not to", async () => {
    const smtp = await catcher({ secure: true });
    const m = mailer({ smtpUrl: smtp.url, embedded: true }, database.db);
    const error = await m.send(message()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(smtp.messages).toHaveLength(0);
  });

  it("reports a refused connection or recipient with codes only, never the body or the URL's password", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const down = mailer({ smtpUrl: `smtp://user:hunter2-secret@127.0.0.1:${port}`, embedded: true }, database.db);
    const refused = await down.send(message()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MailDeliveryError);
    expect((refused as Error).message).toMatch(/^SMTP delivery failed \(.*ECONNREFUSED/);
    for (const secret of ["hunter2-secret", "482913", "tok3n"]) expect((refused as Error).message).not.toContain(secret);

    const smtp = await catcher({ rejectRecipientsWith: 550 });
    const m = mailer({ smtpUrl: smtp.url, embedded: true }, database.db);
    const rejected = (await m.send(message()).catch((e: unknown) => e)) as MailDeliveryError;
    expect(rejected).toBeInstanceOf(MailDeliveryError);
    expect(rejected).toMatchObject({ code: "EENVELOPE", responseCode: 550, permanent: true });
    expect(rejected.message).not.toMatch(/ada@example\.com|482913/i);
  });
});

describe("header injection and other bad messages", () => {
  const injections: Array<[string, Partial<MailMessage>]> = [
    ["CRLF in the subject", { subject: "Your code\r\nBcc: attacker@evil.test" }],
    ["LF in the subject", { subject: "Your code\nBcc: attacker@evil.test" }],
    ["CR in the subject", { subject: "Your code\rBcc: attacker@evil.test" }],
    ["CRLF in to", { to: "ada@example.com\r\nBcc: attacker@evil.test" }],
    ["LF in to", { to: "ada@example.com\nattacker@evil.test" }],
  ];

  it.each(injections)("refuses %s on SMTP, and nothing reaches the server", async (_name, overrides) => {
    const smtp = await catcher();
    const m = mailer({ smtpUrl: smtp.url, embedded: true }, database.db);
    const error = await m.send(message(overrides)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailMessageError);
    expect((error as Error).message).toMatch(/line break \(CR or LF\).*inject mail headers/);
    expect((error as Error).message).not.toContain("attacker");
    expect((error as MailMessageError).field).toBe(Object.keys(overrides)[0]);
    // A good mail over the same mailer arrives alone.
    await m.send(message());
    await smtp.waitFor();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.envelope.to).toEqual(["Ada@example.com"]);
  });

  it.each(injections)("refuses %s in the outbox, and stores nothing", async (_name, overrides) => {
    const m = mailer({ smtpUrl: undefined, embedded: true }, database.db);
    const before = (await outboxRows()).length;
    await expect(m.send(message(overrides))).rejects.toBeInstanceOf(MailMessageError);
    expect(await outboxRows()).toHaveLength(before);
  });

  it("refuses anything but exactly one plain address in to, and other malformed fields", async () => {
    const smtp = await catcher();
    const m = mailer({ smtpUrl: smtp.url, embedded: true }, database.db);
    const bad: Array<[MailMessageError["field"], Partial<MailMessage>]> = [
      ["to", { to: "ada@example.com, attacker@evil.test" }],
      ["to", { to: "ada@example.com;attacker@evil.test" }],
      ["to", { to: "Ada <attacker@evil.test>" }],
      ["to", { to: "not-an-address" }],
      ["to", { to: "" }],
      ["subject", { subject: "   " }],
      ["subject", { subject: "tab\tok but NUL \u0000 not" }],
      ["subject", { subject: "x".repeat(401) }],
      ["text", { text: "" }],
      ["html", { html: "" }],
      ["kind", { kind: "Verify Email" }],
      ["kind", { kind: "" }],
      ["tenantId", { tenantId: "acme" }],
    ];
    for (const [field, overrides] of bad) {
      const error = await m.send(message(overrides)).catch((e: unknown) => e);
      expect(error, JSON.stringify(overrides)).toBeInstanceOf(MailMessageError);
      expect((error as MailMessageError).field, JSON.stringify(overrides)).toBe(field);
    }
    expect(smtp.messages).toHaveLength(0);
    // Tabs are fine in a subject, and surrounding spaces are trimmed.
    await m.send(message({ subject: "  Sign in\tto Acme  ", to: " ada@example.com " }));
    expect(await smtp.waitFor()).toMatchObject({ subject: "Sign in\tto Acme", to: "ada@example.com" });
  });
});

describe("the sender (MAIL_FROM)", () => {
  it("is required for SMTP outside embedded mode, and defaults to Plinto <no-reply@localhost> in it", () => {
    expect(() => createMailer({ smtpUrl: "smtp://127.0.0.1:2525", embedded: false }, database.db)).toThrow(
      /MAIL_FROM is required when SMTP_URL is set/,
    );
    const m = mailer({ smtpUrl: "smtp://127.0.0.1:2525", embedded: true }, database.db);
    expect(m.from).toBe("Plinto <no-reply@localhost>");
  });

  it("accepts an address or Name <address>, and explains anything else", () => {
    for (const ok of ["no-reply@acme.com", "Acme <no-reply@acme.com>", '"Acme, Inc." <no-reply@acme.com>', DEFAULT_MAIL_FROM]) {
      expect(checkMailFrom(ok), ok).toBeNull();
    }
    expect(checkMailFrom("Acme <no-reply@acme.com>\r\nBcc: x@evil.test")).toMatch(/^contains a line break/);
    for (const bad of ["", "acme", "Acme <>", "a@b@c", "<no-reply@acme.com", "Ac<me <no-reply@acme.com>", "no reply@acme.com"]) {
      expect(checkMailFrom(bad), bad).toMatch(/^(must be an address|has a display name)/);
    }
    expect(() => createMailer({ smtpUrl: undefined, embedded: true }, database.db, { from: "acme" })).toThrow(MailMessageError);
  });
});

describe("logging", () => {
  it("never writes a body, a code or a link anywhere, even when the SMTP_URL asks nodemailer to debug", async () => {
    const written: string[] = [];
    const capture = (...args: unknown[]) => void written.push(args.map(String).join(" "));
    const spies = [
      ...(["log", "info", "warn", "error", "debug", "trace"] as const).map((level) =>
        vi.spyOn(console, level).mockImplementation(capture),
      ),
      vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => (capture(chunk), true)),
      vi.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => (capture(chunk), true)),
    ];
    try {
      const smtp = await catcher();
      const loud = mailer({ smtpUrl: `${smtp.url}?debug=true&logger=true&transactionLog=true`, embedded: true }, database.db);
      await loud.send(message());
      await loud.send(message({ subject: "Bad\r\nBcc: x@evil.test" })).catch(() => {});
      const quiet = mailer({ smtpUrl: undefined, embedded: true }, database.db);
      await quiet.send(message());
      expect(smtp.messages).toHaveLength(1);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const all = written.join("\n");
    for (const secret of ["482913", "tok3n", "Hello Ada", "Bcc"]) expect(all).not.toContain(secret);
    expect(written).toEqual([]);
  });
});
