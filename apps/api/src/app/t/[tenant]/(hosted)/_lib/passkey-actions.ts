"use server";

import {
  passkeyAuthenticationResponseSchema,
  passkeyIdSchema,
  passkeyNameSchema,
  passkeyRegistrationResponseSchema,
  type PasskeyAuthenticationOptions,
  type PasskeyRegistrationOptions,
} from "@plinto/contracts";
import { cookies } from "next/headers";
import { SESSION_COOKIE } from "../../../../../lib/request";
import { getRuntime, type Runtime } from "../../../../../lib/runtime";
import type { RequestContext } from "../../../../../services/context";
import { ServiceError } from "../../../../../services/errors";
import {
  finishPasskeyRegistration,
  finishPasskeySignIn,
  listPasskeys,
  removePasskey,
  renamePasskey,
  startPasskeyRegistration,
  startPasskeySignIn,
} from "../../../../../services/passkeys/passkeys";
import { errorState } from "./forms";
import {
  completePasskeySecondFactor,
  completePasskeyStepUp,
  startPasskeySecondFactor,
  startPasskeyStepUp,
} from "../../../../../services/passkeys/second-factor";
import { replaceBrowserSessionToken, startBrowserSession } from "./browser-session";
import { afterSignInPath, currentSession, hostedContext, loadHostedTenant } from "./hosted";
import { forgetMfaChallenge, pendingMfaToken } from "./pending-mfa";
import { toPasskeyView, type PasskeyActionResult, type PasskeyView } from "./passkey-view";

/**
 * The hosted pages' passkey actions, called from the passkey components with the browser's
 * WebAuthn answers (which need JavaScript anyway). Each answers a result object instead of
 * redirecting: the component announces it, and after a sign-in goes where `next` says (back to a
 * pending application sign-in, or the signed-in page). The session comes from the tenant's cookie,
 * as on every hosted page; the /v1 passkey routes do the same for SDKs.
 */

const failed = (code: string, message: string) => ({ ok: false as const, code, message });

/** A service's refusal as a result, with the same words as the hosted forms. */
function refusal(error: unknown) {
  const state = errorState(error, {});
  return failed(state.code ?? "internal_error", state.message ?? "Something went wrong on our side. Please try again in a moment.");
}

async function tenantOf(slug: unknown) {
  const tenant = typeof slug === "string" ? await loadHostedTenant(slug) : undefined;
  if (!tenant) throw new ServiceError("not_found", "No such tenant");
  return tenant;
}

/** The signed-in user of this tenant's hosted pages, or a refusal telling them to sign in. */
async function signedIn(slug: unknown) {
  const tenant = await tenantOf(slug);
  const live = await currentSession(tenant);
  if (!live) throw new ServiceError("unauthorized", "You are not signed in any more. Sign in again to manage your passkeys.");
  const ctx: RequestContext = { ...(await hostedContext()), actor: { type: "user", id: live.user.id } };
  return { tenant, live, ctx };
}

async function passkeysOf(runtime: Runtime, tenantId: string, userId: string): Promise<PasskeyView[]> {
  return (await listPasskeys(runtime.database.db, { tenantId, userId })).map(toPasskeyView);
}

// ── Sign-in ───────────────────────────────────────────────────────────────────────────────────

export async function passkeySignInOptionsAction(tenantSlug: string): Promise<PasskeyActionResult<{ options: PasskeyAuthenticationOptions }>> {
  try {
    const tenant = await tenantOf(tenantSlug);
    const runtime = await getRuntime();
    const options = await startPasskeySignIn(runtime.database.db, runtime, await hostedContext(), { tenantSlug: tenant.slug });
    return { ok: true, options };
  } catch (error) {
    return refusal(error);
  }
}

/**
 * Signs in with the browser's assertion: the new session goes into the tenant's cookie (ending the
 * one the cookie held before, as every hosted sign-in does), and `next` says where to go.
 */
export async function passkeySignInAction(tenantSlug: string, credential: unknown): Promise<PasskeyActionResult<{ next: string }>> {
  try {
    const tenant = await tenantOf(tenantSlug);
    const parsed = passkeyAuthenticationResponseSchema.safeParse(credential);
    if (!parsed.success) return failed("invalid_passkey", "That passkey was not accepted. Try again, or sign in another way");
    const runtime = await getRuntime();
    const result = await finishPasskeySignIn(runtime.database.db, runtime, await hostedContext(), { tenantSlug: tenant.slug, response: parsed.data });
    await startBrowserSession(runtime, tenant.slug, result);
    return { ok: true, next: await afterSignInPath(runtime.config.publicUrl, tenant.slug) };
  } catch (error) {
    return refusal(error);
  }
}

// ── The second step of a sign-in (/t/{tenant}/mfa) ────────────────────────────────────────────

const pendingSignInGone = () => new ServiceError("unauthorized", "This sign-in has expired or is already complete; sign in again");

/**
 * Options for the pending sign-in this browser holds (its `plinto_mfa` cookie), or, with none, for
 * raising its signed-in session (step-up).
 */
export async function passkeySecondFactorOptionsAction(tenantSlug: string): Promise<PasskeyActionResult<{ options: PasskeyAuthenticationOptions }>> {
  try {
    const tenant = await tenantOf(tenantSlug);
    const runtime = await getRuntime();
    const challengeToken = await pendingMfaToken();
    if (!challengeToken) {
      const sessionToken = (await cookies()).get(SESSION_COOKIE)?.value;
      if (!sessionToken) throw pendingSignInGone();
      return { ok: true, options: await startPasskeyStepUp(runtime.database.db, runtime, await hostedContext(), { tenantSlug: tenant.slug, sessionToken }) };
    }
    try {
      const options = await startPasskeySecondFactor(runtime.database.db, runtime, await hostedContext(), { tenantSlug: tenant.slug, challengeToken });
      return { ok: true, options };
    } catch (error) {
      if (error instanceof ServiceError && error.code === "unauthorized") await forgetMfaChallenge(runtime.config.publicUrl, tenant.slug);
      throw error;
    }
  } catch (error) {
    return refusal(error);
  }
}

/**
 * Completes the pending sign-in with the assertion (or, with none pending, raises the signed-in
 * session): the session goes into the cookie, and `next` says where to go.
 */
export async function passkeySecondFactorAction(tenantSlug: string, credential: unknown): Promise<PasskeyActionResult<{ next: string }>> {
  try {
    const tenant = await tenantOf(tenantSlug);
    const parsed = passkeyAuthenticationResponseSchema.safeParse(credential);
    if (!parsed.success) return failed("invalid_passkey", "That passkey was not accepted. Try again, or sign in another way");
    const runtime = await getRuntime();
    const challengeToken = await pendingMfaToken();
    if (!challengeToken) {
      const sessionToken = (await cookies()).get(SESSION_COOKIE)?.value;
      if (!sessionToken) throw pendingSignInGone();
      const raised = await completePasskeyStepUp(runtime.database.db, runtime, await hostedContext(), {
        tenantSlug: tenant.slug,
        sessionToken,
        response: parsed.data,
      });
      await replaceBrowserSessionToken(runtime, tenant.slug, raised);
      return { ok: true, next: await afterSignInPath(runtime.config.publicUrl, tenant.slug) };
    }
    try {
      const signedIn = await completePasskeySecondFactor(runtime.database.db, runtime, await hostedContext(), {
        tenantSlug: tenant.slug,
        challengeToken,
        response: parsed.data,
      });
      await startBrowserSession(runtime, tenant.slug, signedIn);
      await forgetMfaChallenge(runtime.config.publicUrl, tenant.slug);
      return { ok: true, next: await afterSignInPath(runtime.config.publicUrl, tenant.slug) };
    } catch (error) {
      if (error instanceof ServiceError && error.code === "unauthorized") await forgetMfaChallenge(runtime.config.publicUrl, tenant.slug);
      throw error;
    }
  } catch (error) {
    return refusal(error);
  }
}

// ── Managing the signed-in user's passkeys ────────────────────────────────────────────────────

export async function passkeyRegistrationOptionsAction(tenantSlug: string): Promise<PasskeyActionResult<{ options: PasskeyRegistrationOptions }>> {
  try {
    const { tenant, live, ctx } = await signedIn(tenantSlug);
    const runtime = await getRuntime();
    const options = await startPasskeyRegistration(runtime.database.db, runtime, ctx, { tenantId: tenant.id, userId: live.user.id, session: live.session });
    return { ok: true, options };
  } catch (error) {
    return refusal(error);
  }
}

export async function addPasskeyAction(
  tenantSlug: string,
  credential: unknown,
  name: unknown,
): Promise<PasskeyActionResult<{ added: PasskeyView; recoveryCodes?: string[]; passkeys: PasskeyView[] }>> {
  try {
    const { tenant, live, ctx } = await signedIn(tenantSlug);
    const parsed = passkeyRegistrationResponseSchema.safeParse(credential);
    if (!parsed.success) return failed("passkey_registration_failed", "The passkey could not be added. Start again, and finish within 5 minutes");
    const typed = typeof name === "string" && name.trim() !== "" ? passkeyNameSchema.safeParse(name) : undefined;
    if (typed && !typed.success) return failed("validation_failed", typed.error.issues[0]?.message ?? "Check the passkey's name");
    const runtime = await getRuntime();
    const added = await finishPasskeyRegistration(runtime.database.db, runtime, ctx, {
      tenantId: tenant.id,
      userId: live.user.id,
      response: parsed.data,
      ...(typed?.success ? { name: typed.data } : {}),
    });
    return {
      ok: true,
      added: toPasskeyView(added.passkey),
      ...(added.recoveryCodes ? { recoveryCodes: added.recoveryCodes } : {}),
      passkeys: await passkeysOf(runtime, tenant.id, live.user.id),
    };
  } catch (error) {
    return refusal(error);
  }
}

export async function renamePasskeyAction(tenantSlug: string, passkeyId: unknown, name: unknown): Promise<PasskeyActionResult<{ passkeys: PasskeyView[] }>> {
  try {
    const { tenant, live, ctx } = await signedIn(tenantSlug);
    const id = passkeyIdSchema.safeParse(passkeyId);
    if (!id.success) throw new ServiceError("not_found", "No such passkey");
    const typed = passkeyNameSchema.safeParse(name);
    if (!typed.success) return failed("validation_failed", typed.error.issues[0]?.message ?? "Check the passkey's name");
    const runtime = await getRuntime();
    await renamePasskey(runtime.database.db, ctx, { tenantId: tenant.id, userId: live.user.id, passkeyId: id.data, name: typed.data });
    return { ok: true, passkeys: await passkeysOf(runtime, tenant.id, live.user.id) };
  } catch (error) {
    return refusal(error);
  }
}

export async function removePasskeyAction(tenantSlug: string, passkeyId: unknown): Promise<PasskeyActionResult<{ passkeys: PasskeyView[] }>> {
  try {
    const { tenant, live, ctx } = await signedIn(tenantSlug);
    const id = passkeyIdSchema.safeParse(passkeyId);
    if (!id.success) throw new ServiceError("not_found", "No such passkey");
    const runtime = await getRuntime();
    await removePasskey(runtime.database.db, runtime, ctx, { tenantId: tenant.id, userId: live.user.id, passkeyId: id.data, session: live.session });
    return { ok: true, passkeys: await passkeysOf(runtime, tenant.id, live.user.id) };
  } catch (error) {
    return refusal(error);
  }
}
