import type { SampleName } from "./samples";

/** What the live side of a flow's page offers. */
export type LiveControl =
  | "sign-in" // start the authorization code + PKCE sign-in
  | "fresh-sign-in" // a sign-in that must happen now on the hosted page (prompt=login)
  | "outbox" // the development outbox, to follow mailed links and codes
  | "account" // the tenant's hosted account page (passkeys, authenticator apps)
  | "step-up" // ask for a second factor (acr_values)
  | "organizations" // switch the active organization
  | "refresh" // renew the access token
  | "sign-out" // RP-initiated logout
  | "inspector"; // the verified tokens

export interface TutorialStep {
  title: string;
  body: string;
  /** The code of the step: a type-checked file in src/samples (optionally one region of it). */
  sample?: { name: SampleName; region?: string };
}

export interface Flow {
  slug: string;
  title: string;
  spec: string;
  summary: string;
  steps: TutorialStep[];
  live: LiveControl[];
}

const createClient: TutorialStep = {
  title: "Create the sign-in client on your server",
  body: "One client per request, over that visitor's session. The demo's server keeps the client secret, the pending sign-in and the tokens; the browser only ever holds an encrypted, HttpOnly cookie.",
  sample: { name: "client" },
};

const finishSignIn: TutorialStep = {
  title: "Finish at your redirect URI",
  body: "The tenant sends the browser back with a code. The SDK checks state and issuer, exchanges the code with the PKCE verifier, and verifies the ID token against the tenant's JWKS before keeping the tokens.",
  sample: { name: "sign-in", region: "finish" },
};

export const flows: Flow[] = [
  {
    slug: "hosted-sign-in",
    title: "Hosted sign-in with PKCE",
    spec: "RFC 7636",
    summary:
      "An authorization request to the demo tenant with an S256 code challenge, Plinto's hosted sign-in page, and the code exchanged for tokens with the verifier.",
    steps: [
      createClient,
      {
        title: "Send the browser to the tenant",
        body: "The authorization URL carries the code challenge (S256), state, nonce, the scopes and the API the access token is for. The request the demo sent last is shown on the right.",
        sample: { name: "sign-in", region: "start" },
      },
      {
        title: "The user signs in on the hosted page",
        body: "Plinto's hosted page at {issuer}/sign-in names the application and offers every method the tenant allows. Your app never sees the password.",
      },
      finishSignIn,
    ],
    live: ["sign-in", "inspector"],
  },
  {
    slug: "sign-up",
    title: "Sign-up",
    spec: "argon2id",
    summary: "A new account on the demo tenant, from the hosted form to the first tokens, with the password hashed by argon2id before it is stored.",
    steps: [
      {
        title: "Open the hosted page for a new sign-in",
        body: "The same authorization request as a sign-in; `prompt=login` makes the hosted page appear even when this browser is signed in already.",
        sample: { name: "fresh-sign-in" },
      },
      {
        title: "Choose “Create an account”",
        body: "The hosted sign-up form checks the password against the tenant's policy and stores it as an argon2id hash, then mails a code and a link to confirm the address. Both land in the development outbox below.",
      },
      {
        title: "Confirm the address, then sign in",
        body: "Type the code on the hosted page (or open the link), then sign in with the new password: the sign-in continues the demo's request, in the same browser, back to the demo.",
        sample: { name: "outbox" },
      },
      finishSignIn,
    ],
    live: ["fresh-sign-in", "outbox", "inspector"],
  },
  {
    slug: "magic-link",
    title: "Magic link",
    spec: "Email",
    summary: "A single-use sign-in link sent by email. Locally it lands in Plinto's development outbox, shown on this page, so you can open it without a mail server.",
    steps: [
      {
        title: "Open the hosted page for a new sign-in",
        body: "Start a sign-in that asks for the hosted page (`prompt=login`), open “Email me a sign-in link or code instead” there and send the link.",
        sample: { name: "fresh-sign-in" },
      },
      {
        title: "Open the link from the outbox",
        body: "Come back to this page: the mail is in the outbox below. The link signs you in once, within minutes, in the browser that asked for it, and the sign-in continues to the demo.",
        sample: { name: "outbox" },
      },
      finishSignIn,
    ],
    live: ["fresh-sign-in", "outbox", "inspector"],
  },
  {
    slug: "email-code",
    title: "Email code",
    spec: "Email",
    summary: "A one-time code sent by email and typed back in: the same proof of the inbox as a magic link, without leaving the tab.",
    steps: [
      {
        title: "Open the hosted page for a new sign-in",
        body: "Open “Email me a sign-in link or code instead” on the hosted page and send it: the same mail carries a six-digit code, and the page asks for it.",
        sample: { name: "fresh-sign-in" },
      },
      {
        title: "Read the code from the outbox",
        body: "The code is in the newest mail in the outbox below. Type it on the hosted page; a wrong code counts against a limit.",
        sample: { name: "outbox" },
      },
      finishSignIn,
    ],
    live: ["fresh-sign-in", "outbox", "inspector"],
  },
  {
    slug: "passkey",
    title: "Passkey",
    spec: "WebAuthn L3",
    summary: "Registering a passkey on this device, then signing in with it: no password, and a credential bound to the tenant's origin.",
    steps: [
      {
        title: "Add a passkey on the hosted account page",
        body: "Signed in, open the tenant's account page and add a passkey. The browser creates a key pair bound to the API's origin; Plinto keeps only the public key.",
      },
      {
        title: "Sign in with it",
        body: "Start a new sign-in: the hosted page offers the passkey (also through the browser's autofill). The ID token's `amr` then says how you signed in.",
        sample: { name: "fresh-sign-in" },
      },
      finishSignIn,
    ],
    live: ["account", "fresh-sign-in", "inspector"],
  },
  {
    slug: "totp",
    title: "Authenticator app (TOTP)",
    spec: "RFC 6238",
    summary: "Enrolling an authenticator app from a QR code, confirming it with a six-digit code, then an application asking for a second factor.",
    steps: [
      {
        title: "Enrol an authenticator app",
        body: "On the tenant's hosted account page, scan the QR code, confirm with a six-digit code, and keep the ten recovery codes shown once.",
      },
      {
        title: "Ask for a second factor",
        body: "An application that needs one sends `acr_values=urn:plinto:acr:2fa`. A user signed in with one factor proves the second without signing in again.",
        sample: { name: "step-up" },
      },
      {
        title: "Read acr and amr",
        body: "The new tokens say `acr: urn:plinto:acr:2fa` and list the methods in `amr` (RFC 8176), e.g. `pwd` and `otp`. The inspector below shows them verified.",
        sample: { name: "verify" },
      },
    ],
    live: ["account", "step-up", "inspector"],
  },
  {
    slug: "organizations",
    title: "Organization switch",
    spec: "Organizations",
    summary: "Moving between the demo user's organizations and watching the active organization and role change in the tokens the app receives.",
    steps: [
      {
        title: "Ask for the organizations scope",
        body: "With `organizations` in the scope, tokens list the user's organizations and name the active one: `org_id`, `org_slug`, `org_role`, `org_permissions`.",
        sample: { name: "client" },
      },
      {
        title: "Switch with an authorization request",
        body: "`organization=<slug>` on the request makes it the session's active organization (if the user is a member). The provider answers at once; the next refresh carries it too.",
        sample: { name: "organizations" },
      },
    ],
    live: ["organizations", "inspector"],
  },
  {
    slug: "refresh",
    title: "Token refresh",
    spec: "OAuth 2.0",
    summary: "Trading the refresh token for a fresh access token, with the replaced token and the new one side by side.",
    steps: [
      {
        title: "Refresh",
        body: "The refresh token rotates on every use: keep the new one. A spent refresh token used again ends the whole grant.",
        sample: { name: "refresh" },
      },
      {
        title: "Check the new access token",
        body: "The new token has a new `jti`, a later `exp`, and claims computed now: a role change or organization switch shows up here.",
        sample: { name: "verify" },
      },
    ],
    live: ["refresh", "inspector"],
  },
  {
    slug: "sign-out",
    title: "Sign-out",
    spec: "OIDC RP-initiated logout",
    summary: "Ending the session at the demo tenant as well as in the app, so the next sign-in asks for credentials again.",
    steps: [
      {
        title: "Revoke, forget, and send the browser to the tenant",
        body: "The refresh token is revoked, the demo's cookie emptied, and the tenant's end-session page confirms the sign-out and ends the tenant session.",
        sample: { name: "sign-out" },
      },
    ],
    live: ["sign-out"],
  },
  {
    slug: "token-inspector",
    title: "Token inspector",
    spec: "JWT · JWKS",
    summary: "The ID and access tokens decoded, with their signatures and claims verified against the keys the demo tenant publishes.",
    steps: [
      {
        title: "Verify against the tenant's JWKS",
        body: "Never trust a decoded token: verify its signature with the issuer's published keys, and its issuer, audience, lifetime and kind.",
        sample: { name: "verify" },
      },
    ],
    live: ["inspector"],
  },
];

export const flowBySlug = (slug: string) => flows.find((flow) => flow.slug === slug);
