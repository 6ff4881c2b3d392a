import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../../../../test/instance";
import type { Runtime } from "../../../../../lib/runtime";
import { SESSION_COOKIE } from "../../../../../lib/request";
import { systemContext } from "../../../../../services/context";
import { listOutbox } from "../../../../../services/mail/outbox";
import { createInvitation } from "../../../../../services/organizations/invitations";
import { createOrganization, getMember } from "../../../../../services/organizations/organizations";
import { createSession } from "../../../../../services/sessions/sessions";
import { createTenant } from "../../../../../services/tenants/tenants";
import { createUser } from "../../../../../services/users/users";
import { initialFormState } from "../_lib/form-state";

/** The hosted invitation page and its actions against a real database, Next's request APIs stood in for. */
const next = await vi.hoisted(async () => (await import("../_lib/next-stand-in.testing")).createNextStandIn());
vi.mock("next/headers", () => next.headersModule);
vi.mock("next/navigation", () => next.navigationModule);

const { acceptInvitationAction, declineInvitationAction } = await import("./actions");
const { default: InvitationPage } = await import("./page");

const slug = "hosted-invitation";
let runtime: Runtime;
let database: TestDatabase;
let tenantId: string;
let organizationId: string;
let counter = 0;

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  tenantId = (await createTenant(database.db, systemContext, { slug, name: "Hosted Invitation" })).id;
  organizationId = (await database.db.transaction((tx) => createOrganization(tx, systemContext, { tenantId, name: "Acme", slug: "acme" }))).id;
});
afterAll(async () => {
  await database?.dispose();
});
beforeEach(() => {
  next.jar.clear();
  counter += 1;
  next.setHeaders({ "x-plinto-client-ip": `198.51.100.${counter}`, "user-agent": "vitest" });
});

async function invited() {
  const email = `invited${counter}@example.com`;
  await createInvitation(database.db, runtime, systemContext, { tenantId, organizationId, email, role: "admin" });
  const [mail] = await listOutbox(database.db, { tenantId, to: email, limit: 1 });
  const token = /invitation\?token=([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
  const user = await database.db.transaction((tx) => createUser(tx, systemContext, { tenantId, email, emailVerified: true }));
  return { token, user };
}
async function signIn(userId: string) {
  const { token } = await database.db.transaction((tx) => createSession(tx, systemContext, { tenantId, userId, amr: ["pwd"] }));
  next.jar.set(SESSION_COOKIE, { value: token, options: {} });
}
const form = (token: string) => {
  const data = new FormData();
  data.set("token", token);
  return data;
};
const page = async (token?: string) =>
  renderToStaticMarkup(await InvitationPage({ params: Promise.resolve({ tenant: slug }), searchParams: Promise.resolve(token ? { token } : {}) }));

describe("the hosted invitation page", () => {
  it("signed out: asks to sign in first and changes nothing", async () => {
    const { token, user } = await invited();
    const html = await page(token);
    expect(html).toContain(`/t/${slug}/sign-in`);
    expect(html).not.toContain(token);
    expect(await acceptInvitationAction(slug, initialFormState, form(token))).toMatchObject({ status: "error", code: "unauthorized" });
    await expect(getMember(database.db, tenantId, organizationId, user.id)).rejects.toThrow();
  });

  it("signed in as the invited address: accept makes them a member with the invited role", async () => {
    const { token, user } = await invited();
    await signIn(user.id);
    const html = await page(token);
    expect(html).toContain("Accept invitation");
    expect(html).toContain(user.email);
    // Opening the page alone changes nothing.
    await expect(getMember(database.db, tenantId, organizationId, user.id)).rejects.toThrow();
    expect(await acceptInvitationAction(slug, initialFormState, form(token))).toMatchObject({ status: "done" });
    expect((await getMember(database.db, tenantId, organizationId, user.id)).role).toBe("admin");
    expect(await acceptInvitationAction(slug, initialFormState, form(token))).toMatchObject({ status: "error", code: "invalid_verification" });
  });

  it("decline leaves them out; an incomplete link is said to be so", async () => {
    const { token, user } = await invited();
    await signIn(user.id);
    expect(await declineInvitationAction(slug, initialFormState, form(token))).toMatchObject({ status: "done" });
    await expect(getMember(database.db, tenantId, organizationId, user.id)).rejects.toThrow();
    expect(await page()).toContain("not complete");
  });
});
