"use server";

import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { SESSION_COOKIE } from "../../../../../lib/request";
import { getRuntime } from "../../../../../lib/runtime";
import { ServiceError } from "../../../../../services/errors";
import { confirmTotpEnrolment, startTotpEnrolment, type EnrolmentAuthority } from "../../../../../services/mfa/enrolment";
import { normalizeRecoveryCode } from "../../../../../services/mfa/recovery-codes";
import { completeMfaChallenge, sendMfaEmailCode, sendStepUpEmailCode, stepUpSession, type MfaCodeMethod } from "../../../../../services/mfa/sign-in";
import { TENANT_SLUG } from "../../../../../services/tenants/tenants";
import { replaceBrowserSessionToken, startBrowserSession } from "./browser-session";
import type { FormState } from "./form-state";
import { errorState, formText, invalidForm } from "./forms";
import { afterSignInPath, hostedContext, hostedPath } from "./hosted";
import type { MfaFormState } from "./mfa-form-state";
import { forgetMfaChallenge, pendingMfaToken } from "./pending-mfa";

/**
 * The second-factor pages' server actions (see actions.ts for the conventions: bound to the tenant
 * by the page, posted by plain forms, redirect on success, form state on refusal, codes never
 * echoed). The pending sign-in comes from its cookie (pending-mfa.ts); without one, a signed-in
 * browser's session is raised instead (step-up, e.g. when an application asks for a second factor).
 */

function tenantOf(slug: string): string {
  if (!TENANT_SLUG.test(slug)) notFound();
  return slug;
}

const METHODS: readonly MfaCodeMethod[] = ["totp", "recovery_code", "email_code"];

/** The code as typed, in the shape its method needs, or the message for the field. */
function readCode(method: MfaCodeMethod, raw: string): { ok: true; value: string } | { ok: false; message: string } {
  if (method === "recovery_code") {
    if (raw.trim() === "") return { ok: false, message: "Enter one of your recovery codes" };
    const code = normalizeRecoveryCode(raw);
    return code ? { ok: true, value: code } : { ok: false, message: "A recovery code has 10 letters and digits, like ABCDE-12345" };
  }
  const code = raw.replace(/[\s-]/g, "");
  const from = method === "totp" ? "your authenticator app" : "the email";
  if (code === "") return { ok: false, message: `Enter the 6-digit code from ${from}` };
  if (!/^\d{6}$/.test(code)) return { ok: false, message: "The code is 6 digits, like 123456" };
  return { ok: true, value: code };
}

/** Completes the pending sign-in (or raises the signed-in session) with a code, then continues the sign-in. */
export async function completeMfaAction(tenantSlug: string, method: MfaCodeMethod, _previous: FormState, formData: FormData): Promise<FormState> {
  const slug = tenantOf(tenantSlug);
  if (!METHODS.includes(method)) notFound();
  const code = readCode(method, formText(formData, "code"));
  if (!code.ok) return invalidForm({ code: code.message }, {});

  const runtime = await getRuntime();
  const ctx = await hostedContext();
  try {
    const challengeToken = await pendingMfaToken();
    if (challengeToken) {
      const signedIn = await completeMfaChallenge(runtime.database.db, runtime, ctx, { tenantSlug: slug, challengeToken, method, code: code.value });
      await startBrowserSession(runtime, slug, signedIn);
      await forgetMfaChallenge(runtime.config.publicUrl, slug);
    } else {
      const sessionToken = (await cookies()).get(SESSION_COOKIE)?.value;
      if (!sessionToken) throw new ServiceError("unauthorized", "This sign-in has expired; sign in again");
      const raised = await stepUpSession(runtime.database.db, runtime, ctx, { tenantSlug: slug, sessionToken, method, code: code.value });
      await replaceBrowserSessionToken(runtime, slug, raised);
    }
  } catch (error) {
    const state = errorState(error, {});
    if (state.code === "unauthorized") await forgetMfaChallenge(runtime.config.publicUrl, slug);
    return state;
  }
  redirect(await afterSignInPath(runtime.config.publicUrl, slug));
}

/** Mails a code for the pending sign-in (or to raise the signed-in session), where the tenant allows it. */
export async function sendMfaEmailCodeAction(tenantSlug: string, _previous: FormState, _formData: FormData): Promise<FormState> {
  const slug = tenantOf(tenantSlug);
  const runtime = await getRuntime();
  try {
    const challengeToken = await pendingMfaToken();
    if (challengeToken) {
      await sendMfaEmailCode(runtime.database.db, runtime, await hostedContext(), { tenantSlug: slug, challengeToken });
    } else {
      // No sign-in pending: a code to raise the signed-in session (step-up).
      const sessionToken = (await cookies()).get(SESSION_COOKIE)?.value;
      if (!sessionToken) throw new ServiceError("unauthorized", "This sign-in has expired; sign in again");
      await sendStepUpEmailCode(runtime.database.db, runtime, await hostedContext(), { tenantSlug: slug, sessionToken });
    }
  } catch (error) {
    return errorState(error, {});
  }
  return { status: "done", message: "We've sent a 6-digit code to your email address. Enter it below; it works once, for 10 minutes." };
}

/** Who is setting up an authenticator: the pending sign-in this browser holds, else its session. */
async function enrolmentAuthority(): Promise<EnrolmentAuthority> {
  const challengeToken = await pendingMfaToken();
  if (challengeToken) return { challengeToken };
  const sessionToken = (await cookies()).get(SESSION_COOKIE)?.value;
  if (sessionToken) return { sessionToken };
  throw new ServiceError("unauthorized", "This sign-in has expired; sign in again");
}

/** Starts setting up an authenticator app; the enrolment page then shows its QR code and key. */
export async function startTotpEnrolmentAction(tenantSlug: string, _previous: FormState, _formData: FormData): Promise<FormState> {
  const slug = tenantOf(tenantSlug);
  const runtime = await getRuntime();
  try {
    await startTotpEnrolment(runtime.database.db, runtime, await hostedContext(), { tenantSlug: slug, ...(await enrolmentAuthority()) });
  } catch (error) {
    return errorState(error, {});
  }
  redirect(hostedPath(slug, "mfa/enrol"));
}

/**
 * Confirms the authenticator app with a code from it. Answers (rather than redirects) with the
 * recovery codes, which the page shows this once, and where to continue: where a sign-in
 * continues (a pending application sign-in, or the signed-in page).
 */
export async function confirmTotpEnrolmentAction(tenantSlug: string, _previous: MfaFormState, formData: FormData): Promise<MfaFormState> {
  const slug = tenantOf(tenantSlug);
  const code = readCode("totp", formText(formData, "code"));
  if (!code.ok) return invalidForm({ code: code.message }, {});
  const runtime = await getRuntime();
  try {
    const confirmed = await confirmTotpEnrolment(runtime.database.db, runtime, await hostedContext(), {
      tenantSlug: slug,
      code: code.value,
      ...(await enrolmentAuthority()),
    });
    if (confirmed.signIn) {
      await startBrowserSession(runtime, slug, confirmed.signIn);
      await forgetMfaChallenge(runtime.config.publicUrl, slug);
    }
    return {
      status: "done",
      message: "Your authenticator app is set up.",
      ...(confirmed.recoveryCodes ? { recoveryCodes: confirmed.recoveryCodes } : {}),
      continueHref: await afterSignInPath(runtime.config.publicUrl, slug),
    };
  } catch (error) {
    const state = errorState(error, {});
    if (state.code === "unauthorized") await forgetMfaChallenge(runtime.config.publicUrl, slug);
    return state;
  }
}

/** "Not now", while the tenant's grace period runs: on to where the sign-in continues. */
export async function skipEnrolmentAction(tenantSlug: string): Promise<void> {
  const slug = tenantOf(tenantSlug);
  const runtime = await getRuntime();
  redirect(await afterSignInPath(runtime.config.publicUrl, slug));
}
