import type { Metadata } from "next";
import { LegalUpdated } from "~/components/LegalUpdated";
import { PageHeader, Prose } from "~/components/PageHeader";
import { pageMetadata } from "~/lib/metadata";

export const metadata: Metadata = pageMetadata({
  title: "Terms of service",
  description: "The terms for using this website and the Plinto software and services.",
  path: "/legal/terms",
});

export default function TermsPage() {
  return (
    <>
      <PageHeader kicker="Legal" title="Terms of service" intro={<LegalUpdated />} />
      <Prose>
        <p>
          These terms apply when you use this website, create an account on Plinto&apos;s hosted pages, or buy a plan. By doing any of these you
          accept them. If you use Plinto on behalf of a company, you accept them for that company and confirm you may.
        </p>

        <h2>The software and the service</h2>
        <p>
          Plinto is identity software: sign-up and sign-in, second factors and passkeys, organizations and roles, an OpenID Provider per tenant and an
          audit log. You can run it on your own servers, where you operate it and are responsible for its configuration, security updates, backups
          and the data it holds. Features marked &ldquo;coming&rdquo; on this site are not part of the service until they ship.
        </p>

        <h2>Accounts</h2>
        <ul>
          <li>Give a working email address and keep your credentials and second factors to yourself.</li>
          <li>You are responsible for what happens under your account and the API keys you create; revoke a key you suspect is exposed.</li>
          <li>Tell us at once through the <a href="/contact?topic=security">contact form</a> if you believe your account was compromised.</li>
        </ul>

        <h2>Plans and payment</h2>
        <p>
          Each tenant is on one of the plans on the <a href="/pricing">pricing page</a>. A plan is billed monthly; changing plans bills the new plan for
          the current month. A plan&apos;s cap counts the distinct people who signed in during the calendar month. Prices exclude taxes where taxes
          apply.
        </p>

        <h2>Acceptable use</h2>
        <p>Do not use Plinto or this website to:</p>
        <ul>
          <li>break the law, or hold data you have no right to hold;</li>
          <li>send mail to people who did not ask for it, or use the mail Plinto sends to deceive;</li>
          <li>probe, overload or break the security of a Plinto you do not run, except under a coordinated disclosure with us;</li>
          <li>get around rate limits, plan caps or another tenant&apos;s isolation.</li>
        </ul>

        <h2>Your data</h2>
        <p>
          Your data and your users&apos; data stay yours. Where we process personal data for you, the <a href="/legal/dpa">data processing
          addendum</a> is part of these terms.
        </p>

        <h2>Availability and changes</h2>
        <p>
          We work to keep the service available and tell you in advance about changes that take something away. Commitments a plan names (such as
          an uptime commitment) apply as that plan describes them.
        </p>

        <h2>Liability</h2>
        <p>
          The software is provided as it is, to the extent the law allows. Neither side is liable for indirect or consequential loss. Nothing in these
          terms limits liability that the law does not allow to be limited.
        </p>

        <h2>Ending</h2>
        <p>
          You can stop at any time: move your tenants to the Free plan, or ask us through the contact form to delete your account. We may suspend an account that breaks these terms,
          and will tell you why. Before a tenant is deleted you can export its audit log and read its users through the management API.
        </p>

        <h2>Changes to these terms</h2>
        <p>We date every change at the top of this page and give notice of material changes before they apply.</p>
      </Prose>
    </>
  );
}
