import {
  emailChangeStartedResponseSchema,
  emailPreferencesResponseSchema,
  accountExportSchema,
  deletionCancelledResponseSchema,
  deletionScheduledResponseSchema,
  type AccountExport,
  type DeletionScheduledResponse,
  invitationResponseSchema,
  memberListResponseSchema,
  memberResponseSchema,
  organizationLeftResponseSchema,
  ownOrganizationResponseSchema,
  type CreateOwnOrganizationRequest,
  type InviteToOwnOrganizationRequest,
  type Invitation,
  type Member,
  onboardingResponseSchema,
  type OnboardingResponse,
  type OnboardingStep,
  notificationListResponseSchema,
  notificationResponseSchema,
  notificationsMarkedReadResponseSchema,
  unreadCountResponseSchema,
  type EmailPreferencesResponse,
  type Notification,
  type NotificationListResponse,
  type UpdateEmailPreferencesRequest,
  profileResponseSchema,
  type AccountProfile,
  type ChangePasswordRequest,
  passwordChangedResponseSchema,
  type PasswordChangedResponse,
  type confirmEmailChangeRequestSchema,
  type EmailChangeStartedResponse,
  type updateProfileRequestSchema,
} from "@plinto/contracts";
import type { z } from "zod";
import { accountConsentsApi, accountFactorsApi, accountMembershipsApi, accountPasskeysApi, accountSessionsApi } from "./account-security";
import { send, type RequestOptions, type Result, type Transport } from "./internal/transport";

type In<S extends z.ZodType> = z.input<S>;

export interface PlintoAccountClientOptions {
  /** Where the Plinto API lives, e.g. `http://localhost:4000`. */
  baseUrl: string;
  /** The slug of the tenant the user belongs to. */
  tenant: string;
  /**
   * The signed-in user's credential, sent as `Authorization: Bearer`: the session token from
   * sign-in, or an access token for the API (`{API_URL}/v1`) issued to a first-party application.
   */
  token: string;
  /** Bring your own fetch (tests, edge runtimes); defaults to the global one. */
  fetch?: typeof fetch;
  /** Give up on a request after this long. Default 10 000 ms. */
  timeoutMs?: number;
}

/** An image file as the SDK accepts it: a Blob or File (its type is only a hint), or the bytes. */
export type AvatarFile = Blob | ArrayBuffer | Uint8Array;

/**
 * The signed-in user's own account (`/v1/tenants/{tenant}/auth/…`): what an account portal calls
 * on the user's behalf. Every answer is checked against the wire contract; failures throw
 * PlintoApiError with the problem's `code` (e.g. `reauthentication_required`: sign in again or step up).
 */
export class PlintoAccountClient {
  readonly baseUrl: string;
  readonly tenant: string;
  /** Where the user is signed in, and signing a device out. */
  readonly sessions: ReturnType<typeof accountSessionsApi>;
  /** Second factors (authenticator app) and recovery codes. */
  readonly factors: ReturnType<typeof accountFactorsApi>;
  readonly passkeys: ReturnType<typeof accountPasskeysApi>;
  /** Third-party applications the user allowed. */
  readonly consents: ReturnType<typeof accountConsentsApi>;
  /** The user's organizations, the active one, and answers to invitations. */
  readonly memberships: ReturnType<typeof accountMembershipsApi>;
  readonly profile: {
    get(): Promise<AccountProfile>;
    /** Only the fields sent change; null clears one. */
    update(changes: In<typeof updateProfileRequestSchema>): Promise<AccountProfile>;
    /** PNG, JPEG or WebP, at most 1 MB; the API recognises the type from the bytes. */
    uploadAvatar(file: AvatarFile): Promise<AccountProfile>;
    removeAvatar(): Promise<AccountProfile>;
  };
  /** Moving the account to another address: asked (recent sign-in), then confirmed from the new address. */
  readonly email: {
    /** Mails a code and link to `email` and a notice to the current address. Needs a sign-in within 5 minutes. */
    startChange(email: string): Promise<EmailChangeStartedResponse>;
    /** With the code from the mail (or the link's token); the account then uses the new address. */
    confirmChange(proof: In<typeof confirmEmailChangeRequestSchema>): Promise<AccountProfile>;
    /** Drops a change waiting for confirmation. */
    cancelChange(): Promise<AccountProfile>;
  };
  readonly password: {
    /**
     * A new password: with `currentPassword` (an account without one needs a sign-in within 5
     * minutes instead); `signOutOtherSessions` ends every other session and its application tokens.
     */
    change(input: ChangePasswordRequest): Promise<PasswordChangedResponse>;
  };
  /** What Plinto told the user about their account, and which mail they want. */
  readonly notifications: {
    /** Newest first, a page at a time (`unread: "true"` for unread only), with the unread count. */
    list(query?: { limit?: number; cursor?: string; unread?: "true" | "false" }): Promise<NotificationListResponse>;
    unreadCount(): Promise<number>;
    markRead(notificationId: string): Promise<Notification>;
    /** How many were unread. */
    markAllRead(): Promise<number>;
    preferences: {
      get(): Promise<EmailPreferencesResponse["preferences"]>;
      /** Switch optional categories; `security: false` is refused (security notices always go). */
      update(change: UpdateEmailPreferencesRequest): Promise<EmailPreferencesResponse["preferences"]>;
    };
  };
  /** The steps a new user is walked through; `done` is computed from the account, `skipped` is their choice. */
  readonly onboarding: {
    get(): Promise<OnboardingResponse>;
    /** Refused (forbidden) for a step the tenant requires. */
    skip(step: OnboardingStep): Promise<OnboardingResponse>;
  };
  /** Organizations the user belongs to and runs, as far as their role there allows. */
  readonly organizations: {
    /** Creates one the user owns (where the tenant allows it); without a slug, one is made from the name. */
    create(input: CreateOwnOrganizationRequest): Promise<{ id: string; slug: string; name: string; role: string }>;
    /** Needs members:read in it. */
    members(organizationId: string, query?: { limit?: number; cursor?: string }): Promise<{ members: Member[]; nextCursor: string | null }>;
    /** Needs members:invite; only an owner invites an owner. */
    invite(organizationId: string, input: InviteToOwnOrganizationRequest): Promise<Invitation>;
    /** Needs members:manage; only an owner makes or changes an owner. */
    changeRole(organizationId: string, userId: string, role: string): Promise<Member>;
    /** Refused (conflict) for the last owner. */
    leave(organizationId: string): Promise<void>;
  };
  /** The user's data to take away, and deleting the account. */
  readonly privacy: {
    /** Everything Plinto holds about the user (never a secret or hash). */
    export(): Promise<AccountExport>;
    /** After the tenant's grace period (default 14 days); needs a sign-in within 5 minutes. A cancel link is mailed. */
    scheduleDeletion(): Promise<DeletionScheduledResponse>;
    /** Signed in, or with the token from the mailed link. */
    cancelDeletion(token?: string): Promise<void>;
  };
  readonly #transport: Transport;

  constructor(options: PlintoAccountClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new TypeError(`PlintoAccountClient: baseUrl "${options.baseUrl}" is not an absolute URL`);
    }
    if (!/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/.test(options.tenant)) throw new TypeError(`PlintoAccountClient: "${options.tenant}" is not a tenant slug`);
    if (!options.token) throw new TypeError("PlintoAccountClient: token is required");
    this.baseUrl = url.toString().replace(/\/+$/, "");
    this.tenant = options.tenant;
    this.#transport = {
      baseUrl: this.baseUrl,
      token: options.token,
      headers: {},
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      timeoutMs: options.timeoutMs ?? 10_000,
    };

    const call = <S extends z.ZodType | undefined>(path: string, options: RequestOptions<S>) => this.#call(path, options);
    this.sessions = accountSessionsApi(call);
    this.factors = accountFactorsApi(call);
    this.passkeys = accountPasskeysApi(call);
    this.consents = accountConsentsApi(call);
    this.memberships = accountMembershipsApi(call);
    this.profile = {
      get: async () => (await this.#call("profile", { schema: profileResponseSchema })).profile,
      update: async (changes) => (await this.#call("profile", { method: "PATCH", body: changes, schema: profileResponseSchema })).profile,
      uploadAvatar: async (file) => (await this.#call("profile/avatar", { method: "PUT", file: { bytes: file }, schema: profileResponseSchema })).profile,
      removeAvatar: async () => (await this.#call("profile/avatar", { method: "DELETE", schema: profileResponseSchema })).profile,
    };
    this.password = {
      change: (input) => this.#call("password", { method: "POST", body: input, schema: passwordChangedResponseSchema }),
    };
    this.notifications = {
      list: (query = {}) => this.#call("notifications", { schema: notificationListResponseSchema, query: { ...query } }),
      unreadCount: async () => (await this.#call("notifications/unread-count", { schema: unreadCountResponseSchema })).unreadCount,
      markRead: async (id) =>
        (await this.#call(`notifications/${idSegment(id, "ntf", "a notification")}/read`, { method: "POST", schema: notificationResponseSchema })).notification,
      markAllRead: async () => (await this.#call("notifications/read-all", { method: "POST", schema: notificationsMarkedReadResponseSchema })).markedRead,
      preferences: {
        get: async () => (await this.#call("notification-preferences", { schema: emailPreferencesResponseSchema })).preferences,
        update: async (change) => (await this.#call("notification-preferences", { method: "PATCH", body: change, schema: emailPreferencesResponseSchema })).preferences,
      },
    };
    this.onboarding = {
      get: () => this.#call("onboarding", { schema: onboardingResponseSchema }),
      skip: (step) => {
        if (!/^[a-z_]{1,40}$/.test(step)) return Promise.reject(new TypeError(`"${step}" is not an onboarding step`));
        return this.#call(`onboarding/${step}/skip`, { method: "POST", schema: onboardingResponseSchema });
      },
    };
    const org = (id: string, rest: string) => `organizations/${idSegment(id, "org", "an organization")}/${rest}`;
    this.organizations = {
      create: async (input) => (await this.#call("organizations", { method: "POST", body: input, schema: ownOrganizationResponseSchema })).organization,
      members: async (id, query = {}) => this.#call(org(id, "members"), { schema: memberListResponseSchema, query: { ...query } }),
      invite: async (id, input) => (await this.#call(org(id, "invitations"), { method: "POST", body: input, schema: invitationResponseSchema })).invitation,
      changeRole: async (id, userId, role) =>
        (await this.#call(org(id, `members/${idSegment(userId, "usr", "a user")}`), { method: "PATCH", body: { role }, schema: memberResponseSchema })).member,
      leave: async (id) => {
        await this.#call(org(id, "membership"), { method: "DELETE", schema: organizationLeftResponseSchema });
      },
    };
    this.privacy = {
      export: () => this.#call("account/export", { schema: accountExportSchema }),
      scheduleDeletion: () => this.#call("account/deletion", { method: "POST", schema: deletionScheduledResponseSchema }),
      cancelDeletion: async (token) => {
        await this.#call("account/deletion/cancel", { method: "POST", body: token ? { token } : {}, schema: deletionCancelledResponseSchema });
      },
    };
    this.email = {
      startChange: (email) => this.#call("email-change", { method: "POST", body: { email }, schema: emailChangeStartedResponseSchema }),
      confirmChange: async (proof) => (await this.#call("email-change/confirm", { method: "POST", body: proof, schema: profileResponseSchema })).profile,
      cancelChange: async () => (await this.#call("email-change", { method: "DELETE", schema: profileResponseSchema })).profile,
    };
  }

  /** A request to `/v1/tenants/{tenant}/auth/{path}`. */
  #call<S extends z.ZodType | undefined>(path: string, options: RequestOptions<S>): Promise<Result<S>> {
    return send(this.#transport, `/v1/tenants/${encodeURIComponent(this.tenant)}/auth/${path}`, options);
  }
}

/** Path segments that name a resource: ids only, so a value can never walk to another path. */
export function idSegment(value: string, prefix: string, what: string): string {
  if (!new RegExp(`^${prefix}_[0-9a-z]{26}$`).test(value)) throw new TypeError(`"${value}" is not ${what} id (${prefix}_…)`);
  return value;
}
