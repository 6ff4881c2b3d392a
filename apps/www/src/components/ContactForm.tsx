"use client";

import { Alert, Button, Field, Input, Select, Textarea } from "@plinto/ui";
import { useEffect, useState, type FormEvent } from "react";
import { CONTACT_TOPICS, contactErrors, contactMessageSchema, type ContactField, type ContactTopic } from "~/lib/contact";

type Outcome = { kind: "sent"; id: string } | { kind: "failed"; message: string } | null;

/**
 * The contact form. It is an ordinary form posting to /api/contact, so it works without JavaScript;
 * with JavaScript it is checked with the same schema first, sent as JSON, and keeps what was typed
 * when something is wrong.
 */
export function ContactForm({ initialTopic, initialOutcome }: { initialTopic?: ContactTopic; initialOutcome?: Outcome }) {
  const [errors, setErrors] = useState<Partial<Record<ContactField, string>>>({});
  const [outcome, setOutcome] = useState<Outcome>(initialOutcome ?? null);
  const [busy, setBusy] = useState(false);
  // Without JavaScript the browser's own checks stop an incomplete form; once this script runs, it
  // checks with the schema instead and says what is wrong under each field.
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = Object.fromEntries(new FormData(form));
    const parsed = contactMessageSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(contactErrors(parsed.error.issues));
      setOutcome(null);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const response = await fetch("/api/contact", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(input),
      });
      const body = (await response.json().catch(() => null)) as { id?: string; detail?: string; errors?: { path: string; message: string }[] } | null;
      if (response.status === 201 && body?.id) {
        form.reset();
        setOutcome({ kind: "sent", id: body.id });
      } else if (body?.errors) {
        setErrors(contactErrors(body.errors.map((e) => ({ path: [e.path], message: e.message }))));
        setOutcome({ kind: "failed", message: body.detail ?? "Some fields need another look." });
      } else {
        setOutcome({ kind: "failed", message: body?.detail ?? `Your message was not sent (HTTP ${response.status}). Please try again.` });
      }
    } catch {
      setOutcome({ kind: "failed", message: "Your message was not sent: the site could not be reached. Please try again." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form id="contact-form" action="/api/contact" method="post" noValidate={scripted} onSubmit={onSubmit} className="scroll-mt-4 space-y-5">
      {outcome?.kind === "sent" ? (
        <Alert variant="success" title="Thank you — your message is in our outbox">
          Its reference is <code className="font-mono">{outcome.id}</code>.
        </Alert>
      ) : null}
      {outcome?.kind === "failed" ? (
        <Alert variant="danger" title="Your message was not sent">
          {outcome.message}
        </Alert>
      ) : null}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Your name" required error={errors.name}>
          <Input name="name" autoComplete="name" maxLength={120} />
        </Field>
        <Field label="Email address" required error={errors.email} hint="We answer here, and use it for nothing else.">
          <Input name="email" type="email" autoComplete="email" maxLength={254} />
        </Field>
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Company" hint="Optional." error={errors.company}>
          <Input name="company" autoComplete="organization" maxLength={120} />
        </Field>
        <Field label="What is it about?" required error={errors.topic}>
          <Select name="topic" defaultValue={initialTopic ?? "sales"}>
            {(Object.keys(CONTACT_TOPICS) as ContactTopic[]).map((key) => (
              <option key={key} value={key}>
                {CONTACT_TOPICS[key]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Message" required error={errors.message} hint="At least 10 characters.">
        <Textarea name="message" rows={6} maxLength={5000} />
      </Field>
      <Button type="submit" size="lg" disabled={busy}>
        {busy ? "Sending…" : "Send message"}
      </Button>
    </form>
  );
}
