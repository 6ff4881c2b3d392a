import { Alert, Card, EmptyState } from "@plinto/ui";
import { PlintoApiError } from "@plinto/sdk";
import type { ReactNode } from "react";
import type { EnvironmentConfig } from "~/env";
import { latestMail } from "~/samples/outbox";

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;
const CODE_PATTERN = /^\d{6}$/;

/** A mail's text with its links as links (only to the environment's API) and six-digit codes marked. */
function MailText({ text, apiUrl }: { text: string; apiUrl: string }) {
  const parts: ReactNode[] = [];
  text.split(URL_PATTERN).forEach((part, i) => {
    if (i % 2 === 1) {
      const sameApi = part.startsWith(`${apiUrl}/`);
      parts.push(
        sameApi ? (
          <a key={i} href={part} className="break-all text-brand-700 underline">
            {part}
          </a>
        ) : (
          <span key={i} className="break-all">
            {part}
          </span>
        ),
      );
      return;
    }
    part.split(/(\b\d{6}\b)/).forEach((piece, j) => {
      parts.push(
        CODE_PATTERN.test(piece) ? (
          <strong key={`${i}-${j}`} className="font-mono text-base tracking-widest text-ink" data-testid="mail-code">
            {piece}
          </strong>
        ) : (
          piece
        ),
      );
    });
  });
  return <p className="text-sm whitespace-pre-wrap text-ink">{parts}</p>;
}

/**
 * The development outbox of the environment's API, read on the server through `@plinto/sdk`: the
 * mail the tenant would have sent (sign-in links, codes, confirmations), newest first. Only an
 * API in the embedded development mode has one.
 */
export async function Outbox({ environment }: { environment: EnvironmentConfig }) {
  let messages: Awaited<ReturnType<typeof latestMail>>;
  try {
    messages = await latestMail(environment.apiUrl, environment.tenant);
  } catch (error) {
    const unavailable = error instanceof PlintoApiError && error.status === 404;
    return (
      <Alert variant={unavailable ? "info" : "warning"} role="note" data-testid="outbox-unavailable">
        {unavailable
          ? "This API has no development outbox: it sends real mail (or runs on PostgreSQL rather than the embedded mode). Read the mail in the inbox it went to."
          : "The development outbox could not be read. Is the API running?"}
      </Alert>
    );
  }
  if (messages.length === 0) {
    return <EmptyState title="No mail yet" description="Mail the tenant sends (sign-in links, codes, confirmations) shows up here." />;
  }
  return (
    <ol className="space-y-3" data-testid="outbox">
      {messages.map((message) => (
        <Card as="li" key={message.id} className="space-y-2 p-4" data-testid="outbox-message">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="font-semibold text-ink">{message.subject}</p>
            <time dateTime={message.createdAt} className="text-xs text-muted">
              {new Date(message.createdAt).toISOString().replace(/\.\d{3}Z$/, "Z")}
            </time>
          </div>
          <p className="text-xs text-muted">
            To {message.to} · {message.kind}
          </p>
          <MailText text={message.text} apiUrl={environment.apiUrl} />
        </Card>
      ))}
    </ol>
  );
}
