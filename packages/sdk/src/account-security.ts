import {
  consentListResponseSchema,
  consentRevokedResponseSchema,
  factorListResponseSchema,
  factorRemovedResponseSchema,
  invitationAcceptedResponseSchema,
  invitationDeclinedResponseSchema,
  otherSessionsRevokedResponseSchema,
  pendingInvitationListResponseSchema,
  passkeyListResponseSchema,
  passkeyRegisteredResponseSchema,
  passkeyRegistrationOptionsSchema,
  passkeySchema,
  recoveryCodesResponseSchema,
  sessionListResponseSchema,
  sessionOrganizationListResponseSchema,
  sessionRevokedResponseSchema,
  switchOrganizationResponseSchema,
  totpConfirmedResponseSchema,
  totpEnrolmentResponseSchema,
  type registerPasskeyRequestSchema,
} from "@plinto/contracts";
import type { z } from "zod";
import type { RequestOptions, Result } from "./internal/transport";

/** A request to `/v1/tenants/{tenant}/auth/{path}` as the signed-in user (the account client's own). */
export type AccountCall = <S extends z.ZodType | undefined>(path: string, options: RequestOptions<S>) => Promise<Result<S>>;

/** Path segments that name a resource: ids only, so a value can never walk to another path. */
function id(value: string, prefix: string, what: string): string {
  if (!new RegExp(`^${prefix}_[0-9a-hjkmnp-tv-z]{26}$`).test(value)) throw new TypeError(`"${value}" is not ${what} id (${prefix}_…)`);
  return value;
}

/** `sessions`: where the user is signed in; `current` marks the session the credential belongs to. */
export function accountSessionsApi(call: AccountCall) {
  return {
    /** Newest first. */
    list: async () => (await call("sessions", { schema: sessionListResponseSchema })).sessions,
    /** Signs that browser or device out; its refresh tokens end with it. */
    revoke: async (sessionId: string) => call(`sessions/${id(sessionId, "ses", "a session")}`, { method: "DELETE", schema: sessionRevokedResponseSchema }),
    /** Every other session ends at once (with the application tokens issued under them); this one stays. */
    revokeOthers: async () => call("sessions", { method: "DELETE", schema: otherSessionsRevokedResponseSchema }),
  };
}

/**
 * `factors` and `recovery-codes`: the second factors. Adding or removing one, and new recovery
 * codes, need a sign-in within the last 5 minutes (else `reauthentication_required`).
 */
export function accountFactorsApi(call: AccountCall) {
  return {
    /** The confirmed factors, oldest first, and how many recovery codes are left. */
    list: async () => call("factors", { schema: factorListResponseSchema }),
    /** A new authenticator-app secret (with its QR code), to confirm with a code within 15 minutes. */
    startTotp: async () => call("factors/totp", { method: "POST", body: {}, schema: totpEnrolmentResponseSchema }),
    /** Confirms the app with a code from it; the first factor comes with ten recovery codes, shown once. */
    confirmTotp: async (code: string) => call("factors/totp/confirm", { method: "POST", body: { code }, schema: totpConfirmedResponseSchema }),
    remove: async (factorId: string) => call(`factors/${id(factorId, "cred", "a factor")}`, { method: "DELETE", schema: factorRemovedResponseSchema }),
    /** Ten new recovery codes, shown once; the earlier ones stop working. */
    regenerateRecoveryCodes: async () => (await call("recovery-codes", { method: "POST", schema: recoveryCodesResponseSchema })).recoveryCodes,
  };
}

/** `passkeys`: the user's passkeys, added with `navigator.credentials.create()` (`@simplewebauthn/browser`). */
export function accountPasskeysApi(call: AccountCall) {
  return {
    /** Oldest first. */
    list: async () => (await call("passkeys", { schema: passkeyListResponseSchema })).passkeys,
    /** The options for `startRegistration({ optionsJSON })`. */
    registrationOptions: async () => call("passkeys/registration/options", { method: "POST", schema: passkeyRegistrationOptionsSchema }),
    /** The credential the browser made, and a name; the first factor comes with ten recovery codes. */
    register: async (input: z.input<typeof registerPasskeyRequestSchema>) =>
      call("passkeys/registration", { method: "POST", body: input, schema: passkeyRegisteredResponseSchema }),
    rename: async (passkeyId: string, name: string) =>
      call(`passkeys/${id(passkeyId, "cred", "a passkey")}`, { method: "PATCH", body: { name }, schema: passkeySchema }),
    remove: async (passkeyId: string) => call(`passkeys/${id(passkeyId, "cred", "a passkey")}`, { method: "DELETE", schema: undefined }),
  };
}

/** `consents`: the third-party applications the user allowed, and taking that back. */
export function accountConsentsApi(call: AccountCall) {
  return {
    list: async () => (await call("consents", { schema: consentListResponseSchema })).consents,
    /** The application asks again next time, and its tokens for the user end now. */
    revoke: async (applicationId: string) =>
      call(`consents/${id(applicationId, "app", "an application")}`, { method: "DELETE", schema: consentRevokedResponseSchema }),
  };
}

/** `organizations` and `invitations`: the user's memberships, the one their session acts in, and answers to invitations. */
export function accountMembershipsApi(call: AccountCall) {
  return {
    /** By name, with the user's role in each, and the active one with its permissions. */
    list: async () => call("organizations", { schema: sessionOrganizationListResponseSchema }),
    /** Acts in this organization from now on (null clears the choice); refreshed tokens carry it. */
    switchActive: async (organizationId: string | null) =>
      call("organizations/active", {
        method: "PUT",
        body: { organizationId: organizationId === null ? null : id(organizationId, "org", "an organization") },
        schema: switchOrganizationResponseSchema,
      }),
    /** Pending invitations to the user's confirmed address, newest first. */
    pendingInvitations: async () => (await call("invitations", { schema: pendingInvitationListResponseSchema })).invitations,
    /** With the token from the mailed link, or `{ invitationId }` from `pendingInvitations()`; to the user's own confirmed address. */
    acceptInvitation: async (answer: string | { invitationId: string }) =>
      call("invitations/accept", { method: "POST", body: invitationAnswer(answer), schema: invitationAcceptedResponseSchema }),
    declineInvitation: async (answer: string | { invitationId: string }) =>
      call("invitations/decline", { method: "POST", body: invitationAnswer(answer), schema: invitationDeclinedResponseSchema }),
  };
}

/** A mailed token as it is, or an invitation id checked for its shape before it leaves. */
function invitationAnswer(answer: string | { invitationId: string }) {
  return typeof answer === "string" ? { token: answer } : { invitationId: id(answer.invitationId, "inv", "an invitation") };
}
