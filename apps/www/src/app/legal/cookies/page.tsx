import type { Metadata } from "next";
import { ConsentSettings } from "~/components/Consent";
import { LegalUpdated } from "~/components/LegalUpdated";
import { PageHeader, Prose } from "~/components/PageHeader";
import { CONSENT_COOKIE } from "~/lib/consent";
import { pageMetadata } from "~/lib/metadata";

export const metadata: Metadata = pageMetadata({
  title: "Cookie policy",
  description: "The one cookie this site sets, what happens when you accept or reject counting, and where to change your answer.",
  path: "/legal/cookies",
});

export default function CookiePolicyPage() {
  return (
    <>
      <PageHeader kicker="Legal" title="Cookie policy" intro={<LegalUpdated />} />
      <Prose>
        <section aria-labelledby="your-choice-title" className="rounded-card border border-line bg-surface p-6">
          <h2 id="your-choice-title" className="!mt-0">
            Your choice
          </h2>
          <p>Change your answer here at any time; it counts from the next click.</p>
          <div className="mt-4">
            <ConsentSettings />
          </div>
        </section>

        <h2>The one cookie</h2>
        <p>
          This website sets a single cookie, <code className="font-mono">{CONSENT_COOKIE}</code>, and only after you answer the banner. It holds
          your answer — <code className="font-mono">granted</code> or <code className="font-mono">denied</code> — so we do not ask on every page.
          It is first-party, sent only to this site, not readable by scripts, and expires after 180 days, when the banner asks again.
        </p>

        <h2>What accepting does</h2>
        <p>
          When you press a sign-up button, your browser tells this site&apos;s own server which button it was and on which page. The server stores
          that with the time. There is no identifier, no IP address and no user agent in what is stored, no other cookie, and no third party involved:
          this site loads no analytics, advertising or social media script.
        </p>

        <h2>What rejecting (or not answering) does</h2>
        <p>
          Nothing is sent and nothing is stored. The server checks this too: it refuses an event from a browser whose cookie does not say you
          accepted.
        </p>

        <h2>Other sites</h2>
        <p>
          Plinto&apos;s sign-in pages, documentation, admin dashboard and account portal are separate sites with their own cookies, which they need
          to sign you in and keep you signed in.
        </p>
      </Prose>
    </>
  );
}
