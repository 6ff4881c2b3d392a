import {
  emailChangeStartedResponseSchema,
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
