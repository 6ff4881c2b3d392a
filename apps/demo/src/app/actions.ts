"use server";

import { decodeJwt } from "jose";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { urlOf } from "~/env";
import { authContext, returnKey, saveSession, signedOutUrl, type AuthContext } from "~/lib/auth";
import { ENVIRONMENT_COOKIE, currentEnvironment, isEnvironmentName } from "~/lib/environment";
import { flowBySlug } from "~/lib/flows";
import { errorCodeOf, type ErrorCode, type OutcomeCode } from "~/lib/outcomes";
import { readSession, writeSession } from "~/lib/session";
import { freshSignInUrl } from "~/samples/fresh-sign-in";
import type { OrganizationClaims } from "~/samples/organizations";
import { switchOrganizationUrl } from "~/samples/organizations";
import { refreshNow } from "~/samples/refresh";
import { startSignIn } from "~/samples/sign-in";
import { signOutUrl } from "~/samples/sign-out";
import { stepUpUrl } from "~/samples/step-up";

// Server actions: Next checks that the form was posted from this site's own origin, and every one
// works as a plain form post without script. Outcomes go back as codes in the URL.

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
};

/** The flow page to come back to: a known flow's path, else the home page. */
function pageOf(form: FormData): string {
  const flow = flowBySlug(text(form, "flow"));
  return flow ? `/flows/${flow.slug}` : "/";
}

const withCode = (path: string, key: "outcome" | "error", code: OutcomeCode | ErrorCode) => `${path}?${key}=${code}`;

async function contextOr(path: string): Promise<AuthContext> {
  const context = await authContext();
  if (!context) redirect(withCode(path, "error", "not_configured"));
  return context;
}

/** The page a pending sign-in returns to, kept beside it in the session under its state. */
function rememberReturn(context: AuthContext, state: string | null, back: string, outcome: OutcomeCode = "signed_in") {
  const { storage } = context.session;
  if (state) storage[returnKey(state)] = JSON.stringify({ path: back, outcome });
  // Forget the return pages of sign-ins the SDK no longer waits for (it keeps the latest few).
  const pending = Object.entries(storage)
    .filter(([key]) => key.startsWith("plinto.signin."))
    .map(([, value]) => value)
    .join("\n");
  for (const key of Object.keys(storage)) {
    if (key.startsWith(returnKey("")) && !pending.includes(`"${key.slice(returnKey("").length)}"`)) delete storage[key];
  }
}

/** Remembers the authorization request for the page to show, saves the session, and goes there. */
async function sendToAuthorization(context: AuthContext, url: URL): Promise<never> {
  context.session.lastAuthorization = { url: url.href, at: Date.now() };
  await saveSession(context);
  redirect(url.href);
}

/** Starts a sign-in: `mode` plain (the session may answer at once), fresh (the hosted page now) or step-up. */
export async function signInAction(form: FormData): Promise<void> {
  const back = pageOf(form);
  const context = await contextOr(back);
  const mode = text(form, "mode");
  let url: URL;
  try {
    if (mode === "fresh") url = await freshSignInUrl(context.auth);
    else if (mode === "step-up") url = await stepUpUrl(context.auth);
    else url = await startSignIn(context.auth);
  } catch (error) {
    redirect(withCode(back, "error", errorCodeOf(error)));
  }
  rememberReturn(context, url.searchParams.get("state"), back);
  await sendToAuthorization(context, url);
}

export async function switchOrganizationAction(form: FormData): Promise<void> {
  const back = "/flows/organizations";
  const context = await contextOr(back);
  if (!context.session.tokens) redirect(withCode(back, "error", "not_signed_in"));
  const wanted = text(form, "organization");
  const claims = context.session.tokens.claims as OrganizationClaims;
  // Only an organization the verified token says the user is in (the tenant checks again).
  if (!claims.organizations?.some((o) => o.slug === wanted)) redirect(withCode(back, "error", "unknown_organization"));
  let url: URL;
  try {
    url = await switchOrganizationUrl(context.auth, wanted);
  } catch (error) {
    redirect(withCode(back, "error", errorCodeOf(error)));
  }
  rememberReturn(context, url.searchParams.get("state"), back, "switched");
  await sendToAuthorization(context, url);
}

export async function refreshAction(form: FormData): Promise<void> {
  const back = pageOf(form);
  const context = await contextOr(back);
  const before = context.session.tokens?.accessToken;
  if (!before) redirect(withCode(back, "error", "not_signed_in"));
  let outcome: { outcome: OutcomeCode } | { error: ErrorCode };
  try {
    await refreshNow(context.auth);
    const old = decodeJwt(before);
    context.session.replaced = {
      jti: typeof old.jti === "string" ? old.jti : undefined,
      issuedAt: old.iat,
      expiresAt: old.exp,
      replacedAt: Date.now(),
    };
    outcome = { outcome: "refreshed" };
  } catch (error) {
    outcome = { error: errorCodeOf(error) };
  }
  // Saved either way: a refused refresh token is gone from the session too.
  await saveSession(context);
  redirect("outcome" in outcome ? withCode(back, "outcome", outcome.outcome) : withCode(back, "error", outcome.error));
}

export async function signOutAction(): Promise<void> {
  const back = "/flows/sign-out";
  const context = await contextOr(back);
  if (!context.session.tokens) redirect(withCode(back, "error", "not_signed_in"));
  let url: URL;
  try {
    url = await signOutUrl(context.auth, signedOutUrl());
  } catch (error) {
    redirect(withCode(back, "error", errorCodeOf(error)));
  }
  delete context.session.replaced;
  await saveSession(context);
  redirect(url.href);
}

export async function switchEnvironmentAction(form: FormData): Promise<void> {
  const chosen = text(form, "environment");
  const returnTo = text(form, "returnTo");
  const back = /^\/(?!\/)[\w\-/]*$/.test(returnTo) ? returnTo : "/";
  if (!isEnvironmentName(chosen)) redirect(withCode(back, "error", "unknown_environment"));
  const previous = await currentEnvironment();
  const jar = await cookies();
  jar.set(ENVIRONMENT_COOKIE, chosen, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 24 * 60 * 60, secure: urlOf("demo").startsWith("https:") });
  if (previous.name !== chosen) {
    // A session belongs to one environment's issuer: leave the old one behind.
    const old = await readSession(previous.name);
    if (old.tokens || Object.keys(old.storage).length > 0) await writeSession({ environment: chosen, storage: {} }).catch(() => undefined);
  }
  redirect(withCode(back, "outcome", "environment"));
}
