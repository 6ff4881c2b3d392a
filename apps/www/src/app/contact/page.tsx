import { Alert } from "@plinto/ui";
import type { Metadata } from "next";
import { ContactForm } from "~/components/ContactForm";
import { PageHeader } from "~/components/PageHeader";
import { CONTACT_TOPICS, type ContactTopic } from "~/lib/contact";
import { pageMetadata } from "~/lib/metadata";

export const metadata: Metadata = pageMetadata({
  title: "Contact",
  description: "Write to the people behind Plinto about plans, running it, security reports or privacy requests.",
  path: "/contact",
});

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function ContactPage({ searchParams }: Props) {
  const query = await searchParams;
  const topic = one(query.topic);
  const sent = one(query.sent);
  const error = one(query.error);
  return (
    <>
      <PageHeader
        kicker="Contact"
        title="Write to us"
        intro="Questions about plans, help running Plinto, a security report or a privacy request: one form for all of them."
      />
      <div className="mx-auto grid max-w-6xl gap-10 px-4 py-12 sm:px-6 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-5">
          {error ? (
            <Alert variant="danger" title="Your message was not sent">
              {error === "too-large"
                ? "The message is longer than the form accepts (16 KB). Please shorten it."
                : "Some fields were missing or not valid: a name, an email address, a topic and a message of at least 10 characters are needed."}
            </Alert>
          ) : null}
          <ContactForm
            initialTopic={topic && topic in CONTACT_TOPICS ? (topic as ContactTopic) : undefined}
            initialOutcome={sent && /^msg_[0-9a-f-]{36}$/.test(sent) ? { kind: "sent", id: sent } : undefined}
          />
        </div>
        <aside aria-labelledby="where-title" className="text-sm text-muted">
          <h2 id="where-title" className="text-base font-semibold text-ink">
            Where your message goes
          </h2>
          <p className="mt-2">
            The form posts to this website&apos;s own endpoint, which checks it and appends it to an outbox file on the server that runs the site
            (<code className="font-mono text-ink">contact-outbox.jsonl</code> in the Plinto home folder). It is not emailed or passed to any other
            service; the people who run this site read it from there.
          </p>
          <p className="mt-2">
            We keep your name, email address, company, topic and message, and the time it arrived — not your IP address. See the{" "}
            <a className="font-medium text-brand-700 underline" href="/legal/privacy">
              privacy policy
            </a>
            .
          </p>
        </aside>
      </div>
    </>
  );
}
