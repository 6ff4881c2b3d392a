/**
 * `PlintoClient.dev.outbox`: the development outbox through @plinto/sdk, its fetch handing each
 * request to the real route handler over a fresh database (embedded mode), and the 404 an API
 * outside the embedded mode answers, as the SDK reports it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlintoApiError, PlintoClient } from "@plinto/sdk";
import type { TestDatabase } from "@plinto/db/testing";
import { GET } from "../../src/app/v1/dev/outbox/route";
import type { Config } from "../../src/lib/config";
import { createMailer } from "../../src/lib/mail";
import type { Runtime } from "../../src/lib/runtime";
import { systemContext } from "../../src/services/context";
import { createTenant } from "../../src/services/tenants/tenants";
import { getTestInstance } from "../instance";

let database: TestDatabase;
let runtime: Runtime;
let embedded: Config;
const seen: string[] = [];
const plinto = new PlintoClient({
  baseUrl: "http://localhost:4000",
  fetch: async (input, init) => {
    const request = new Request(input, init);
    seen.push(request.url);
    return new URL(request.url).pathname === "/v1/dev/outbox" ? GET(request) : new Response("Not found", { status: 404 });
  },
});

beforeAll(async () => {
  ({ database, runtime } = await getTestInstance());
  embedded = runtime.config;
  const mine = await createTenant(database.db, systemContext, { slug: "sdk-outbox", name: "Mine" });
  const other = await createTenant(database.db, systemContext, { slug: "sdk-outbox-other", name: "Other" });
  const mailer = createMailer(embedded, database.db);
  await mailer.send({ tenantId: mine.id, to: "ada@example.com", subject: "Your sign-in link", text: "Code 111111", kind: "email-sign-in" });
  await mailer.send({ tenantId: mine.id, to: "lin@example.com", subject: "Verify", text: "Code 222222", kind: "verify-email" });
  await mailer.send({ tenantId: other.id, to: "ada@example.com", subject: "Other's", text: "Code 333333", kind: "email-sign-in" });
});
afterAll(async () => {
  runtime.config = embedded;
  await database?.dispose();
});

describe("PlintoClient.dev.outbox", () => {
  it("lists one tenant's mail, newest first, filtered by address and kind", async () => {
    const all = await plinto.dev.outbox({ tenant: "sdk-outbox" });
    expect(all.map((m) => m.text)).toEqual(["Code 222222", "Code 111111"]);
    const ada = await plinto.dev.outbox({ tenant: "sdk-outbox", to: "ADA@example.com", kind: "email-sign-in", limit: 5 });
    expect(ada).toHaveLength(1);
    expect(ada[0]).toMatchObject({ to: "ada@example.com", subject: "Your sign-in link", kind: "email-sign-in", html: null });
    expect(new URL(seen.at(-1)!).searchParams.get("limit")).toBe("5");
  });

  it("reports a bad query and an unknown tenant as PlintoApiError", async () => {
    const bad = await plinto.dev.outbox({ tenant: "sdk-outbox", limit: 500 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(PlintoApiError);
    expect((bad as PlintoApiError).code).toBe("validation_failed");
    await expect(plinto.dev.outbox({ tenant: "no-such-tenant" })).rejects.toMatchObject({ code: "not_found", status: 404 });
  });

  it("answers not_found outside the embedded mode, where there is no outbox", async () => {
    runtime.config = { ...embedded, embedded: false, databaseUrl: "postgres://plinto@db.internal:5432/plinto" };
    try {
      await expect(plinto.dev.outbox({ tenant: "sdk-outbox" })).rejects.toMatchObject({ code: "not_found", status: 404 });
    } finally {
      runtime.config = embedded;
    }
  });
});
