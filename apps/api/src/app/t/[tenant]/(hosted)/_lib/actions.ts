"use server";

import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { SESSION_COOKIE } from "../../../../../lib/request";
import { getRuntime } from "../../../../../lib/runtime";
import {
  completeEmailSignIn,
  requestEmailSignIn,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signInWithPassword,
  signUp,
  verifyEmail,
} from "../../../../../services/auth/auth";
import { startImpersonation } from "../../../../../services/impersonation/impersonation";
import { TENANT_SLUG } from "../../../../../services/tenants/tenants";
import type { SignInOutcome } from "../../../../../services/mfa/sign-in";
import { endSession, startBrowserSession } from "./browser-session";
import type { FormState } from "./form-state";
import {
  checkCode,
  checkEmail,
  EMAIL_MAX_LENGTH,
  errorState,
  formText,
  invalidForm,
  linkToken,
  PASSWORD_INPUT_MAX_LENGTH,
} from "./forms";
import {
  afterSignInPath,
  clearSessionCookie,
  hostedContext,
  hostedPath,
  loadHostedTenant,
  rememberPendingEmail,
} from "./hosted";
import type { Notice } from "./notices";
import { forgetMfaChallenge, holdForSecondFactor } from "./pending-mfa";

/**
 * The hosted pages' server actions. Each is bound to its tenant by the page and posted by a plain
 * `<form>`, so it works without JavaScript; state changes happen here, on POST, never on GET (mail
 * scanners open links). A success that changes pages redirects (POST → redirect → GET); a refusal
 * comes back as form state with the service's message. Passwords, codes and tokens are never
 * echoed back.
 */

function tenantOf(slug: string): string {
  if (!TENANT_SLUG.test(slug)) notFound();
  return slug;
}

function noticeUrl(slug: string, notice: Notice): string {
  return `${hostedPath(slug, "sign-in")}?notice=${notice}`;
}

/** The address as typed, to put back in the form after a refusal (bounded: it is echoed). */
function typedEmail(formData: FormData): { email: string } {
  return { email: formText(formData, "email").trim().slice(0, EMAIL_MAX_LENGTH + 1) };
}

function readPassword(formData: FormData): string {
  return formText(formData, "password").slice(0, PASSWORD_INPUT_MAX_LENGTH);
}

/**
 * Where a first factor that succeeded leads: with a session, on to where a sign-in continues (a
 * pending application sign-in, or the signed-in page), or first to setting up a second factor
 * when the tenant requires one soon (the page lets them skip it until then); without a session
 * yet, to the page that asks for the second factor (or sets one up), holding the pending sign-in
 * in its cookie.
 */
async function continueSignIn(runtime: Awaited<ReturnType<typeof getRuntime>>, slug: string, outcome: SignInOutcome): Promise<string | undefined> {
  if (outcome.status !== "signed_in") return holdForSecondFactor(runtime.config.publicUrl, slug, outcome);
  await startBrowserSession(runtime, slug, outcome);
  await forgetMfaChallenge(runtime.config.publicUrl, slug);
  return outcome.mfa ? hostedPath(slug, "mfa/enrol") : undefined;
}

export async function signInAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const slug = tenantOf(tenantSlug);
  const email = checkEmail(formText(formData, "email"));
  const password = readPassword(formData);
  const values = typedEmail(formData);
  const fieldErrors: Record<string, string> = {};
  if (!email.ok) fieldErrors.email = email.message;
  if (password === "") fieldErrors.password = "Enter your password";
  if (!email.ok || password === "") return invalidForm(fieldErrors, values);

  const runtime = await getRuntime();
  let secondStep: string | undefined;
  try {
    const result = await signInWithPassword(runtime.database.db, runtime, await hostedContext(), {
      tenantSlug: slug,
      email: email.value,
      password,
    });
    secondStep = await continueSignIn(runtime, slug, result);
  } catch (error) {
    const state = errorState(error, values);
    if (state.code === "email_not_verified") await rememberPendingEmail(runtime.config.publicUrl, slug, email.value);
    return state;
  }
  redirect(secondStep ?? (await afterSignInPath(runtime.config.publicUrl, slug)));
}

export async function requestEmailSignInAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const slug = tenantOf(tenantSlug);
  const email = checkEmail(formText(formData, "email"));
  const values = typedEmail(formData);
  if (!email.ok) return invalidForm({ email: email.message }, values);
  const runtime = await getRuntime();
  try {
    await requestEmailSignIn(runtime.database.db, runtime, await hostedContext(), { tenantSlug: slug, email: email.value });
  } catch (error) {
    return errorState(error, values);
  }
  return {
    status: "done",
    message: `We've sent an email to ${email.value}. Open its link, or enter the 6-digit code from it below. Both work for 15 minutes.`,
    values: { email: email.value },
  };
}

export async function completeEmailCodeAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const slug = tenantOf(tenantSlug);
  const email = checkEmail(formText(formData, "email"));
  const code = checkCode(formText(formData, "code"));
  const values = typedEmail(formData);
  const fieldErrors: Record<string, string> = {};
  if (!email.ok) fieldErrors.email = email.message;
  if (!code.ok) fieldErrors.code = code.message;
  if (!email.ok || !code.ok) return invalidForm(fieldErrors, values);

  const runtime = await getRuntime();
  let secondStep: string | undefined;
  try {
    const result = await completeEmailSignIn(runtime.database.db, runtime, await hostedContext(), {
      tenantSlug: slug,
      email: email.value,
      code: code.value,
    });
    secondStep = await continueSignIn(runtime, slug, result);
  } catch (error) {
    return errorState(error, values);
  }
  redirect(secondStep ?? (await afterSignInPath(runtime.config.publicUrl, slug)));
}

export async function completeMagicLinkAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const slug = tenantOf(tenantSlug);
  const token = linkToken(formText(formData, "token"));
  if (!token) return { status: "error", code: "invalid_verification", message: "This sign-in link is not complete. Ask for a new one." };
  const runtime = await getRuntime();
  let secondStep: string | undefined;
  try {
    const result = await completeEmailSignIn(runtime.database.db, runtime, await hostedContext(), { tenantSlug: slug, token });
    secondStep = await continueSignIn(runtime, slug, result);
  } catch (error) {
    return errorState(error, {});
  }
  redirect(secondStep ?? (await afterSignInPath(runtime.config.publicUrl, slug)));
}

/** The impersonation link's button: starts the administrator's session as the user (single use). */
export async function startImpersonationAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const tenant = await loadHostedTenant(tenantOf(tenantSlug));
  const ticket = linkToken(formText(formData, "token"));
  if (!tenant || !ticket) return { status: "error", code: "invalid_verification", message: "This impersonation link is not complete. Ask for a new one." };
  const runtime = await getRuntime();
  try {
    const started = await startImpersonation(runtime.database.db, runtime, await hostedContext(), { tenantId: tenant.id, ticket });
    await startBrowserSession(runtime, tenant.slug, { session: started.session, sessionToken: started.token });
  } catch (error) {
    return errorState(error, {});
  }
  redirect(hostedPath(tenant.slug, "signed-in"));
}

export async function signUpAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const slug = tenantOf(tenantSlug);
  const email = checkEmail(formText(formData, "email"));
  const password = readPassword(formData);
  const values = typedEmail(formData);
  const fieldErrors: Record<string, string> = {};
  if (!email.ok) fieldErrors.email = email.message;
  if (password === "") fieldErrors.password = "Choose a password";
  if (!email.ok || password === "") return invalidForm(fieldErrors, values);

  const runtime = await getRuntime();
  try {
    await signUp(runtime.database.db, runtime, await hostedContext(), { tenantSlug: slug, email: email.value, password });
    await rememberPendingEmail(runtime.config.publicUrl, slug, email.value);
  } catch (error) {
    return errorState(error, values);
  }
  redirect(`${hostedPath(slug, "verify")}?sent=1`);
}

export async function verifyCodeAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const slug = tenantOf(tenantSlug);
  const email = checkEmail(formText(formData, "email"));
  const code = checkCode(formText(formData, "code"));
  const values = typedEmail(formData);
  const fieldErrors: Record<string, string> = {};
  if (!email.ok) fieldErrors.email = email.message;
  if (!code.ok) fieldErrors.code = code.message;
  if (!email.ok || !code.ok) return invalidForm(fieldErrors, values);

  const runtime = await getRuntime();
  try {
    await verifyEmail(runtime.database.db, runtime, await hostedContext(), { tenantSlug: slug, email: email.value, code: code.value });
    // Kept (or set) so the sign-in page can fill the address in.
    await rememberPendingEmail(runtime.config.publicUrl, slug, email.value);
  } catch (error) {
    return errorState(error, values);
  }
  redirect(noticeUrl(slug, "email-verified"));
}

export async function verifyTokenAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const slug = tenantOf(tenantSlug);
  const token = linkToken(formText(formData, "token"));
  if (!token) return { status: "error", code: "invalid_verification", message: "This confirmation link is not complete. Enter the code from the email instead." };
  const runtime = await getRuntime();
  try {
    await verifyEmail(runtime.database.db, runtime, await hostedContext(), { tenantSlug: slug, token });
  } catch (error) {
    return errorState(error, {});
  }
  redirect(noticeUrl(slug, "email-verified"));
}

export async function resendVerificationAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const slug = tenantOf(tenantSlug);
  const email = checkEmail(formText(formData, "email"));
  const values = typedEmail(formData);
  if (!email.ok) return invalidForm({ email: email.message }, values);
  const runtime = await getRuntime();
  try {
    await resendVerification(runtime.database.db, runtime, await hostedContext(), { tenantSlug: slug, email: email.value });
  } catch (error) {
    return errorState(error, values);
  }
  return {
    status: "done",
    message: `If ${email.value} has an account waiting to be confirmed, a new code is on its way. Only the newest code works.`,
    values: { email: email.value },
  };
}

export async function forgotPasswordAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const slug = tenantOf(tenantSlug);
  const email = checkEmail(formText(formData, "email"));
  const values = typedEmail(formData);
  if (!email.ok) return invalidForm({ email: email.message }, values);
  const runtime = await getRuntime();
  try {
    await requestPasswordReset(runtime.database.db, runtime, await hostedContext(), { tenantSlug: slug, email: email.value });
  } catch (error) {
    return errorState(error, values);
  }
  return {
    status: "done",
    message: `We've sent an email to ${email.value} with what to do next. A reset link works once, for 30 minutes.`,
    values: { email: email.value },
  };
}

export async function resetPasswordAction(tenantSlug: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const slug = tenantOf(tenantSlug);
  const token = linkToken(formText(formData, "token"));
  if (!token) return { status: "error", code: "invalid_verification", message: "This reset link is not complete. Ask for a new one." };
  const password = readPassword(formData);
  if (password === "") return invalidForm({ password: "Choose a new password" }, {});
  const runtime = await getRuntime();
  try {
    await resetPassword(runtime.database.db, runtime, await hostedContext(), { tenantSlug: slug, token, password });
  } catch (error) {
    return errorState(error, {});
  }
  redirect(noticeUrl(slug, "password-reset"));
}

/** Ends the session the cookie names (if it is live) and clears the cookie either way. */
export async function signOutAction(tenantSlug: string): Promise<void> {
  const slug = tenantOf(tenantSlug);
  const runtime = await getRuntime();
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (token) await endSession(runtime, slug, token);
  await clearSessionCookie(runtime.config.publicUrl, slug);
  redirect(noticeUrl(slug, "signed-out"));
}
