/**
 * What has shipped, newest first. Each entry describes something a reader can try in the code
 * today; the dates are the days the work landed on the main branch.
 */
export interface ChangelogEntry {
  /** A stable anchor for links, e.g. /changelog#admin-roles. */
  id: string;
  date: string;
  title: string;
  area: "Admin dashboard" | "API" | "Sign-in" | "Security" | "SDK" | "Platform";
  body: string;
  items: string[];
}

export const changelog: ChangelogEntry[] = [
  {
    id: "admin-roles-organizations",
    date: "2026-11-27",
    title: "Roles, permissions and organizations in the admin dashboard",
    area: "Admin dashboard",
    body: "Tenant admins manage organizations and their access without touching the API.",
    items: [
      "Organizations: list and search, create, add members by email with a role, invite by mail and revoke invitations.",
      "Roles and permissions: built-in roles shown read-only, new permissions, custom roles from the tenant's permissions, deletion after a confirmation.",
      "Accepting and declining an invitation go through one route, so both are checked the same way.",
    ],
  },
  {
    id: "support-impersonation",
    date: "2026-11-27",
    title: "Sign in as a user, for support",
    area: "Security",
    body: "An admin can see what a user sees, with a reason, a time limit and a trail.",
    items: [
      "The admin gives a reason and a length; a single-use link valid for two minutes starts a session as the user that ends on time.",
      "Every hosted page shows a banner during the session, and the user is mailed unless the tenant turned that off.",
      "An impersonated session cannot change second factors, passkeys or recovery codes. Both steps are audited.",
    ],
  },
  {
    id: "audit-log",
    date: "2026-11-27",
    title: "Audit log viewer and export",
    area: "Admin dashboard",
    body: "The hash-chained audit log became searchable and exportable.",
    items: [
      "GET /v1/audit-events with filters by actor, action (or an action prefix), target and time, in keyset pages.",
      "CSV and JSON export of up to 10,000 events, newest first; CSV formula cells are defused.",
      "Admin pages for the log and for a single event with every field.",
    ],
  },
  {
    id: "analytics-billing",
    date: "2026-11-27",
    title: "Analytics and billing",
    area: "Admin dashboard",
    body: "Tenants see how their sign-in is used and which plan they are on.",
    items: [
      "Sign-ups, active users, sign-ins (succeeded and failed) and MFA adoption for the last 7, 30 or 90 days or 12 months, charted.",
      "Plans with monthly-active-user caps, plan changes and invoices through a payment provider interface; the development provider needs no network and moves no money.",
    ],
  },
  {
    id: "admin-dashboard",
    date: "2026-11-27",
    title: "The admin dashboard's tenant pages",
    area: "Admin dashboard",
    body: "Everything a tenant admin needs day to day, each page a client of the management API.",
    items: [
      "Users: search, filters, sort and pages kept in the URL; create, block, unblock, delete, verify, password-reset mail, sessions and factor reset, each confirmed first.",
      "Applications (a client secret shown once), API keys (shown once, scoped to what the admin holds), signing keys with rotation.",
      "Tenant settings: branding with a live preview of the hosted sign-in card, password and MFA policy, session lifetimes.",
      "A tenant switcher; what a role may not do is hidden, and the API refuses it anyway.",
    ],
  },
  {
    id: "management-api",
    date: "2026-11-27",
    title: "The management API and the SDK",
    area: "API",
    body: "Everything the dashboard does is available to your own code.",
    items: [
      "/v1 for users, organizations, members, invitations, domains, roles, permissions, applications, API keys, signing keys, settings and tenants, described in /v1/openapi.json with an example for every operation.",
      "Scoped, hashed API keys (plinto_sk_…) that can only hand out scopes they hold; admin access tokens whose role is read at every request.",
      "@plinto/sdk wraps all of it with types from the same contract the API validates against, plus verifyToken for servers and PKCE sign-in for browsers.",
      "Every management operation is tested against another tenant's resources.",
    ],
  },
  {
    id: "organizations",
    date: "2026-11-27",
    title: "Organizations in tokens",
    area: "Sign-in",
    body: "B2B apps learn which organization a user is acting in from the token itself.",
    items: [
      "Members with built-in and custom roles, invitations by mail, domains verified by DNS TXT with auto-join.",
      "The organizations scope puts org_id, org_slug, org_role and org_permissions in tokens; users switch without signing in again.",
      "An organization can require a second factor of its members, with a grace period counted from joining.",
    ],
  },
  {
    id: "second-factors",
    date: "2026-11-27",
    title: "Second factors and passkeys",
    area: "Sign-in",
    body: "Multi-factor authentication, from enrolment to step-up.",
    items: [
      "Authenticator apps (TOTP) with replay protection, ten single-use recovery codes, emailed codes where the tenant allows them.",
      "Passkeys: sign in on their own from the browser's autofill, or as a second factor; step-up with a passkey.",
      "Two-step sign-in with no session before the second factor; acr_values=urn:plinto:acr:2fa asks for a step-up.",
      "MFA policy per tenant: off, optional or required with a grace period.",
    ],
  },
  {
    id: "openid-provider",
    date: "2026-11-27",
    title: "Every tenant is an OpenID Provider",
    area: "Sign-in",
    body: "Point any certified OpenID Connect library at {API_URL}/t/{tenant}.",
    items: [
      "Authorization code with PKCE (S256), rotating refresh tokens with replay detection, client credentials, device flow, userinfo, introspection, revocation, RP-initiated logout, iss in every authorization response.",
      "Consent for third-party applications, remembered per user and revocable; first-party applications are trusted.",
      "Access tokens for Plinto's own API are RFC 9068 JWTs; the admin dashboard and account portal sign in through the platform tenant like any other app.",
    ],
  },
  {
    id: "identity-core",
    date: "2026-11-27",
    title: "Hosted sign-in and the identity core",
    area: "Sign-in",
    body: "The first flows every app needs.",
    items: [
      "Hosted sign-in, sign-up, email verification, forgot and reset password and magic-link pages per tenant.",
      "/v1/tenants/{tenant}/auth/* for apps with their own screens.",
      "Password policy per NIST SP 800-63B; argon2id hashing; rate limits per IP and per account on every flow that signs in or sends mail.",
      "Mail over SMTP, or a development outbox when none is configured.",
    ],
  },
  {
    id: "foundation",
    date: "2026-11-26",
    title: "One command to run it all",
    area: "Platform",
    body: "Plinto's foundation: the data layer, the API server and the six sites.",
    items: [
      "npm start installs, builds, migrates and seeds, then runs the API and the five sites on an embedded PostgreSQL (PGlite); DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis.",
      "Signing keys per tenant, sealed at rest with AES-256-GCM, published as JWKS.",
      "Rate limits on stock Redis with an in-memory fallback when Redis is away.",
      "npm test runs every type check, lint, unit test, build and browser test and ends with one pass/fail line.",
    ],
  },
];
