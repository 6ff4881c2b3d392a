import { operations, type Operation } from "@plinto/contracts";
import type { Db } from "@plinto/db";
import { systemContext } from "../src/services/context";
import { createSession } from "../src/services/sessions/sessions";
import { createTenant } from "../src/services/tenants/tenants";
import { createUser } from "../src/services/users/users";
import { callOperation } from "./routes";

/** An operation of the contract by its id; a typo fails loudly rather than testing nothing. */
export function op(operationId: string): Operation {
  const found = operations.find((o) => o.operationId === operationId);
  if (!found) throw new Error(`No operation ${operationId} in the contract`);
  return found;
}

export interface Person {
  id: string;
  email: string;
  password: string;
  sessionId: string;
  token: string;
  headers: Record<string, string>;
}

let counter = 0;

/**
 * A tenant for one test file, and a way to make people in it: a user (confirmed address, a
 * password unless told otherwise) with a live session started `signedInSecondsAgo` ago.
 */
export async function accountWorld(db: Db, slug: string) {
  const tenant = await db.transaction((tx) => createTenant(tx, systemContext, { slug, name: `${slug} tenant` }));
  async function person(options: { label?: string; password?: string | null; signedInSecondsAgo?: number; emailVerified?: boolean; userAgent?: string; ipAddress?: string } = {}): Promise<Person> {
    const n = ++counter;
    const label = options.label ?? `person${n}`;
    const email = `${label}-${n}@${slug}.example`;
    const password = options.password === undefined ? `correct horse ${label} battery staple` : options.password;
    const user = await db.transaction((tx) =>
      createUser(tx, systemContext, { tenantId: tenant.id, email, name: label, emailVerified: options.emailVerified ?? true, ...(password ? { password } : {}) }),
    );
    return { ...(await signIn(user.id, options)), id: user.id, email, password: password ?? "" };
  }
  async function signIn(userId: string, options: { signedInSecondsAgo?: number; userAgent?: string; ipAddress?: string } = {}) {
    const now = new Date(Date.now() - (options.signedInSecondsAgo ?? 0) * 1000);
    const ctx = { ...systemContext, userAgent: options.userAgent ?? "vitest", ipAddress: options.ipAddress ?? "127.0.0.1" };
    const { session, token } = await db.transaction((tx) => createSession(tx, ctx, { tenantId: tenant.id, userId, amr: ["pwd"], now }));
    return { sessionId: session.id, token, headers: { authorization: `Bearer ${token}` } };
  }
  /** Calls an operation of this tenant as `who` (or as nobody). */
  function call(operationId: string, who: { headers: Record<string, string> } | undefined, input: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown; raw?: { bytes: Uint8Array; contentType?: string } } = {}) {
    return callOperation(op(operationId), { ...input, params: { tenant: slug, ...input.params }, headers: who?.headers ?? {} });
  }
  return { tenant, person, signIn, call };
}

/** The newest outbox mail of `kind` to `to` in the tenant, or undefined. */
export async function lastMail(db: Db, tenantId: string, to: string, kind: string) {
  const { listOutbox } = await import("../src/services/mail/outbox");
  const [mail] = await listOutbox(db, { tenantId, to, kind, limit: 1 });
  return mail;
}

/** How many outbox mails of `kind` went to `to` in the tenant. */
export async function mailCount(db: Db, tenantId: string, to: string, kind: string) {
  const { listOutbox } = await import("../src/services/mail/outbox");
  return (await listOutbox(db, { tenantId, to, kind, limit: 100 })).length;
}
