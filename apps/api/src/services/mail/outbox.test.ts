import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows } from "@plinto/db";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { createMailer, type MailMessage } from "../../lib/mail";
import { systemContext } from "../context";
import { createTenant } from "../tenants/tenants";
import { listOutbox } from "./outbox";

let database: TestDatabase;
beforeAll(async () => {
  ({ database } = await getTestInstance());
});
afterAll(async () => {
  await database?.dispose();
});

let n = 0;
const newTenant = () => createTenant(database.db, systemContext, { slug: `outbox-${++n}`, name: `Outbox ${n}` });
const mail = (tenantId: string, overrides: Partial<MailMessage> = {}): MailMessage => ({
  tenantId,
  to: "ada@example.com",
  subject: "Your code",
  text: "Your code is 111111",
  kind: "verify-email",
  ...overrides,
});

describe("listOutbox", () => {
  it("lists a tenant's mail newest first, and never another tenant's", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const mailer = createMailer({ smtpUrl: undefined, embedded: true }, database.db);
    const a1 = await mailer.send(mail(a.id, { subject: "A one", text: "code 100001" }));
    const b1 = await mailer.send(mail(b.id, { subject: "B one", text: "code 200001" }));
    const a2 = await mailer.send(mail(a.id, { subject: "A two", html: "<p>code 100002</p>", to: "lin@example.com" }));
    const b2 = await mailer.send(mail(b.id, { subject: "B two", text: "code 200002" }));

    const forA = await listOutbox(database.db, { tenantId: a.id, limit: 100 });
    expect(forA.map((m) => m.id)).toEqual([a2.id, a1.id]);
    expect(forA[0]).toEqual({
      id: a2.id,
      to: "lin@example.com",
      subject: "A two",
      text: "Your code is 111111",
      html: "<p>code 100002</p>",
      kind: "verify-email",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(forA[1]!.html).toBeNull();
    expect(JSON.stringify(forA)).not.toMatch(/B one|B two|20000/);

    const forB = await listOutbox(database.db, { tenantId: b.id, limit: 100 });
    expect(forB.map((m) => m.id)).toEqual([b2.id, b1.id]);
    expect(JSON.stringify(forB)).not.toMatch(/A one|A two|10000/);

    // Filtering by recipient (case-insensitively) stays inside the tenant.
    expect((await listOutbox(database.db, { tenantId: b.id, to: "ADA@Example.COM", limit: 100 })).map((m) => m.id)).toEqual([
      b2.id,
      b1.id,
    ]);
    expect((await listOutbox(database.db, { tenantId: a.id, to: "ada@example.com", limit: 100 })).map((m) => m.id)).toEqual([
      a1.id,
    ]);
    expect(await listOutbox(database.db, { tenantId: (await newTenant()).id, limit: 100 })).toEqual([]);
  });

  it("pages with a cursor by id, and a cursor from another tenant gives nothing", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const mailer = createMailer({ smtpUrl: undefined, embedded: true }, database.db);
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) sent.push((await mailer.send(mail(a.id, { subject: `Mail ${i}` }))).id);
    const other = await mailer.send(mail(b.id));
    const newestFirst = [...sent].reverse();

    const page1 = await listOutbox(database.db, { tenantId: a.id, limit: 2 });
    expect(page1.map((m) => m.id)).toEqual(newestFirst.slice(0, 2));
    const page2 = await listOutbox(database.db, { tenantId: a.id, limit: 2, before: page1.at(-1)!.id });
    expect(page2.map((m) => m.id)).toEqual(newestFirst.slice(2, 4));
    const page3 = await listOutbox(database.db, { tenantId: a.id, limit: 2, before: page2.at(-1)!.id });
    expect(page3.map((m) => m.id)).toEqual(newestFirst.slice(4));
    expect(await listOutbox(database.db, { tenantId: a.id, limit: 2, before: page3.at(-1)!.id })).toEqual([]);

    expect(await listOutbox(database.db, { tenantId: a.id, limit: 100, before: other.id })).toEqual([]);
    expect(await listOutbox(database.db, { tenantId: b.id, limit: 100, before: sent[4]! })).toEqual([]);
  });

  it("keeps the order of mails sent in a burst, within one transaction", async () => {
    const a = await newTenant();
    const kinds = ["verify-email", "welcome", "magic-link", "reset-password"];
    const sent = await database.db.transaction(async (tx) => {
      const mailer = createMailer({ smtpUrl: undefined, embedded: true }, tx);
      const out: Array<{ id: string; kind: string }> = [];
      for (let i = 0; i < 20; i++) {
        const kind = kinds[i % kinds.length]!;
        out.push({ id: (await mailer.send(mail(a.id, { kind }))).id, kind });
      }
      return out;
    });
    // Each mail has its own moment, even when sent within one millisecond or one transaction…
    const moments = await database.db.execute(
      sql`select count(distinct created_at)::int as n from mail_outbox where tenant_id = ${a.id}`,
    );
    expect(rows<{ n: number }>(moments)[0]?.n).toBe(20);
    // …so they list exactly in the reverse of the order they were sent.
    const listed = await listOutbox(database.db, { tenantId: a.id, limit: 100 });
    expect(listed.map((m) => m.id)).toEqual(sent.map((m) => m.id).reverse());
    expect((await listOutbox(database.db, { tenantId: a.id, kind: "magic-link", limit: 100 })).map((m) => m.id)).toEqual(
      sent.filter((m) => m.kind === "magic-link").map((m) => m.id).reverse(),
    );
  });

  it("refuses a limit outside 1–100 or a cursor that is not a mail id", async () => {
    const a = await newTenant();
    for (const limit of [0, 101, 1.5, Number.NaN]) {
      await expect(listOutbox(database.db, { tenantId: a.id, limit })).rejects.toMatchObject({
        code: "validation_failed",
        fields: [{ path: "limit" }],
      });
    }
    for (const before of ["", "usr_01m8d4wmzfrmtxmr21apb0ws01", "mail_' or 1=1 --"]) {
      await expect(listOutbox(database.db, { tenantId: a.id, limit: 5, before })).rejects.toMatchObject({
        code: "validation_failed",
        fields: [{ path: "before" }],
      });
    }
  });
});
