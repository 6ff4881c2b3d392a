import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";
import postgres from "postgres";
import { siteUrl } from "@plinto/next-config/sites";
import { e2eEnv } from "./env";

export interface Mail {
  subject: string;
  text: string;
  kind: string;
}

/**
 * The newest mail of `kind` to `to` in a tenant. Embedded runs read the development outbox route;
 * with DATABASE_URL (CI) that route does not exist, so this reads the outbox table of the database
 * the run made (global-setup exports its URL).
 */
export async function newestMail(request: APIRequestContext, to: string, kind: string, tenant = "demo"): Promise<Mail | undefined> {
  const databaseUrl = process.env.PLINTO_E2E_DATABASE_URL;
  if (databaseUrl) {
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<Mail[]>`
        select m.subject, m.text_body as text, m.kind
        from mail_outbox m join tenants t on t.id = m.tenant_id
        where t.slug = ${tenant} and lower(m.to_address) = lower(${to}) and m.kind = ${kind}
        order by m.created_at desc, m.id desc
        limit 1`;
      return rows[0];
    } finally {
      await sql.end({ timeout: 5 });
    }
  }
  const response = await request.get(`${siteUrl("api", e2eEnv)}/v1/dev/outbox`, { params: { tenant, to, kind, limit: 1 } });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { messages: Mail[] };
  return body.messages[0];
}

export async function waitForMail(request: APIRequestContext, to: string, kind: string, tenant = "demo"): Promise<Mail> {
  let mail: Mail | undefined;
  await expect
    .poll(async () => (mail = await newestMail(request, to, kind, tenant)), { message: `a ${kind} mail to ${to}`, timeout: 10_000 })
    .toBeTruthy();
  return mail!;
}

export const codeIn = (mail: Mail) => /\b(\d{6})\b/.exec(mail.text)?.[1];

/** A new address nobody has used, labelled for the test that made it. */
export function freshEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}@example.com`;
}

/** A password every policy accepts, for the accounts tests create. */
export const PASSPHRASE = "correct horse battery staple on a quiet tuesday";
