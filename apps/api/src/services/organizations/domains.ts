import { Resolver } from "node:dns/promises";
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { DOMAIN_CHALLENGE_PREFIX, DOMAIN_VERIFICATION_PREFIX } from "@plinto/contracts";
import { isId, type Db, type Executor } from "@plinto/db";
import { domains, memberships, organizations, roles } from "@plinto/db/schema";
import { randomToken } from "../../lib/crypto";
import { recordAuditEvent } from "../audit/audit";
import type { RequestContext } from "../context";
import { ServiceError } from "../errors";
import { assertNotManaged, getOrganization } from "./organizations";

export type Domain = typeof domains.$inferSelect;

/** How a domain's TXT records are looked up; `node:dns/promises`' Resolver fits, so does a test's. */
export interface DomainResolver {
  resolveTxt(name: string): Promise<string[][]>;
}

const RESOLVER = Symbol.for("plinto.api.domain-resolver");
const holder = globalThis as { [RESOLVER]?: DomainResolver };

/**
 * The process's resolver: the one installed (tests, or a server that wants other DNS servers),
 * else the system's. Kept on globalThis for the same reason as the runtime: route handlers live in
 * Next's own bundles.
 */
export function domainResolver(): DomainResolver {
  return holder[RESOLVER] ?? new Resolver({ timeout: 3_000, tries: 2 });
}

/** Installs the resolver `domainResolver()` answers with; undefined goes back to the system's. */
export function installDomainResolver(resolver: DomainResolver | undefined) {
  if (resolver) holder[RESOLVER] = resolver;
  else delete holder[RESOLVER];
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A domain as people type it (any case, a trailing dot), checked and made canonical. */
export function normalizeDomain(input: string): string {
  const domain = input.trim().toLowerCase().replace(/\.$/, "");
  const labels = domain.split(".");
  if (domain.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1)!)) {
    throw new ServiceError("validation_failed", "That is not a domain name", [{ path: "domain", message: "Enter a domain like acme.com" }]);
  }
  return domain;
}

/** The TXT record a domain's owner publishes to prove it. */
export function verificationRecord(domain: Pick<Domain, "domain" | "verificationToken">) {
  return { type: "TXT" as const, name: `${DOMAIN_CHALLENGE_PREFIX}${domain.domain}`, value: `${DOMAIN_VERIFICATION_PREFIX}${domain.verificationToken}` };
}

export async function listDomains(db: Executor, tenantId: string, organizationId: string) {
  await getOrganization(db, tenantId, organizationId);
  return db
    .select()
    .from(domains)
    .where(and(eq(domains.tenantId, tenantId), eq(domains.organizationId, organizationId)))
    .orderBy(asc(domains.domain));
}

async function findDomain(db: Executor, tenantId: string, organizationId: string, domainId: string) {
  const [row] = isId("domain", domainId)
    ? await db
        .select()
        .from(domains)
        .where(and(eq(domains.tenantId, tenantId), eq(domains.organizationId, organizationId), eq(domains.id, domainId)))
        .limit(1)
    : [];
  if (!row) throw new ServiceError("not_found", "No such domain");
  return row;
}

/** Claims a domain for the organization, unverified; unique in the tenant. */
export async function addDomain(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; organizationId: string; domain: string; autoJoin?: boolean | undefined },
) {
  const organization = await getOrganization(tx, input.tenantId, input.organizationId, { lock: true });
  // Auto-join into an organization that administers a tenant would hand out admin rights.
  assertNotManaged(organization, "manage its admins");
  const domain = normalizeDomain(input.domain);
  const [row] = await tx
    .insert(domains)
    .values({ tenantId: input.tenantId, organizationId: organization.id, domain, verificationToken: randomToken(16), autoJoin: input.autoJoin ?? false })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new ServiceError("conflict", `The domain ${domain} is already claimed in this tenant`);
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "organization.domain_added",
    targetType: "domain",
    targetId: row.id,
    data: { organizationId: organization.id, domain, autoJoin: row.autoJoin },
  });
  return row;
}

export async function updateDomain(
  tx: Executor,
  ctx: RequestContext,
  input: { tenantId: string; organizationId: string; domainId: string; autoJoin: boolean },
) {
  await getOrganization(tx, input.tenantId, input.organizationId);
  const current = await findDomain(tx, input.tenantId, input.organizationId, input.domainId);
  if (current.autoJoin === input.autoJoin) return current;
  const [row] = await tx
    .update(domains)
    .set({ autoJoin: input.autoJoin, updatedAt: new Date() })
    .where(and(eq(domains.tenantId, input.tenantId), eq(domains.id, current.id)))
    .returning();
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "organization.domain_updated",
    targetType: "domain",
    targetId: current.id,
    data: { organizationId: input.organizationId, domain: current.domain, autoJoin: input.autoJoin },
  });
  return row!;
}

export async function removeDomain(tx: Executor, ctx: RequestContext, input: { tenantId: string; organizationId: string; domainId: string }) {
  await getOrganization(tx, input.tenantId, input.organizationId);
  const current = await findDomain(tx, input.tenantId, input.organizationId, input.domainId);
  await tx.delete(domains).where(and(eq(domains.tenantId, input.tenantId), eq(domains.id, current.id)));
  await recordAuditEvent(tx, ctx, {
    tenantId: input.tenantId,
    action: "organization.domain_removed",
    targetType: "domain",
    targetId: current.id,
    data: { organizationId: input.organizationId, domain: current.domain },
  });
}

const NO_RECORD = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN"]);

/**
 * Looks the domain's TXT record up now and marks the domain verified when one of the records at
 * `_plinto-challenge.<domain>` is exactly `plinto-verification=<token>` (a record split into
 * several strings counts joined, as RFC 7208 reads them). No transaction is open during the
 * lookup. A domain already verified stays verified.
 */
export async function verifyDomain(
  db: Db,
  ctx: RequestContext,
  input: { tenantId: string; organizationId: string; domainId: string },
  resolver: DomainResolver = domainResolver(),
) {
  await getOrganization(db, input.tenantId, input.organizationId);
  const current = await findDomain(db, input.tenantId, input.organizationId, input.domainId);
  if (current.verifiedAt) return current;
  const record = verificationRecord(current);
  let found: string[];
  try {
    found = (await resolver.resolveTxt(record.name)).map((chunks) => chunks.join(""));
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (NO_RECORD.has(code)) found = [];
    else throw new ServiceError("domain_verification_failed", `The TXT records at ${record.name} could not be looked up (${code || "error"}); try again`);
  }
  if (!found.includes(record.value)) {
    throw new ServiceError(
      "domain_verification_failed",
      found.length === 0
        ? `There is no TXT record at ${record.name} yet; publish "${record.value}" there (DNS changes can take a while)`
        : `The TXT records at ${record.name} do not include "${record.value}"`,
    );
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(domains)
      .set({ verifiedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(domains.tenantId, input.tenantId), eq(domains.id, current.id), isNull(domains.verifiedAt)))
      .returning();
    if (!row) return findDomain(tx, input.tenantId, input.organizationId, current.id);
    await recordAuditEvent(tx, ctx, {
      tenantId: input.tenantId,
      action: "organization.domain_verified",
      targetType: "domain",
      targetId: current.id,
      data: { organizationId: input.organizationId, domain: current.domain },
    });
    return row;
  });
}

/**
 * Call where a user's address becomes confirmed (sign-up verification, a user created confirmed):
 * when its domain is a verified auto-join domain of an organization in the tenant, the user joins
 * it as `member`. Someone already a member keeps their role.
 */
export async function autoJoinByDomain(tx: Executor, ctx: RequestContext, input: { tenantId: string; userId: string; email: string }) {
  const at = input.email.lastIndexOf("@");
  if (at < 0) return [];
  const domain = input.email.slice(at + 1).trim().toLowerCase().replace(/\.$/, "");
  const matches = await tx
    .select({ organizationId: domains.organizationId })
    .from(domains)
    .innerJoin(organizations, and(eq(organizations.tenantId, domains.tenantId), eq(organizations.id, domains.organizationId)))
    .where(
      and(
        eq(domains.tenantId, input.tenantId),
        eq(domains.domain, domain),
        eq(domains.autoJoin, true),
        isNotNull(domains.verifiedAt),
        isNull(organizations.managedTenantId),
      ),
    );
  if (matches.length === 0) return [];
  const [role] = await tx.select().from(roles).where(and(eq(roles.tenantId, input.tenantId), eq(roles.key, "member"))).limit(1);
  if (!role) return [];
  const joined: string[] = [];
  for (const { organizationId } of matches) {
    const inserted = await tx
      .insert(memberships)
      .values({ tenantId: input.tenantId, organizationId, userId: input.userId, roleId: role.id })
      .onConflictDoNothing()
      .returning({ id: memberships.id });
    if (inserted.length === 0) continue;
    joined.push(organizationId);
    await recordAuditEvent(tx, ctx, {
      tenantId: input.tenantId,
      action: "organization.member_auto_joined",
      targetType: "organization",
      targetId: organizationId,
      data: { userId: input.userId, domain, role: role.key },
    });
  }
  return joined;
}
