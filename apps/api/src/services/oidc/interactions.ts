import { and, eq, gt } from "drizzle-orm";
import { decodeJwt } from "jose";
import type { Executor } from "@plinto/db";
import { oidcModels } from "@plinto/db/schema";
import { findApplicationByClientId } from "../applications/applications";
import { ACR } from "./claims";

/** Where the provider sends the browser when it needs the user: the interaction endpoint. */
export const interactionPath = (tenantSlug: string, uid: string) => `/t/${tenantSlug}/interaction/${uid}`;

/** The shape of an interaction uid (the provider's nanoid), checked before it goes into a path. */
export const INTERACTION_UID = /^[\w-]{10,64}$/;

/** What the provider tells us about a pending interaction (the part our decisions read). */
export interface InteractionView {
  uid: string;
  /** When the request began, in whole seconds (the provider's own record). */
  iat: number;
  /** When the request began to the millisecond, by this process's clock, where known (`interactionStartedAt`). */
  startedAt?: number;
  prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
  params: Record<string, unknown>;
}

export interface LiveSessionView {
  user: { id: string };
  session: { authTime: Date; amr: string[]; acr: string | null };
}

export type LoginDecision =
  | { kind: "finish"; login: { accountId: string; ts: number; amr: string[]; acr: string; remember: true } }
  | { kind: "sign_in"; why: "no_session" | "fresh_sign_in" | "max_age" | "other_user" }
  | { kind: "step_up" };

/**
 * Whether the user's live IdP session answers the provider's login prompt, or they must sign in on
 * the hosted page: `prompt=login` needs a sign-in after the request began, `max_age` one recent
 * enough, an `id_token_hint` the same user. The provider has already verified the hint. An
 * `acr_values` the session's class is not among (an application asking for a second factor)
 * needs a step-up: the same user proves a second factor, no new sign-in.
 */
export function loginDecision(interaction: InteractionView, live: LiveSessionView | undefined, now: number = Date.now()): LoginDecision {
  if (!live) return { kind: "sign_in", why: "no_session" };
  const authTime = live.session.authTime.getTime();
  // prompt=login wants a sign-in after the request began. Known to the millisecond, that is exact;
  // known only to the second (the provider's iat), a sign-in in that same second may have come
  // first, so only a later second counts.
  const began = interaction.startedAt ?? (interaction.iat + 1) * 1000 - 1;
  if (interaction.prompt.reasons.includes("login_prompt") && authTime <= began) {
    return { kind: "sign_in", why: "fresh_sign_in" };
  }
  const maxAge = Number(interaction.params.max_age);
  if (interaction.params.max_age !== undefined && Number.isFinite(maxAge) && now - authTime > maxAge * 1000) {
    return { kind: "sign_in", why: "max_age" };
  }
  const hint = typeof interaction.params.id_token_hint === "string" ? interaction.params.id_token_hint : undefined;
  if (hint) {
    let sub: unknown;
    try {
      sub = decodeJwt(hint).sub;
    } catch {
      sub = undefined;
    }
    if (sub !== live.user.id) return { kind: "sign_in", why: "other_user" };
  }
  const acr = live.session.acr ?? ACR.singleFactor;
  const wanted = typeof interaction.params.acr_values === "string" ? interaction.params.acr_values.split(" ").filter(Boolean) : [];
  if (wanted.length > 0 && !wanted.includes(acr) && wanted.includes(ACR.multiFactor)) return { kind: "step_up" };
  return {
    kind: "finish",
    login: {
      accountId: live.user.id,
      ts: Math.floor(authTime / 1000),
      amr: live.session.amr,
      acr,
      remember: true,
    },
  };
}

/**
 * When an interaction began, to the millisecond: its first save (the adapter stamps `created_at`
 * with this process's clock, the clock sessions' sign-in times come from). Undefined when unknown.
 */
export async function interactionStartedAt(db: Executor, tenantId: string, uid: string): Promise<number | undefined> {
  const [row] = await db
    .select({ createdAt: oidcModels.createdAt })
    .from(oidcModels)
    .where(and(eq(oidcModels.tenantId, tenantId), eq(oidcModels.model, "Interaction"), eq(oidcModels.id, uid)))
    .limit(1);
  return row?.createdAt.getTime();
}

/** The scopes a consent prompt asks for, as the provider lists them. */
export function missingScopes(interaction: InteractionView): string[] {
  const missing = interaction.prompt.details.missingOIDCScope;
  return Array.isArray(missing) ? missing.map(String) : [];
}

/**
 * A pending interaction as the hosted pages show it: which application asks, for what, and the
 * address it suggests. Read from the provider's storage by uid; nothing secret is in it.
 */
export async function pendingInteraction(db: Executor, tenantId: string, uid: string, now: Date = new Date()) {
  const [row] = await db
    .select({ payload: oidcModels.payload })
    .from(oidcModels)
    .where(
      and(eq(oidcModels.tenantId, tenantId), eq(oidcModels.model, "Interaction"), eq(oidcModels.id, uid), gt(oidcModels.expiresAt, now)),
    )
    .limit(1);
  if (!row) return undefined;
  const payload = row.payload as { params?: Record<string, unknown>; prompt?: InteractionView["prompt"] };
  const clientId = typeof payload.params?.client_id === "string" ? payload.params.client_id : undefined;
  const application = clientId ? await findApplicationByClientId(db, tenantId, clientId) : undefined;
  if (!application) return undefined;
  const requested = typeof payload.params?.scope === "string" ? payload.params.scope.split(" ").filter(Boolean) : [];
  return {
    uid,
    application: { id: application.id, name: application.name, logoUri: application.logoUri, firstParty: application.firstParty },
    scopes: requested,
    prompt: payload.prompt?.name,
    missingScopes: payload.prompt ? missingScopes({ uid, iat: 0, prompt: payload.prompt, params: {} }) : [],
    loginHint: typeof payload.params?.login_hint === "string" ? payload.params.login_hint : undefined,
  };
}
