/**
 * The product pages. Each says what Plinto does today, in terms a reader can check in the code
 * and the docs; what is not built yet is marked `coming` and says so on the page.
 */
export type ProductStatus = "available" | "coming";

export interface Product {
  slug: string;
  name: string;
  status: ProductStatus;
  /** The page's heading. */
  headline: string;
  /** One or two sentences: the meta description and the card text on the home page. */
  summary: string;
  sections: { title: string; body: string }[];
  standards: string[];
}

export const products: Product[] = [
  {
    slug: "authentication",
    name: "Authentication",
    status: "available",
    headline: "Sign-up and sign-in, on hosted pages or through the API",
    summary:
      "Email and password, magic links and one-time email codes, with email verification and password reset — on each tenant's hosted pages or from your own screens through /v1 and the SDK.",
    sections: [
      {
        title: "Hosted pages per tenant",
        body: "Every tenant gets sign-in, sign-up, email verification, forgot-password, reset-password and magic-link pages at /t/{tenant}/…, styled with the tenant's branding. Or build your own screens on /v1/tenants/{tenant}/auth/* and keep the same rules.",
      },
      {
        title: "Passwords per NIST SP 800-63B",
        body: "Passwords are hashed with argon2id (19 MiB, two passes), normalised to NFC first and never truncated. The policy is length, not composition: at least 8 characters (15 when a password alone signs someone in, or the tenant's own higher minimum), and common passwords, the email's local part and the tenant's name are refused. bcrypt hashes can be imported and are rehashed at the next sign-in.",
      },
      {
        title: "Rate limits that hold under attack",
        body: "Sign-in is limited per IP address and per account, sign-up per IP, mail per recipient and per sender, codes per IP. The counts live in Redis when REDIS_URL is set and fall back to each process's memory if Redis stops answering — never open, never closed.",
      },
      {
        title: "An OpenID Provider per tenant",
        body: "Each tenant is an OpenID Provider at {API_URL}/t/{tenant}: authorization code with PKCE (S256 only), refresh tokens that rotate on every use with replay detection, client credentials, the device flow, userinfo, introspection, revocation and RP-initiated logout. Redirect URIs match byte for byte. There is no implicit or password grant.",
      },
      {
        title: "Sessions you can see and end",
        body: "Sessions carry amr and acr; users and admins list and revoke them, and blocking or deleting a user ends every session and refresh token in the same transaction.",
      },
    ],
    standards: ["OpenID Connect Core 1.0", "RFC 9700 (OAuth 2.0 Security BCP)", "RFC 7636 (PKCE)", "RFC 8628 (device flow)", "RFC 7662, RFC 7009", "RFC 9207", "NIST SP 800-63B", "RFC 9106 (Argon2)"],
  },
  {
    slug: "mfa-and-passkeys",
    name: "MFA and passkeys",
    status: "available",
    headline: "Second factors and passkeys, with a policy per tenant and per organization",
    summary:
      "Authenticator-app codes, passkeys, emailed codes and single-use recovery codes; two-step sign-in, step-up on demand, and an MFA policy a tenant or an organization can require.",
    sections: [
      {
        title: "Authenticator apps and recovery codes",
        body: "Users add a TOTP authenticator by QR code; their secret is encrypted at rest and a used code cannot be replayed. The first factor also gives ten single-use recovery codes, shown once and stored hashed.",
      },
      {
        title: "Passkeys",
        body: "Passkeys (WebAuthn discoverable credentials) sign in on their own — the browser offers them in the sign-in page's autofill — with user verification required, or serve as the second factor after a password.",
      },
      {
        title: "Two steps, no half sessions",
        body: "A user with a second factor gets mfa_required and a challenge after the password; no session exists until the second factor is answered. Tokens say how the user signed in (amr, and acr urn:plinto:acr:1fa or 2fa).",
      },
      {
        title: "Policy and step-up",
        body: "A tenant sets MFA off, optional or required with a grace period, and may accept an emailed code as the second factor. An organization can require a second factor of its members. An application asking acr_values=urn:plinto:acr:2fa gets a step-up.",
      },
      {
        title: "Changes are guarded",
        body: "Adding or removing a factor needs a sign-in within the last five minutes; every change is written to the audit log and mailed to the user.",
      },
    ],
    standards: ["W3C WebAuthn Level 3", "RFC 6238 (TOTP)", "RFC 8176 (amr values)", "NIST SP 800-63B"],
  },
  {
    slug: "organizations",
    name: "Organizations",
    status: "available",
    headline: "Organizations, roles and invitations for your B2B product",
    summary:
      "Organizations inside a tenant with members, built-in and custom roles and permissions, invitations by mail, and email domains verified by DNS with optional auto-join.",
    sections: [
      {
        title: "Members and roles",
        body: "Each organization has members with a role: owner, admin and member are built in; custom roles are made from the tenant's permissions. Roles and permissions are managed in the admin dashboard or through /v1.",
      },
      {
        title: "Invitations",
        body: "Invite people by email with a role; they accept or decline on the tenant's hosted page. Invitations can be revoked until they are answered.",
      },
      {
        title: "Verified domains",
        body: "An organization proves it owns a domain with a DNS TXT record (_plinto-challenge.<domain>); people with a confirmed address there can join automatically.",
      },
      {
        title: "The active organization in every token",
        body: "Tokens with the organizations scope carry org_id, org_slug, org_role and org_permissions, computed when each token is issued. Users switch organizations without signing in again; the next refresh carries the new one.",
      },
      {
        title: "Isolation, tested",
        body: "A member of one organization cannot list, switch to or answer the invitations of another, and every management operation is tested against another tenant's resources.",
      },
    ],
    standards: ["OpenID Connect Core 1.0 (claims)", "RFC 9068 (JWT access tokens)"],
  },
  {
    slug: "enterprise-sso",
    name: "Enterprise SSO",
    status: "coming",
    headline: "Enterprise SSO over SAML 2.0 and OpenID Connect — coming",
    summary:
      "Connections to your customers' own identity providers are on the roadmap: the data model is in place, the SAML and enterprise OIDC sign-in is not built yet.",
    sections: [
      {
        title: "Where it stands",
        body: "Plinto's schema already has connections — a SAML or OIDC identity provider per tenant or organization, with the domains it serves — so the feature lands without a data migration for you. The endpoints, the admin pages and the sign-in routing by email domain are not built yet.",
      },
      {
        title: "What you can do today",
        body: "Every tenant is a standards-compliant OpenID Provider, so your apps are ready for it: when connections arrive they change where your users sign in, not how your apps talk to Plinto.",
      },
      {
        title: "Follow it",
        body: "Entries in the changelog announce what ships; the Enterprise plan lists it and says it is coming.",
      },
    ],
    standards: ["OASIS SAML 2.0 (planned)", "OpenID Connect Core 1.0"],
  },
  {
    slug: "scim",
    name: "SCIM provisioning",
    status: "coming",
    headline: "SCIM 2.0 directory provisioning — coming",
    summary:
      "Provisioning users from your customers' directories over SCIM 2.0 is on the roadmap: the directory model is in place, the SCIM endpoints are not built yet.",
    sections: [
      {
        title: "Where it stands",
        body: "The schema has directories — one SCIM endpoint per tenant or organization, whose bearer token is stored only as a hash — and identities that will carry the SCIM externalId. The /scim/v2 endpoints that create, update and deactivate users are not built yet.",
      },
      {
        title: "What you can do today",
        body: "Create, update, block and delete users through the management API (/v1/users) with an API key scoped to exactly that; every change is audited.",
      },
    ],
    standards: ["RFC 7643, RFC 7644 (planned)"],
  },
  {
    slug: "audit-logs",
    name: "Audit logs",
    status: "available",
    headline: "An audit log you can prove is complete",
    summary:
      "Every security-relevant change is recorded in the same transaction that makes it, in an append-only log hash-chained per tenant, searchable in the admin dashboard and exportable as CSV or JSON.",
    sections: [
      {
        title: "Written with the change",
        body: "Services write the audit event inside the transaction that changes the data: a change without its record, or a record without its change, cannot happen.",
      },
      {
        title: "Hash-chained",
        body: "Each event carries the hash of the one before it in its tenant's chain, so a removed or altered event breaks the chain where it happened.",
      },
      {
        title: "Find and export",
        body: "The admin dashboard filters by action, actor, target and time, pages through the log newest first and shows every field of an event. Exports come as CSV (formula cells defused) or JSON, up to 10,000 events at a time, through /v1/audit-events/export.",
      },
      {
        title: "What is recorded",
        body: "Sign-ins and failures, accounts paused under attack, factor and passkey changes, password resets, user blocks and deletions, role, organization and invitation changes, API keys, signing-key rotations and support impersonation with its reason.",
      },
    ],
    standards: ["OWASP ASVS V7 (logging)"],
  },
];

export function productBySlug(slug: string): Product | undefined {
  return products.find((p) => p.slug === slug);
}
