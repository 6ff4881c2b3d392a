import type { Metadata } from "next";
import { PageHeader, Prose } from "~/components/PageHeader";
import { pageMetadata } from "~/lib/metadata";

export const metadata: Metadata = pageMetadata({
  title: "Security",
  description:
    "How Plinto protects accounts and data: argon2id, NIST password rules, rate limits that survive a Redis outage, encrypted secrets, PKCE, rotating refresh tokens and a hash-chained audit log.",
  path: "/security",
});

export default function SecurityPage() {
  return (
    <>
      <PageHeader
        kicker="Security"
        title="Security is the product"
        intro="What Plinto does to keep accounts safe, in terms you can check in its code. Where a protection has a price, this page says what it is."
      />
      <Prose>
        <h2>Passwords</h2>
        <ul>
          <li>Hashed with argon2id at OWASP&apos;s recommended floor (19 MiB of memory, two passes), after NFC normalisation. Nothing is truncated: a password the hasher cannot take whole is refused.</li>
          <li>The policy follows NIST SP 800-63B: length instead of composition rules — at least 8 characters, 15 when a password alone signs someone in — and common passwords, the email&apos;s local part and the tenant&apos;s name are refused.</li>
          <li>bcrypt hashes can be imported and are rehashed with argon2id at the next sign-in.</li>
          <li>Sign-in answers take the same time whether or not the account exists, so they do not reveal who has one.</li>
        </ul>

        <h2>Rate limits</h2>
        <p>
          Sign-in is limited per IP address and per account (per OWASP ASVS V2.2.1), sign-up per IP, mail per recipient and per sender, one-time
          codes per IP and second-factor codes per account. An account under attack is paused, and the pause is audited. With Redis the limits hold
          across API processes; if Redis stops answering, each process counts in memory until it is back — neither letting everything through nor
          locking everyone out. The price is written down: while degraded, a key can get up to its limit times the number of processes.
        </p>

        <h2>Tokens and sessions</h2>
        <ul>
          <li>Authorization code flow with PKCE (S256 only; plain is refused), no implicit and no password grant, redirect URIs matched byte for byte, and iss in every authorization response (RFC 9207).</li>
          <li>Refresh tokens rotate on every use; a replayed one ends its whole grant.</li>
          <li>Blocking or deleting a user ends every session and refresh token in the same transaction.</li>
          <li>Tokens say how the user signed in (amr, acr); applications can demand a second factor with acr_values.</li>
        </ul>

        <h2>Secrets at rest</h2>
        <ul>
          <li>Signing keys and TOTP secrets are sealed with AES-256-GCM under keys derived from the master secret, bound to the row they belong to, so a ciphertext copied elsewhere does not open.</li>
          <li>API keys, recovery codes and confidential applications&apos; client secrets are stored only as hashes and shown once.</li>
          <li>Signing keys rotate from the admin dashboard or the API; the next key signs, and the retired one stays published so tokens it signed still verify.</li>
        </ul>

        <h2>Second factors</h2>
        <p>
          Authenticator apps, passkeys (with user verification), emailed codes where a tenant allows them, and recovery codes. Adding or removing a
          factor needs a sign-in in the last five minutes and is mailed to the user; a support session signed in as the user cannot change them.
        </p>

        <h2>Isolation and audit</h2>
        <ul>
          <li>Every tenant-owned table carries the tenant, and every management operation is tested against another tenant&apos;s resources.</li>
          <li>Every security-relevant change writes an audit event in the same transaction, in an append-only log hash-chained per tenant.</li>
          <li>The API sends a nonce-based Content-Security-Policy with every response; every site sends nosniff, a strict referrer policy and refuses to be framed.</li>
        </ul>

        <h2>This website</h2>
        <p>
          This site loads no third-party script, font or image. It records nothing until you accept the cookie banner, and then only which sign-up
          button you pressed — see the <a href="/legal/cookies">cookie policy</a>.
        </p>

        <h2>Reporting a vulnerability</h2>
        <p>
          Please report security issues through the <a href="/contact?topic=security">contact form</a> with the topic &ldquo;Reporting a security
          issue&rdquo;, and give us a chance to fix them before you publish. Describe what you found and how to reproduce it; do not include other
          people&apos;s data.
        </p>
      </Prose>
    </>
  );
}
