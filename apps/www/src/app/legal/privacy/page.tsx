import type { Metadata } from "next";
import { LegalUpdated } from "~/components/LegalUpdated";
import { PageHeader, Prose } from "~/components/PageHeader";
import { pageMetadata } from "~/lib/metadata";

export const metadata: Metadata = pageMetadata({
  title: "Privacy policy",
  description: "What this website and the people behind Plinto collect about you, why, for how long, and your rights.",
  path: "/legal/privacy",
});

export default function PrivacyPage() {
  return (
    <>
      <PageHeader kicker="Legal" title="Privacy policy" intro={<LegalUpdated />} />
      <Prose>
        <p>
          This policy covers this website and the messages you send us. It does not cover a Plinto that someone else runs: if you sign in to an
          app that uses Plinto, the company behind that app decides what happens to your data, and its privacy policy applies.
        </p>

        <h2>Who is responsible</h2>
        <p>
          The people who publish Plinto and run this website are the controller for the data described here. Reach us through the{" "}
          <a href="/contact?topic=privacy">contact form</a> with the topic &ldquo;Privacy or a data request&rdquo;.
        </p>

        <h2>What we collect, and why</h2>
        <h3>When you visit</h3>
        <p>
          Pages are served without analytics scripts, advertising, third-party fonts or embedded content. Like every web server, ours sees your IP
          address and browser details to answer a request; the website does not store them.
        </p>
        <h3>If you accept the cookie banner</h3>
        <p>
          We record, on our own server, which sign-up button you pressed, on which page, and when — nothing that identifies you or your device. We do
          this to learn which pages lead people to sign up (our legitimate interest in improving the site, and your consent, which you can withdraw on
          the <a href="/legal/cookies">cookie policy</a> page at any time). If you reject or do not answer, nothing is recorded.
        </p>
        <h3>If you write to us</h3>
        <p>
          The contact form sends your name, email address, optional company, the topic and your message. We keep them with the time they arrived to
          answer you (the performance of a request you made, or our legitimate interest in answering). They are written to a file on the server that
          runs this site and are not passed to any other service.
        </p>
        <h3>If you create an account</h3>
        <p>
          Sign-up happens on Plinto&apos;s own hosted pages, which store your email address, your password as an argon2id hash, the second factors
          and passkeys you add, your sessions and an audit trail of security-relevant changes. We use them to sign you in and keep your account
          safe.
        </p>

        <h2>How long we keep it</h2>
        <ul>
          <li>Sign-up click counts: up to 24 months, then deleted or reduced to totals.</li>
          <li>Contact messages: as long as the conversation needs, and at most 24 months after it ends.</li>
          <li>Accounts: until the account is deleted (ask us through the contact form); audit events about it are kept as long as the tenant&apos;s log is kept, because an audit log that forgets cannot be trusted.</li>
        </ul>

        <h2>Who else sees it</h2>
        <p>
          No one we sell to, and no advertising or analytics company. Data leaves us only when the law requires it, or when you ask us to pass it on.
        </p>

        <h2>Your rights</h2>
        <p>
          Wherever you live, you can ask us for a copy of your data, to correct it, to delete it, to restrict or object to its use, and to receive
          it in a portable format; where we rely on consent you can withdraw it at any time without affecting what happened before. Write to us through
          the <a href="/contact?topic=privacy">contact form</a>. You may also complain to your data protection authority.
        </p>

        <h2>Security</h2>
        <p>
          How we protect data is described on the <a href="/security">security page</a>.
        </p>

        <h2>Changes</h2>
        <p>We date every change at the top of this page and describe significant ones in the changelog.</p>
      </Prose>
    </>
  );
}
