import type { Db } from "@plinto/db";
import type { Config } from "../../lib/config";
import { hashToken } from "../../lib/crypto";
import type { Mailer } from "../../lib/mail";
import type { RateLimiter, RateLimitPolicy } from "../../lib/rate-limit";
import type { RequestContext } from "../context";
import { RateLimitedError, ServiceError } from "../errors";
import { findTenantBySlug } from "../tenants/tenants";
import { normalizeEmail } from "../users/users";
import type { MailContent } from "./messages";

/**
 * What the sign-in flows (auth.ts, and the second-factor flows in services/mfa) share: their
 * dependencies, their rate limits, and how they find the tenant and send mail.
 */

/** What the sign-in flows need from the process: where links point, the secret, mail and limits. */
export interface AuthDeps {
  config: Pick<Config, "publicUrl" | "secret">;
  mailer: Mailer;
  limiter: RateLimiter;
}

/**
 * Limits per OWASP ASVS V2.2.1 / NIST 800-63B §5.2.2: per IP against spraying, per account (keyed by
 * the email asked for, so unknown and known addresses behave alike) in two tiers, so an attack on
 * one account slows from 10 tries a quarter hour to 50 a day, well under 100 failed attempts an hour.
 */
export const limits = {
  signInPerIp: { limit: 30, windowSeconds: 60 },
  signInPerAccount: { limit: 10, windowSeconds: 15 * 60 },
  signInPerAccountDaily: { limit: 50, windowSeconds: 24 * 3600 },
  signUpPerIp: { limit: 10, windowSeconds: 3600 },
  mailPerAddress: { limit: 5, windowSeconds: 3600 },
  mailPerIp: { limit: 100, windowSeconds: 3600 },
  /** Codes and link tokens checked from one address; also bounds guessing across accounts. */
  codePerIp: { limit: 30, windowSeconds: 10 * 60 },
  /**
   * Second-factor codes (authenticator, recovery, emailed) per account, whichever sign-in or
   * step-up they answer: a new challenge (a new password sign-in) does not buy new guesses.
   */
  mfaPerAccount: { limit: 10, windowSeconds: 15 * 60 },
  mfaPerAccountDaily: { limit: 50, windowSeconds: 24 * 3600 },
} satisfies Record<string, RateLimitPolicy>;

export const emailKey = (email: string) => hashToken(normalizeEmail(email).toLowerCase());

export async function enforce(limiter: RateLimiter, key: string, policy: RateLimitPolicy) {
  const result = await limiter.limit(key, policy);
  if (!result.success) throw new RateLimitedError(result.retryAfterSeconds);
  return result;
}

/** Flows that send mail: bounded per client address and per recipient, so Plinto cannot be used to spam. */
export async function enforceMailLimits(deps: AuthDeps, ctx: RequestContext, tenantId: string, email: string) {
  await enforce(deps.limiter, `mail:ip:${tenantId}:${ctx.ipAddress ?? "unknown"}`, limits.mailPerIp);
  await enforce(deps.limiter, `mail:${tenantId}:${emailKey(email)}`, limits.mailPerAddress);
}

/** Flows that check a mailed code or link token: bounded per client address. */
export const enforceProofLimit = (deps: AuthDeps, ctx: RequestContext, tenantId: string) =>
  enforce(deps.limiter, `code:ip:${tenantId}:${ctx.ipAddress ?? "unknown"}`, limits.codePerIp);

export async function requireTenant(db: Db, slug: string) {
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant || tenant.status !== "active") throw new ServiceError("not_found", "No such tenant");
  return tenant;
}

export function where(deps: { config: Pick<Config, "publicUrl"> }, tenant: { slug: string; name: string; settings: { branding?: { displayName?: string } } }) {
  return { tenantName: tenant.settings.branding?.displayName ?? tenant.name, baseUrl: `${deps.config.publicUrl}/t/${tenant.slug}` };
}

export async function send(deps: Pick<AuthDeps, "mailer">, tenantId: string, to: string, content: MailContent) {
  await deps.mailer.send({ tenantId, to, subject: content.subject, text: content.text, kind: content.kind });
}
