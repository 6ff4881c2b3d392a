import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, tenants, type TenantSettings } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { outcomeOf } from "../../../test/service-errors";
import { createRateLimiter } from "../../lib/rate-limit";
import type { Runtime } from "../../lib/runtime";
import { createApiKey } from "../api-keys/api-keys";
import type { AuthDeps } from "../auth/auth";
import { systemContext, type RequestContext } from "../context";
import { listOutbox } from "../mail/outbox";
import { startPasskeyRegistration } from "../passkeys/passkeys";
import { resolveSession } from "../sessions/sessions";
import { createTenant } from "../tenants/tenants";
import { blockUser } from "../users/lifecycle";
import { createUser } from "../users/users";
import { impersonationOfSession, requestImpersonation, startImpersonation } from "./impersonation";

let runtime: Runtime;
let database: TestDatabase;
let deps: AuthDeps;
let tenantId: string;
let support: RequestContext;
let counter = 0;
const NOW = new Date("2031-06-01T10:00:00.000Z");

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  deps = { config: runtime.config, mailer: runtime.mailer, limiter: createRateLimiter({ redisUrl: undefined }) };
  tenantId = (await createTenant(database.db, systemContext, { slug: "imp", name: "Imp Co" })).id;
  const { apiKey } = await createApiKey(database.db, systemContext, { tenantId, name: "Support desk", scopes: ["users:impersonate"] });
  support = { actor: { type: "api_key", id: apiKey.id } };
});
afterAll(async () => {
  await deps?.limiter.close();
  await database?.dispose();
});

async function person() {
  counter += 1;
  return database.db.transaction((tx) => createUser(tx, systemContext, { tenantId, email: `imp${counter}@example.com`, emailVerified: true }));
}
const ask = (userId: string, extra: { minutes?: number; reason?: string; now?: Date } = {}) =>
  database.db.transaction((tx) =>
    requestImpersonation(tx, support, { tenantId, userId, reason: extra.reason ?? "Ticket 42: cannot see invoices", publicUrl: runtime.config.publicUrl, now: extra.now ?? NOW, ...(extra.minutes ? { minutes: extra.minutes } : {}) }),
  );
const ticketOf = (url: string) => new URL(url).searchParams.get("ticket")!;

describe("impersonation", () => {
  it("starts once from its ticket: a session of the asked length, marked, audited as the support key, the user mailed", async () => {
    const user = await person();
    const asked = await ask(user.id, { minutes: 10 });
    expect(asked.url).toMatch(new RegExp(`^${runtime.config.publicUrl}/t/imp/impersonate\\?ticket=[\\w-]{43}$`));
    const started = await startImpersonation(database.db, deps, systemContext, { tenantId, ticket: ticketOf(asked.url), now: new Date(NOW.getTime() + 60_000) });
    expect(started.session.expiresAt).toEqual(new Date(NOW.getTime() + 60_000 + 10 * 60_000));
    expect(started.session.impersonationId).toBe(asked.impersonation.id);
    const live = await resolveSession(database.db, tenantId, started.token, new Date(NOW.getTime() + 120_000));
    expect(live?.user.id).toBe(user.id);
    expect(await impersonationOfSession(database.db, live!.session)).toMatchObject({ actorLabel: 'API key "Support desk"', reason: "Ticket 42: cannot see invoices" });
    // Over after its minutes, whatever the tenant's session lifetimes.
    expect(await resolveSession(database.db, tenantId, started.token, new Date(NOW.getTime() + 12 * 60_000))).toBeUndefined();

    expect(await outcomeOf(startImpersonation(database.db, deps, systemContext, { tenantId, ticket: ticketOf(asked.url), now: NOW }))).toBe("invalid_verification");
    const events = await database.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.targetId, user.id)));
    expect(events.filter((e) => e.action.startsWith("user.impersonation")).map((e) => [e.action, e.actorType, e.actorId])).toEqual([
      ["user.impersonation_requested", "api_key", support.actor.id],
      ["user.impersonation_started", "api_key", support.actor.id],
    ]);
    const [mail] = await listOutbox(database.db, { tenantId, to: user.email, kind: "impersonation-started", limit: 1 });
    expect(mail?.text).toContain("Ticket 42: cannot see invoices");
  });

  it("cannot change how the account is protected: adding a passkey is refused in an impersonated session", async () => {
    const user = await person();
    const asked = await ask(user.id);
    const started = await startImpersonation(database.db, deps, systemContext, { tenantId, ticket: ticketOf(asked.url), now: NOW });
    const refused = await outcomeOf(startPasskeyRegistration(database.db, deps, systemContext, { tenantId, userId: user.id, session: started.session }));
    expect(refused).toBe("forbidden");
  });

  it("refuses an expired ticket, a blocked user, and a reason or length out of bounds", async () => {
    const user = await person();
    const late = await ask(user.id);
    expect(await outcomeOf(startImpersonation(database.db, deps, systemContext, { tenantId, ticket: ticketOf(late.url), now: new Date(NOW.getTime() + 121_000) }))).toBe(
      "invalid_verification",
    );
    expect(await outcomeOf(ask(user.id, { minutes: 61 }))).toBe("validation_failed");
    expect(await outcomeOf(ask(user.id, { reason: "  " }))).toBe("validation_failed");
    const pending = await ask(user.id);
    await database.db.transaction((tx) => blockUser(tx, systemContext, { tenantId, userId: user.id }));
    expect(await outcomeOf(ask(user.id))).toBe("conflict");
    expect(await outcomeOf(startImpersonation(database.db, deps, systemContext, { tenantId, ticket: ticketOf(pending.url), now: NOW }))).toBe("invalid_verification");
  });

  it("does not mail the user where the tenant turned that off", async () => {
    await database.db.update(tenants).set({ settings: { impersonation: { notifyUser: false } } as TenantSettings }).where(eq(tenants.id, tenantId));
    const user = await person();
    const asked = await ask(user.id);
    await startImpersonation(database.db, deps, systemContext, { tenantId, ticket: ticketOf(asked.url), now: NOW });
    expect(await listOutbox(database.db, { tenantId, to: user.email, kind: "impersonation-started", limit: 1 })).toEqual([]);
    await database.db.update(tenants).set({ settings: {} }).where(eq(tenants.id, tenantId));
  });
});
