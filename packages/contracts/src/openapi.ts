import { z } from "zod";
import * as applications from "./applications";
import * as auth from "./auth";
import { errorCatalog, problemType, type ErrorCode } from "./errors";
import { healthResponseSchema, readyResponseSchema } from "./health";
import { applicationExamples, signingKeyExamples } from "./examples";
import { jwksResponseSchema } from "./jwks";
import { devOutboxQuerySchema, devOutboxResponseSchema } from "./mail";
import * as mfa from "./mfa";
import * as passkeys from "./passkeys";
import { organizationOperations } from "./organizations";
import { sessionOrganizationOperations } from "./session-organizations";
import { accountOperations } from "./account";
import { problemDetailsSchema } from "./problem";
import { analyticsOperations } from "./analytics";
import { apiKeyOperations } from "./api-keys";
import { billingOperations } from "./billing";
import { auditOperations } from "./audit";
import { MANAGED_TENANT_HEADER } from "./management";
import { authPath, bodyErrors, managed, withLimits, type Operation } from "./operation";
import * as signingKeys from "./signing-keys";
import { tenantOperations } from "./tenants";
import { userOperations } from "./users";

const sessionCookie = { "Set-Cookie": "The tenant's IdP session cookie: HttpOnly, SameSite=Lax, Secure under https, Path=/t/{tenant}" };
const signInOutcomes =
  "Switch on status: signed_in (a session started: token in the body and the cookie); mfa_required (no session yet: " +
  "complete it with POST mfa/challenge and the challengeToken); mfa_enrolment_required (no session yet: set up an " +
  "authenticator app with the challengeToken, POST factors/totp then factors/totp/confirm)";
const reauth: ErrorCode[] = ["unauthorized", "reauthentication_required"];

/** The operations of the identity core (health, keys, applications, end-user authentication). */
const coreOperations: Operation[] = [
  {
    method: "get", path: "/health", operationId: "getHealth", tag: "Operations", security: "none",
    summary: "Liveness: the process answers",
    success: { status: 200, description: "Alive", schema: healthResponseSchema }, errors: [],
  },
  {
    method: "get", path: "/ready", operationId: "getReady", tag: "Operations", security: "none",
    summary: "Readiness: database reachable and every migration applied",
    success: { status: 200, description: "Ready", schema: readyResponseSchema },
    alsoReturns: [{ status: 503, description: "Not ready; the checks say why" }], errors: [],
  },
  {
    method: "get", path: "/v1/openapi.json", operationId: "getOpenApiDocument", tag: "Operations", security: "none",
    summary: "This document", success: { status: 200, description: "OpenAPI 3.1", schema: z.object({ openapi: z.string() }).loose() }, errors: [],
  },
  {
    method: "get", path: "/t/{tenant}/.well-known/jwks.json", operationId: "getJwks", tag: "Keys", security: "none",
    summary: "The tenant's public signing keys (next, active and retired-but-unexpired)",
    success: { status: 200, description: "JSON Web Key Set", schema: jwksResponseSchema }, errors: ["not_found"],
  },
  {
    method: "get", path: "/v1/signing-keys", operationId: "listSigningKeys", tag: "Keys", security: "management",
    scope: "signing_keys:read",
    summary: "List the calling tenant's signing keys",
    success: { status: 200, description: "Keys, newest first", schema: signingKeys.signingKeyListResponseSchema },
    errors: ["unauthorized", "forbidden"],
    examples: { response: signingKeyExamples.list },
  },
  {
    method: "post", path: "/v1/signing-keys/rotate", operationId: "rotateSigningKeys", tag: "Keys", security: "management",
    scope: "signing_keys:write",
    summary: "Rotate: the published next key starts signing; the old one stays published until its tokens expire",
    body: signingKeys.rotateSigningKeysRequestSchema,
    success: { status: 200, description: "The keys after rotation", schema: signingKeys.rotateSigningKeysResponseSchema },
    errors: ["unauthorized", "forbidden", ...bodyErrors],
    examples: signingKeyExamples.rotate,
  },
  {
    method: "get", path: "/v1/applications", operationId: "listApplications", tag: "Applications", security: "management",
    scope: "applications:read",
    summary: "List the calling tenant's applications",
    success: { status: 200, description: "Applications, newest first", schema: applications.applicationListResponseSchema },
    errors: managed,
    examples: { response: applicationExamples.list },
  },
  {
    method: "post", path: "/v1/applications", operationId: "createApplication", tag: "Applications", security: "management",
    scope: "applications:write",
    summary: "Register an application; a confidential one's client secret is in this answer only",
    body: applications.createApplicationRequestSchema,
    success: { status: 201, description: "Created", schema: applications.applicationResponseSchema },
    errors: [...managed, ...bodyErrors, "conflict"],
    examples: applicationExamples.create,
  },
  {
    method: "get", path: "/v1/applications/{application}", operationId: "getApplication", tag: "Applications", security: "management",
    scope: "applications:read",
    summary: "One of the calling tenant's applications",
    success: { status: 200, description: "The application", schema: applications.applicationResponseSchema },
    errors: [...managed, "not_found"],
    examples: { response: applicationExamples.get },
  },
  {
    method: "patch", path: "/v1/applications/{application}", operationId: "updateApplication", tag: "Applications", security: "management",
    scope: "applications:write",
    summary: "Change an application's settings; only the fields sent change. A move to a secret-based auth method returns the new client secret once",
    body: applications.updateApplicationRequestSchema,
    success: { status: 200, description: "The application after the change", schema: applications.applicationResponseSchema },
    errors: [...managed, ...bodyErrors],
    examples: applicationExamples.update,
  },
  {
    method: "delete", path: "/v1/applications/{application}", operationId: "deleteApplication", tag: "Applications", security: "management",
    scope: "applications:write",
    summary: "Delete an application with its tokens, grants and consents",
    success: { status: 204, description: "Deleted" },
    errors: [...managed, "not_found"],
  },
  {
    method: "post", path: "/v1/applications/{application}/rotate-secret", operationId: "rotateApplicationSecret", tag: "Applications",
    security: "management",
    scope: "applications:write",
    summary: "Issue a new client secret; the old one stops working at once",
    success: { status: 200, description: "The new secret, shown this once", schema: applications.applicationSecretRotatedResponseSchema },
    errors: [...managed, "not_found", "conflict"],
    examples: { response: applicationExamples.rotateSecret },
  },
  {
    method: "get", path: "/v1/dev/outbox", operationId: "listDevOutbox", tag: "Development", security: "none",
    summary: "Mail the tenant would have sent (embedded mode only; 404 elsewhere)", query: devOutboxQuerySchema,
    success: { status: 200, description: "Newest first", schema: devOutboxResponseSchema }, errors: ["validation_failed", "not_found"],
  },
  {
    method: "post", path: authPath("sign-up"), operationId: "signUp", tag: "Authentication", security: "none",
    summary: "Create an account; a confirmation code and link are mailed (the same answer for existing addresses)",
    body: auth.signUpRequestSchema, success: { status: 202, description: "Mail sent", schema: auth.verificationSentResponseSchema },
    errors: withLimits(),
  },
  {
    method: "post", path: authPath("verify-email"), operationId: "verifyEmail", tag: "Authentication", security: "none",
    summary: "Confirm an address with the mailed link token or the 6-digit code",
    body: auth.verifyEmailRequestSchema, success: { status: 200, description: "Confirmed", schema: auth.emailVerifiedResponseSchema },
    errors: withLimits("invalid_verification"),
  },
  {
    method: "post", path: authPath("resend-verification"), operationId: "resendVerification", tag: "Authentication", security: "none",
    summary: "Mail a new confirmation to an unconfirmed account (the same answer for any address)",
    body: auth.resendVerificationRequestSchema, success: { status: 202, description: "Mail sent if it applies", schema: auth.verificationSentResponseSchema },
    errors: withLimits(),
  },
  {
    method: "post", path: authPath("sign-in"), operationId: "signIn", tag: "Authentication", security: "none",
    summary: "Sign in with email and password; starts a session, or (status mfa_required / mfa_enrolment_required) asks for a second factor first",
    body: auth.signInRequestSchema,
    success: { status: 200, description: signInOutcomes, schema: mfa.signInResultSchema, headers: sessionCookie },
    errors: withLimits("invalid_credentials", "email_not_verified"),
  },
  {
    method: "post", path: authPath("forgot-password"), operationId: "forgotPassword", tag: "Authentication", security: "none",
    summary: "Mail a password-reset link (the same answer for any address)",
    body: auth.forgotPasswordRequestSchema, success: { status: 202, description: "Mail sent", schema: auth.resetRequestedResponseSchema },
    errors: withLimits(),
  },
  {
    method: "post", path: authPath("reset-password"), operationId: "resetPassword", tag: "Authentication", security: "none",
    summary: "Choose a new password with the mailed token; ends every session of the account",
    body: auth.resetPasswordRequestSchema, success: { status: 200, description: "Password changed", schema: auth.passwordResetResponseSchema },
    errors: withLimits("invalid_verification"),
  },
  {
    method: "post", path: authPath("email-sign-in"), operationId: "requestEmailSignIn", tag: "Authentication", security: "none",
    summary: "Mail a sign-in link and code (the same answer for any address)",
    body: auth.emailSignInRequestSchema, success: { status: 202, description: "Mail sent", schema: auth.emailSignInSentResponseSchema },
    errors: withLimits(),
  },
  {
    method: "post", path: authPath("email-sign-in/complete"), operationId: "completeEmailSignIn", tag: "Authentication", security: "none",
    summary: "Sign in with the mailed link token or code; a second factor may follow, as after a password",
    body: auth.completeEmailSignInRequestSchema,
    success: { status: 200, description: signInOutcomes, schema: mfa.signInResultSchema, headers: sessionCookie },
    errors: withLimits("invalid_verification"),
  },
  {
    method: "post", path: authPath("sign-out"), operationId: "signOut", tag: "Sessions", security: "session",
    summary: "End the presented session (a no-op for an ended one)",
    success: { status: 200, description: "Signed out", schema: auth.signedOutResponseSchema }, errors: ["not_found"],
  },
  {
    method: "get", path: authPath("sessions"), operationId: "listSessions", tag: "Sessions", security: "session",
    summary: "The caller's live sessions",
    success: { status: 200, description: "Newest first", schema: auth.sessionListResponseSchema }, errors: ["unauthorized", "not_found"],
  },
  {
    method: "delete", path: authPath("sessions"), operationId: "revokeOtherSessions", tag: "Sessions", security: "session",
    summary: "End every session of the caller but the one this request presents, and the application tokens issued under them",
    success: { status: 200, description: "Ended", schema: auth.otherSessionsRevokedResponseSchema }, errors: ["unauthorized", "not_found"],
  },
  {
    method: "delete", path: authPath("sessions/{session}"), operationId: "revokeSession", tag: "Sessions", security: "session",
    summary: "End one of the caller's own sessions",
    success: { status: 200, description: "Ended", schema: auth.sessionRevokedResponseSchema }, errors: ["unauthorized", "not_found"],
  },
  {
    method: "get", path: authPath("consents"), operationId: "listConsents", tag: "Sessions", security: "session",
    summary: "The third-party applications the caller allowed, with their scopes",
    success: { status: 200, description: "By application name", schema: applications.consentListResponseSchema }, errors: ["unauthorized", "not_found"],
  },
  {
    method: "delete", path: authPath("consents/{application}"), operationId: "revokeConsent", tag: "Sessions", security: "session",
    summary: "Take back what the caller allowed an application; its tokens for the caller end now",
    success: { status: 200, description: "Revoked", schema: applications.consentRevokedResponseSchema }, errors: ["unauthorized", "not_found"],
  },
  {
    method: "post", path: authPath("mfa/challenge"), operationId: "completeMfaChallenge", tag: "Multi-factor", security: "none",
    summary: "Complete a sign-in answered mfa_required with a code (authenticator app, recovery code or emailed code); starts the session (acr urn:plinto:acr:2fa). 5 wrong codes end the pending sign-in",
    body: mfa.completeMfaChallengeRequestSchema,
    success: { status: 200, description: "Signed in", schema: mfa.signedInResultSchema, headers: sessionCookie },
    errors: withLimits("invalid_verification", "unauthorized", "forbidden"),
  },
  {
    method: "post", path: authPath("mfa/email-code"), operationId: "sendMfaEmailCode", tag: "Multi-factor", security: "none",
    summary: "Mail a code that completes a pending sign-in, where the tenant allows it (factors include email_code)",
    body: mfa.sendMfaEmailCodeRequestSchema,
    success: { status: 202, description: "Mail sent", schema: mfa.mfaEmailCodeSentResponseSchema },
    errors: withLimits("unauthorized", "forbidden"),
  },
  {
    method: "post", path: authPath("mfa/step-up"), operationId: "stepUpSession", tag: "Multi-factor", security: "session",
    summary: "Raise the caller's session with a second factor: acr 2fa, amr extended, authTime now, and a new session token (the old one stops working)",
    body: mfa.stepUpRequestSchema,
    success: { status: 200, description: "Raised", schema: mfa.stepUpResponseSchema, headers: sessionCookie },
    errors: withLimits("unauthorized", "invalid_verification", "conflict"),
  },
  {
    method: "post", path: authPath("mfa/step-up/email-code"), operationId: "sendStepUpEmailCode", tag: "Multi-factor", security: "session",
    summary: "Mail a code that raises the caller's session (then POST mfa/step-up with method email_code), where the tenant allows emailed codes after a password",
    success: { status: 202, description: "Mail sent", schema: mfa.mfaEmailCodeSentResponseSchema },
    errors: ["unauthorized", "forbidden", "not_found", "rate_limited"],
  },
  {
    method: "get", path: authPath("factors"), operationId: "listFactors", tag: "Multi-factor", security: "session",
    summary: "The caller's second factors and how many recovery codes are unused",
    success: { status: 200, description: "Oldest first", schema: mfa.factorListResponseSchema }, errors: ["unauthorized", "not_found"],
  },
  {
    method: "post", path: authPath("factors/totp"), operationId: "startTotpEnrolment", tag: "Multi-factor", security: "session",
    summary: "Start setting up an authenticator app: signed in (a sign-in within 5 minutes), or with the challengeToken of a sign-in answered mfa_enrolment_required",
    body: mfa.startTotpEnrolmentRequestSchema,
    success: { status: 201, description: "The secret, its otpauth:// URI and QR code; confirm within 15 minutes", schema: mfa.totpEnrolmentResponseSchema },
    errors: [...withLimits("forbidden", "conflict"), ...reauth],
  },
  {
    method: "post", path: authPath("factors/totp/confirm"), operationId: "confirmTotpEnrolment", tag: "Multi-factor", security: "session",
    summary: "Confirm the authenticator app with a code from it; the first second factor returns 10 recovery codes (once); with a challengeToken it completes that sign-in",
    body: mfa.confirmTotpRequestSchema,
    success: { status: 200, description: "Set up", schema: mfa.totpConfirmedResponseSchema, headers: sessionCookie },
    errors: withLimits("unauthorized", "forbidden", "invalid_verification"),
  },
  {
    method: "delete", path: authPath("factors/{factor}"), operationId: "removeFactor", tag: "Multi-factor", security: "session",
    summary: "Remove the caller's authenticator app (a sign-in within 5 minutes); with the last second factor the recovery codes go too",
    success: { status: 200, description: "Removed", schema: mfa.factorRemovedResponseSchema },
    errors: [...reauth, "not_found", "conflict"],
  },
  {
    method: "post", path: authPath("recovery-codes"), operationId: "regenerateRecoveryCodes", tag: "Multi-factor", security: "session",
    summary: "Replace the caller's recovery codes with 10 new ones, shown once (a sign-in within 5 minutes)",
    success: { status: 200, description: "The new codes", schema: mfa.recoveryCodesResponseSchema },
    errors: [...reauth, "not_found", "conflict"],
  },
  {
    method: "post", path: authPath("passkeys/registration/options"), operationId: "startPasskeyRegistration", tag: "Passkeys",
    security: "session",
    summary: "Options for navigator.credentials.create(): a discoverable passkey for the caller, single-use challenge valid 5 minutes. Needs a sign-in within the last 5 minutes",
    success: { status: 200, description: "PublicKeyCredentialCreationOptionsJSON", schema: passkeys.passkeyRegistrationOptionsSchema },
    errors: ["unauthorized", "not_found", "reauthentication_required", "conflict", "rate_limited"],
  },
  {
    method: "post", path: authPath("passkeys/registration"), operationId: "registerPasskey", tag: "Passkeys", security: "session",
    summary: "Verify the new credential against the caller's challenge and keep it; the account's address is told. The account's first second factor comes with recovery codes",
    body: passkeys.registerPasskeyRequestSchema,
    success: { status: 201, description: "Added", schema: passkeys.passkeyRegisteredResponseSchema },
    errors: [...bodyErrors, "unauthorized", "passkey_registration_failed", "conflict"],
  },
  {
    method: "get", path: authPath("passkeys"), operationId: "listPasskeys", tag: "Passkeys", security: "session",
    summary: "The caller's passkeys",
    success: { status: 200, description: "Oldest first", schema: passkeys.passkeyListResponseSchema }, errors: ["unauthorized", "not_found"],
  },
  {
    method: "patch", path: authPath("passkeys/{passkey}"), operationId: "renamePasskey", tag: "Passkeys", security: "session",
    summary: "Rename one of the caller's passkeys",
    body: passkeys.renamePasskeyRequestSchema,
    success: { status: 200, description: "Renamed", schema: passkeys.passkeySchema },
    errors: [...bodyErrors, "unauthorized"],
  },
  {
    method: "delete", path: authPath("passkeys/{passkey}"), operationId: "removePasskey", tag: "Passkeys", security: "session",
    summary: "Remove one of the caller's passkeys. Needs a sign-in within the last 5 minutes; the account's address is told",
    success: { status: 204, description: "Removed" },
    errors: ["unauthorized", "not_found", "reauthentication_required"],
  },
  {
    method: "post", path: authPath("passkeys/authentication/options"), operationId: "startPasskeySignIn", tag: "Passkeys", security: "none",
    summary: "Options for navigator.credentials.get() to sign in with a discoverable passkey (no allowCredentials; also for conditional UI)",
    success: { status: 200, description: "PublicKeyCredentialRequestOptionsJSON", schema: passkeys.passkeyAuthenticationOptionsSchema },
    errors: ["not_found", "rate_limited"],
  },
  {
    method: "post", path: authPath("passkeys/authentication"), operationId: "signInWithPasskey", tag: "Passkeys", security: "none",
    summary: "Sign in with a passkey's assertion; starts a session (amr hwk + user, and mfa when the authenticator verified the user)",
    body: passkeys.passkeySignInRequestSchema,
    success: { status: 200, description: "Signed in", schema: mfa.signedInResultSchema, headers: sessionCookie },
    errors: withLimits("invalid_passkey"),
  },
  {
    method: "post", path: authPath("passkeys/second-factor/options"), operationId: "startPasskeySecondFactor", tag: "Passkeys", security: "none",
    summary: "Options to complete a sign-in answered mfa_required with one of its user's passkeys (allowCredentials lists them)",
    body: passkeys.passkeySecondFactorOptionsRequestSchema,
    success: { status: 200, description: "PublicKeyCredentialRequestOptionsJSON", schema: passkeys.passkeyAuthenticationOptionsSchema },
    errors: withLimits("unauthorized"),
  },
  {
    method: "post", path: authPath("passkeys/second-factor"), operationId: "completeSecondFactorWithPasskey", tag: "Passkeys", security: "none",
    summary: "Complete a sign-in answered mfa_required with a passkey; starts the session (acr 2fa)",
    body: passkeys.passkeySecondFactorRequestSchema,
    success: { status: 200, description: "Signed in", schema: mfa.signedInResultSchema, headers: sessionCookie },
    errors: withLimits("unauthorized", "invalid_passkey"),
  },
  {
    method: "post", path: authPath("passkeys/step-up/options"), operationId: "startPasskeyStepUp", tag: "Passkeys", security: "session",
    summary: "Options listing the caller's passkeys, to raise their session with one (step-up)",
    success: { status: 200, description: "PublicKeyCredentialRequestOptionsJSON", schema: passkeys.passkeyAuthenticationOptionsSchema },
    errors: ["unauthorized", "not_found", "rate_limited"],
  },
  {
    method: "post", path: authPath("passkeys/step-up"), operationId: "stepUpWithPasskey", tag: "Passkeys", security: "session",
    summary: "Raise the caller's session with a passkey: acr 2fa, a fresh authTime (a recent sign-in), a new session token",
    body: passkeys.passkeyStepUpRequestSchema,
    success: { status: 200, description: "The raised session", schema: mfa.stepUpResponseSchema, headers: sessionCookie },
    errors: withLimits("unauthorized", "invalid_passkey"),
  },
];

/** Every operation the API serves. A test in apps/api checks this list against the route files. */
export const operations: Operation[] = [
  ...coreOperations,
  ...userOperations,
  ...organizationOperations,
  ...sessionOrganizationOperations,
  ...accountOperations,
  ...apiKeyOperations,
  ...tenantOperations,
  ...billingOperations,
  ...analyticsOperations,
  ...auditOperations,
];

const jsonSchema = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;

const example = (value: unknown) => (value === undefined ? {} : { example: value });

/** An admin's access token works across the tenants they administer; this header picks one. */
const tenantHeader = {
  name: MANAGED_TENANT_HEADER, in: "header", required: false, schema: { type: "string" },
  description: "With an admin access token: the slug of the tenant to manage (default: the platform tenant). Ignored for API keys, which belong to one tenant.",
};

function securityOf(op: Operation) {
  if (op.security === "management") return { security: [{ apiKey: [] }, { adminToken: [] }] };
  if (op.security === "session") return { security: [{ session: [] }, { sessionCookie: [] }] };
  return { security: [] };
}

/** The OpenAPI 3.1 document, generated from `operations` and the zod schemas: nothing written twice. */
export function buildOpenApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const pathParams: Array<Record<string, unknown>> = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name, in: "path", required: true, schema: { type: "string" },
    }));
    if (op.security === "management") pathParams.push(tenantHeader);
    const queryParams = op.query
      ? Object.entries(jsonSchema(op.query, "input").properties as Record<string, unknown>).map(([name, schema]) => ({
          name, in: "query", required: ((jsonSchema(op.query!, "input").required as string[] | undefined) ?? []).includes(name), schema,
        }))
      : [];
    const problem = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };
    const responses: Record<string, unknown> = {
      [op.success.status]: {
        description: op.success.description,
        ...(op.success.schema
          ? {
              content: {
                "application/json": { schema: jsonSchema(op.success.schema, "output"), ...example(op.examples?.response) },
                ...Object.fromEntries(
                  (op.success.alternatives ?? []).map((alt) => [alt.mediaType, { schema: jsonSchema(alt.schema, "output"), ...example(alt.example) }]),
                ),
              },
            }
          : {}),
        ...(op.success.binary
          ? { content: Object.fromEntries(op.success.binary.map((type) => [type, { schema: { type: "string", contentMediaType: type } }])) }
          : {}),
        ...(op.success.headers
          ? { headers: Object.fromEntries(Object.entries(op.success.headers).map(([h, d]) => [h, { description: d, schema: { type: "string" } }])) }
          : {}),
      },
    };
    for (const also of op.alsoReturns ?? []) {
      const content = op.success.schema ? { content: { "application/json": { schema: jsonSchema(op.success.schema, "output") } } } : {};
      responses[also.status] = { description: also.description, ...content };
    }
    for (const code of new Set(op.errors)) {
      const { status, title } = errorCatalog[code];
      const existing = responses[status] as { description: string } | undefined;
      responses[status] = { description: existing ? `${existing.description}; ${title} (${code})` : `${title} (${code})`, content: problem };
    }
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.scope ? { description: `Needs the \`${op.scope}\` scope (API key) or permission (admin role).`, "x-plinto-scope": op.scope } : {}),
      tags: [op.tag],
      ...securityOf(op),
      ...(pathParams.length + queryParams.length > 0 ? { parameters: [...pathParams, ...queryParams] } : {}),
      ...(op.body
        ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input"), ...example(op.examples?.request) } } } }
        : {}),
      ...(op.upload
        ? {
            requestBody: {
              required: true,
              description: `The file itself, at most ${op.upload.maxBytes} bytes; its type is recognised from its content`,
              content: Object.fromEntries(op.upload.mediaTypes.map((type) => [type, { schema: { type: "string", contentMediaType: type } }])),
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Plinto API",
      version: "1.0.0",
      description: "Identity API: end-user authentication (sign-up, sign-in, MFA, passkeys, sessions, organizations) under /v1/tenants/{tenant}/auth, and the management API (users, organizations, roles, invitations, domains, applications, API keys, signing keys, settings, tenants, audit log). Errors are RFC 9457 problem documents with a stable `code`.",
    },
    servers: [{ url: serverUrl }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: {
        Problem: { ...jsonSchema(problemDetailsSchema, "output"), description: `type is ${problemType("not_found").replace("not_found", "{code}")}` },
      },
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "A management API key (plinto_sk_…) of the tenant it manages" },
        adminToken: {
          type: "http", scheme: "bearer", bearerFormat: "JWT",
          description: `An access token from the platform tenant's OIDC provider for the resource {API_URL}/v1, of a user who administers the tenant named by ${MANAGED_TENANT_HEADER}`,
        },
        session: { type: "http", scheme: "bearer", description: "The sessionToken returned by sign-in" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "plinto_session" },
      },
    },
  };
}
