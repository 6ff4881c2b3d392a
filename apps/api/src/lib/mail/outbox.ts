import { newId, type Executor } from "@plinto/db";
import { mailOutbox } from "@plinto/db/schema";
import type { MailMessage } from "./message";

let lastMs = 0;

/**
 * A mail id and its moment, strictly increasing within this process: two mails in the same
 * millisecond get consecutive milliseconds, so "newest first" is the order they were sent in
 * (the database clock is no help there: PGlite's ticks are coarser than a send).
 */
export function nextMail(): { id: string; at: Date } {
  const now = Date.now();
  lastMs = now > lastMs ? now : lastMs + 1;
  return { id: newId("mail", lastMs), at: new Date(lastMs) };
}

/** Keeps the mail in the development outbox (`mail_outbox`) instead of sending it. */
export async function writeToOutbox(db: Executor, mail: { id: string; at: Date }, message: MailMessage): Promise<void> {
  await db.insert(mailOutbox).values({
    id: mail.id,
    tenantId: message.tenantId,
    toAddress: message.to,
    subject: message.subject,
    textBody: message.text,
    htmlBody: message.html ?? null,
    kind: message.kind,
    createdAt: mail.at,
  });
}
