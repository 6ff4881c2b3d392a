import type { Metadata } from "next";
import { LegalUpdated } from "~/components/LegalUpdated";
import { PageHeader, Prose } from "~/components/PageHeader";
import { pageMetadata } from "~/lib/metadata";

export const metadata: Metadata = pageMetadata({
  title: "Data processing addendum",
  description: "How we process personal data for you when we run Plinto on your behalf, as GDPR Article 28 requires.",
  path: "/legal/dpa",
});

export default function DpaPage() {
  return (
    <>
      <PageHeader kicker="Legal" title="Data processing addendum" intro={<LegalUpdated />} />
      <Prose>
        <p>
          This addendum is part of the <a href="/legal/terms">terms of service</a>. It applies when we process personal data on your behalf — when we
          operate a Plinto for you or, for support, look into one you run. You are the controller, we are the processor (GDPR Article 28, and the UK
          GDPR alike).
        </p>
        <p>
          <strong>If you run Plinto on your own servers and give us no access, we process none of your users&apos; data and this addendum has nothing to
          apply to.</strong>
        </p>

        <h2>1. What we process</h2>
        <ul>
          <li><strong>Subject matter and purpose:</strong> signing your users up and in, their second factors, organizations, roles and sessions, and the audit log of those — only to provide the service you chose.</li>
          <li><strong>People concerned:</strong> your end users, your tenant admins, and people your users invite.</li>
          <li><strong>Personal data:</strong> email addresses, names and profile fields you add, password hashes, second-factor secrets (encrypted) and passkey public keys, recovery-code hashes, sessions with their IP address and user agent, organization memberships and roles, and audit events.</li>
          <li><strong>Special categories:</strong> none are needed; do not put them in profile fields.</li>
          <li><strong>Duration:</strong> for as long as the service runs for you, then as in section 7.</li>
        </ul>

        <h2>2. Your instructions</h2>
        <p>
          We process the data only on your documented instructions — these terms, your tenant settings and your use of the admin dashboard and the
          API — unless the law requires otherwise, in which case we tell you first where the law allows.
        </p>

        <h2>3. Confidentiality</h2>
        <p>Everyone who can reach your data is bound to confidentiality and reaches only what their task needs.</p>

        <h2>4. Security (Article 32)</h2>
        <p>The measures built into Plinto, described on the <a href="/security">security page</a>, include:</p>
        <ul>
          <li>argon2id password hashing; second-factor secrets and signing keys sealed with AES-256-GCM under a master secret; API keys, recovery codes and client secrets kept only as hashes;</li>
          <li>rate limits per IP address and per account, and paused sign-in for accounts under attack;</li>
          <li>tenant isolation on every table and every management operation, tested;</li>
          <li>an append-only audit log, hash-chained per tenant, written in the same transaction as each change;</li>
          <li>support access to an account only through a time-limited, audited impersonation with a stated reason, of which the user is told unless you turn that off.</li>
        </ul>

        <h2>5. Sub-processors</h2>
        <p>
          We engage no sub-processor today. Before we engage one we will list it on this page and tell you at least 30 days in advance; you may
          object, and if we cannot meet the objection you may end the affected service. Each sub-processor will be bound to terms that protect the
          data as this addendum does.
        </p>

        <h2>6. Helping you</h2>
        <ul>
          <li><strong>Requests from your users:</strong> the admin dashboard and the API let you find, correct, block and delete users and read their audit trail; we help with what they do not cover.</li>
          <li><strong>Personal data breaches:</strong> we tell you without undue delay, and within 48 hours of becoming aware of one, with what we know and what we are doing.</li>
          <li><strong>Assessments:</strong> we give you the information you need for a data protection impact assessment or a consultation with your authority.</li>
        </ul>

        <h2>7. When the service ends</h2>
        <p>
          You can export the audit log and read your users through the API before the end. Then we delete your data within 30 days, unless the law
          requires us to keep it.
        </p>

        <h2>8. Audits</h2>
        <p>
          We make available the information needed to show we meet this addendum, and allow and contribute to audits by you or an auditor you choose,
          on reasonable notice and under confidentiality.
        </p>

        <h2>9. International transfers</h2>
        <p>
          Where we operate a Plinto for you, we agree the region with you. We transfer data out of it only with your agreement and with a safeguard
          the law recognises, such as the European Commission&apos;s standard contractual clauses.
        </p>
      </Prose>
    </>
  );
}
