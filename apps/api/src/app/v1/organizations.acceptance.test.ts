/**
 * Organizations end to end through the real pieces (no mocks), the way a customer uses them:
 * - an invitation mailed over real SMTP (smtp-server on 127.0.0.1), accepted by the invited person
 *   after they sign up and confirm their address, all through the HTTP route handlers;
 * - a domain verified against a real DNS server on 127.0.0.1, after which a person who signs up at
 *   that domain and confirms their address is a member.
 * The database is a fresh PGlite, or a fresh PostgreSQL database when DATABASE_URL is set.
 */
import { Resolver } from "node:dns/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  domainResponseSchema,
  invitationAcceptedResponseSchema,
  invitationResponseSchema,
  memberListResponseSchema,
  organizationResponseSchema,
} from "@plinto/contracts";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { startSmtpCatcher, type SmtpCatcher } from "../../lib/mail/testing";
import type { Runtime } from "../../lib/runtime";
import { createApiKey } from "../../services/api-keys/api-keys";
import { systemContext } from "../../services/context";
import { startDnsServer, type DnsServer } from "../../services/organizations/dns-testing";
import { installDomainResolver } from "../../services/organizations/domains";
import { createTenant } from "../../services/tenants/tenants";
import { POST as verifyDomain } from "./organizations/[organization]/domains/[domain]/verify/route";
import { POST as addDomain } from "./organizations/[organization]/domains/route";
import { POST as invite } from "./organizations/[organization]/invitations/route";
import { GET as listMembers } from "./organizations/[organization]/members/route";
import { POST as createOrganization } from "./organizations/route";
import { POST as acceptInvitation } from "./tenants/[tenant]/auth/invitations/accept/route";
import { POST as declineInvitation } from "./tenants/[tenant]/auth/invitations/decline/route";
import { codeIn, newIp, PASSWORD, post, signedIn } from "./tenants/testing";
import { problemOf } from "../../../test/responses";

const SLUG = "org-acceptance";
const API = "http://localhost:4000";
let runtime: Runtime;
let database: TestDatabase;
let catcher: SmtpCatcher;
let dns: DnsServer;
let tenantId: string;
let key: string;
const run = Date.now().toString(36);

beforeAll(async () => {
  catcher = await startSmtpCatcher();
  ({ runtime, database } = await getTestInstance({ SMTP_URL: catcher.url, MAIL_FROM: "Acme <no-reply@example.com>" }));
  expect(runtime.mailer.transport).toBe("smtp");
  tenantId = (await createTenant(database.db, systemContext, { slug: SLUG, name: "Org Acceptance" })).id;
  key = (await createApiKey(database.db, systemContext, { tenantId, name: "acceptance", scopes: ["organizations:read", "organizations:write"] })).secret;
  dns = await startDnsServer();
  const resolver = new Resolver({ timeout: 2_000, tries: 1 });
  resolver.setServers([dns.address]);
  installDomainResolver(resolver);
});
afterAll(async () => {
  installDomainResolver(undefined);
  await dns?.close();
  await runtime?.mailer.close();
  await catcher?.close();
  await database?.dispose();
});

function manage(handler: unknown, params: Record<string, string>, method: string, body?: unknown) {
  const headers = new Headers({ authorization: `Bearer ${key}` });
  if (body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`${API}/v1/organizations`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return (handler as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>)(request, { params: Promise.resolve(params) });
}

function answer(handler: typeof acceptInvitation, token: string, sessionToken?: string) {
  const headers = new Headers({ "content-type": "application/json", "x-plinto-client-ip": newIp() });
  if (sessionToken) headers.set("authorization", `Bearer ${sessionToken}`);
  const request = new Request(`${API}/v1/tenants/${SLUG}/auth/invitations/accept`, { method: "POST", headers, body: JSON.stringify({ token }) });
  return handler(request, { params: Promise.resolve({ tenant: SLUG }) });
}

async function json<T>(response: Response, status: number, schema: { parse(v: unknown): T }): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(status);
  return schema.parse(await response.json());
}

/** Signs up through the routes and confirms the address with the code that arrives over SMTP. */
async function signUpAndConfirm(email: string) {
  const mark = catcher.messages.length;
  const ip = newIp();
  expect((await post("sign-up", SLUG, { email, password: PASSWORD }, { ip })).status).toBe(202);
  const mail = await catcher.waitFor((m) => catcher.messages.indexOf(m) >= mark && m.to === email && /confirmation code/.test(m.subject));
  const confirmed = await post("verify-email", SLUG, { email, code: codeIn(mail.text!) }, { ip });
  expect(confirmed.status).toBe(200);
}

async function newOrganization(slug: string) {
  return (await json(await manage(createOrganization, {}, "POST", { name: `Org ${slug}`, slug }), 201, organizationResponseSchema)).organization;
}

async function membersOf(organizationId: string) {
  return (await json(await manage(listMembers, { organization: organizationId }, "GET"), 200, memberListResponseSchema)).members;
}

describe("an invitation over SMTP", () => {
  it("arrives with a link; the invited person signs up, confirms, accepts, and is a member with the role", async () => {
    const organization = await newOrganization(`invited-${run}`);
    const email = `grace-${run}@example.com`;
    const mark = catcher.messages.length;
    const { invitation } = await json(await manage(invite, { organization: organization.id }, "POST", { email, role: "admin" }), 201, invitationResponseSchema);
    expect(invitation).toMatchObject({ email, role: "admin", status: "pending" });

    const mail = await catcher.waitFor((m) => catcher.messages.indexOf(m) >= mark && m.to === email);
    expect(mail.from).toBe("Acme <no-reply@example.com>");
    expect(mail.subject).toContain(organization.name);
    const links = [...mail.text!.matchAll(/https?:\/\/\S+/g)].map((m) => new URL(m[0]));
    expect(links.map((u) => `${u.origin}${u.pathname}`)).toEqual([`${new URL(runtime.config.publicUrl).origin}/t/${SLUG}/invitation`]);
    const token = links[0]!.searchParams.get("token")!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Without a session the answer is 401; a session of someone else is refused.
    await problemOf(await answer(acceptInvitation, token), 401, "unauthorized");
    const someoneElse = `someone-${run}@example.com`;
    await signUpAndConfirm(someoneElse);
    const other = await signedIn(SLUG, someoneElse);
    await problemOf(await answer(acceptInvitation, token, other.sessionToken), 403, "forbidden");
    await problemOf(await answer(declineInvitation, token, other.sessionToken), 403, "forbidden");

    await signUpAndConfirm(email);
    const session = await signedIn(SLUG, email);
    const accepted = await json(await answer(acceptInvitation, token, session.sessionToken), 200, invitationAcceptedResponseSchema);
    expect(accepted).toEqual({ status: "accepted", organizationId: organization.id, role: "admin" });
    const members = await membersOf(organization.id);
    expect(members.map((m) => [m.email, m.role])).toEqual([[email, "admin"]]);
    // The link was for one use.
    await problemOf(await answer(acceptInvitation, token, session.sessionToken), 400, "invalid_verification");
  });
});

describe("a verified domain", () => {
  it("is proven over real DNS, and a person who signs up at it and confirms their address joins as member", async () => {
    const organization = await newOrganization(`domain-${run}`);
    const name = `acme-${run}.example`;
    const { domain } = await json(await manage(addDomain, { organization: organization.id }, "POST", { domain: name, autoJoin: true }), 201, domainResponseSchema);
    const at = { organization: organization.id, domain: domain.id };

    await problemOf(await manage(verifyDomain, at, "POST"), 422, "domain_verification_failed");
    dns.txt.set(domain.verification.name, [[domain.verification.value]]);
    const verified = await json(await manage(verifyDomain, at, "POST"), 200, domainResponseSchema);
    expect(verified.domain).toMatchObject({ verified: true, autoJoin: true });
    expect(dns.questions).toContain(`_plinto-challenge.${name}`);

    const email = `ada-${run}@${name}`;
    await signUpAndConfirm(email);
    const members = await membersOf(organization.id);
    expect(members.map((m) => [m.email, m.role])).toEqual([[email, "member"]]);
    // Someone at another domain does not join.
    await signUpAndConfirm(`bob-${run}@elsewhere-${run}.example`);
    expect((await membersOf(organization.id)).length).toBe(1);
  });
});
