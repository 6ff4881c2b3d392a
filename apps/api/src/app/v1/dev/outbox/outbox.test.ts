import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devOutboxResponseSchema, PROBLEM_CONTENT_TYPE, problemDetailsSchema } from "@plinto/contracts";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../../../test/instance";
import type { Config } from "../../../../lib/config";
import { createMailer } from "../../../../lib/mail";
import type { Runtime } from "../../../../lib/runtime";
import { systemContext } from "../../../../services/context";
import { createTenant } from "../../../../services/tenants/tenants";
import { GET } from "./route";

let database: TestDatabase;
let runtime: Runtime;
let embedded: Config;
let production: Config;
let ids: { a1: string; a2: string; b1: string };

beforeAll(async () => {
  ({ database, runtime } = await getTestInstance());
  embedded = runtime.config;
  expect(embedded.embedded).toBe(true);
  // What the same process would hold with DATABASE_URL set (the route reads `config.embedded`).
  production = { ...embedded, embedded: false, databaseUrl: "postgres://plinto@db.internal:5432/plinto" };

  const a = await createTenant(database.db, systemContext, { slug: "outbox-a", name: "A" });
  const b = await createTenant(database.db, systemContext, { slug: "outbox-b", name: "B" });
  const mailer = createMailer(embedded, database.db);
  const base = { subject: "Verify your email", text: "Your code is 123456", kind: "verify-email" };
  ids = {
    a1: (await mailer.send({ ...base, tenantId: a.id, to: "ada@example.com" })).id,
    b1: (await mailer.send({ ...base, tenantId: b.id, to: "ada@example.com", text: "B's code is 654321" })).id,
    a2: (await mailer.send({ ...base, tenantId: a.id, to: "Lin@Example.com", kind: "reset-password", html: "<p>Reset</p>" })).id,
  };
});
afterAll(async () => {
  runtime.config = embedded;
  await database?.dispose();
});

const get = (query: string) => GET(new Request(`http://localhost:4000/v1/dev/outbox${query}`));

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
  return problemDetailsSchema.parse(await response.json());
}

describe("GET /v1/dev/outbox in embedded mode", () => {
  it("lists the tenant's mail, newest first, in the contract's shape, uncached", async () => {
    const response = await get("?tenant=outbox-a");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = devOutboxResponseSchema.parse(await response.json());
    expect(body.messages.map((m) => m.id)).toEqual([ids.a2, ids.a1]);
    expect(body.messages[0]).toMatchObject({ to: "Lin@Example.com", kind: "reset-password", html: "<p>Reset</p>" });
    expect(body.messages[1]).toMatchObject({ to: "ada@example.com", text: "Your code is 123456", html: null });
    expect(JSON.stringify(body)).not.toContain("654321");

    const b = devOutboxResponseSchema.parse(await (await get("?tenant=outbox-b")).json());
    expect(b.messages.map((m) => m.id)).toEqual([ids.b1]);
  });

  it("filters by recipient (any case), kind, and pages with limit and before", async () => {
    const list = async (query: string) =>
      devOutboxResponseSchema.parse(await (await get(query)).json()).messages.map((m) => m.id);
    expect(await list(`?tenant=outbox-a&to=${encodeURIComponent("lin@example.com")}`)).toEqual([ids.a2]);
    expect(await list(`?tenant=outbox-a&to=ADA%40example.com`)).toEqual([ids.a1]);
    expect(await list(`?tenant=outbox-a&to=nobody%40example.com`)).toEqual([]);
    expect(await list(`?tenant=outbox-a&kind=verify-email`)).toEqual([ids.a1]);
    expect(await list(`?tenant=outbox-a&limit=1`)).toEqual([ids.a2]);
    expect(await list(`?tenant=outbox-a&limit=1&before=${ids.a2}`)).toEqual([ids.a1]);
    // Another tenant's mail id is no cursor into this tenant.
    expect(await list(`?tenant=outbox-a&before=${ids.b1}`)).toEqual([]);
  });

  it("answers not_found for a tenant that does not exist", async () => {
    const response = await get("?tenant=no-such-tenant");
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toMatchObject({ code: "not_found", status: 404 });
  });

  it("answers validation_failed with the fields that are wrong", async () => {
    const cases: Array<[string, string[]]> = [
      ["", ["tenant"]],
      ["?tenant=", ["tenant"]],
      ["?tenant=outbox-a&to=not-an-email", ["to"]],
      ["?tenant=outbox-a&limit=0", ["limit"]],
      ["?tenant=outbox-a&limit=101", ["limit"]],
      ["?tenant=outbox-a&limit=ten", ["limit"]],
      ["?tenant=outbox-a&before=usr_01m8d4wmzfrmtxmr21apb0ws01", ["before"]],
      ["?tenant=outbox-a&kind=Not%20A%20Kind", ["kind"]],
      ["?to=x&limit=-1", ["tenant", "to", "limit"]],
    ];
    for (const [query, paths] of cases) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      const body = await problemOf(response);
      expect(body.code, query).toBe("validation_failed");
      expect(body.errors?.map((e) => e.path).sort(), query).toEqual([...paths].sort());
      for (const error of body.errors ?? []) expect(error.message.length, query).toBeGreaterThan(0);
    }
  });
});

describe("GET /v1/dev/outbox outside embedded mode", () => {
  it("does not exist: 404 not_found for every query, and no mail in the answer", async () => {
    runtime.config = production;
    try {
      for (const query of ["?tenant=outbox-a", "?tenant=outbox-a&to=ada%40example.com", "", "?tenant=no-such-tenant", "?limit=0"]) {
        const response = await get(query);
        expect(response.status, query).toBe(404);
        const text = await response.clone().text();
        expect(text, query).not.toContain("123456");
        expect(await problemOf(response), query).toMatchObject({ code: "not_found", status: 404 });
      }
    } finally {
      runtime.config = embedded;
    }
    // And back in embedded mode it answers again (the switch above is what made the difference).
    expect((await get("?tenant=outbox-a")).status).toBe(200);
  });
});
