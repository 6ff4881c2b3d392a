import {
  stepUpResponseSchema,
  mfaEnrolmentRequiredResponseSchema,
  mfaRequiredResponseSchema,
  signedInResultSchema,
  type SignedInResult,
} from "@plinto/contracts";
import type { z } from "zod";
import { sessionCookie } from "../../../../../lib/request";
import type { Runtime } from "../../../../../lib/runtime";
import { parseJsonBody, parseWith } from "../../../../../lib/validation";
import type { FactorSummary } from "../../../../../services/mfa/factors";
import type { SignedIn, SignInOutcome } from "../../../../../services/mfa/sign-in";
import { respond } from "./_shared";

/** The wire form of a sign-in that started a session. */
export function signedInBody(result: SignedIn): SignedInResult {
  return {
    status: "signed_in",
    user: {
      id: result.user.id,
      email: result.user.email,
      name: result.user.name,
      emailVerified: result.user.emailVerifiedAt !== null,
    },
    session: { id: result.session.id, expiresAt: result.session.expiresAt.toISOString(), amr: result.session.amr },
    sessionToken: result.sessionToken,
    ...(result.mfa ? { mfa: { enrolmentDueBy: result.mfa.enrolmentDueBy.toISOString() } } : {}),
  };
}

/** The session cookie for a session, living exactly as long as the session may. */
export function cookieFor(runtime: Pick<Runtime, "config">, tenantSlug: string, result: { session: { authTime: Date; expiresAt: Date }; sessionToken: string }) {
  const absoluteSeconds = Math.max(0, Math.round((result.session.expiresAt.getTime() - result.session.authTime.getTime()) / 1000));
  return sessionCookie(runtime.config.publicUrl, tenantSlug, result.sessionToken, absoluteSeconds);
}

/** The answer to a step-up: the raised session and its new token, in the body and the cookie. */
export function steppedUpResponse(
  runtime: Pick<Runtime, "config">,
  tenantSlug: string,
  raised: { session: { id: string; expiresAt: Date; amr: string[]; acr: string | null; authTime: Date }; sessionToken: string },
): Response {
  const { session } = raised;
  return respond(
    stepUpResponseSchema,
    {
      session: { id: session.id, expiresAt: session.expiresAt.toISOString(), amr: session.amr, acr: session.acr, authTime: session.authTime.toISOString() },
      sessionToken: raised.sessionToken,
    },
    { headers: { "set-cookie": cookieFor(runtime, tenantSlug, raised) } },
  );
}

/**
 * The answer to a sign-in, always 200: a session (token in the body and the cookie), or a pending
 * second step (its challenge token in the body only; no cookie, no session).
 */
export function signInResultResponse(runtime: Pick<Runtime, "config">, tenantSlug: string, outcome: SignInOutcome): Response {
  switch (outcome.status) {
    case "signed_in":
      return respond(signedInResultSchema, signedInBody(outcome), { headers: { "set-cookie": cookieFor(runtime, tenantSlug, outcome) } });
    case "mfa_required":
      return respond(mfaRequiredResponseSchema, {
        status: outcome.status,
        challengeToken: outcome.challengeToken,
        factors: outcome.factors,
        expiresAt: outcome.expiresAt.toISOString(),
      });
    case "mfa_enrolment_required":
      return respond(mfaEnrolmentRequiredResponseSchema, {
        status: outcome.status,
        challengeToken: outcome.challengeToken,
        factors: outcome.factors,
        expiresAt: outcome.expiresAt.toISOString(),
      });
  }
}

export function factorBody(factor: FactorSummary) {
  return {
    id: factor.id,
    type: factor.type,
    name: factor.name,
    createdAt: factor.createdAt.toISOString(),
    lastUsedAt: factor.lastUsedAt?.toISOString() ?? null,
  };
}

/** A JSON body that may also be left out entirely (read as `{}`). */
export async function optionalJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const hasBody = request.headers.get("content-type") !== null || Number(request.headers.get("content-length") ?? 0) > 0;
  return hasBody ? parseJsonBody(request, schema) : parseWith(schema, {});
}
