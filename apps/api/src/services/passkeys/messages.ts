import type { MailContent } from "../auth/messages";

/**
 * What Plinto tells an account's address when its passkeys change: a passkey is a way in, so its
 * owner hears about every one added or removed, with what to do if it was not them.
 */
interface Where {
  tenantName: string;
  /** `{API_URL}/t/{tenant}`. */
  baseUrl: string;
}

const when = (at: Date) => at.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");

export function passkeyAddedMessage(where: Where, passkey: { name: string; at: Date }): MailContent {
  return {
    kind: "passkey-added",
    subject: `A passkey was added to your ${where.tenantName} account`,
    text:
      `A passkey named "${passkey.name}" was added to your ${where.tenantName} account on ${when(passkey.at)}. ` +
      `It can now sign in to your account.\n\n` +
      `If this was not you, sign in at ${where.baseUrl}/sign-in, remove the passkey on the signed-in page, and choose a new ` +
      `password: ${where.baseUrl}/forgot-password` +
      `\n\n— ${where.tenantName}`,
  };
}

export function passkeyRemovedMessage(where: Where, passkey: { name: string; at: Date }): MailContent {
  return {
    kind: "passkey-removed",
    subject: `A passkey was removed from your ${where.tenantName} account`,
    text:
      `The passkey named "${passkey.name}" was removed from your ${where.tenantName} account on ${when(passkey.at)}. ` +
      `It can no longer sign in to your account.\n\n` +
      `If this was not you, someone else may be signed in to your account: choose a new password, which signs out ` +
      `every session: ${where.baseUrl}/forgot-password` +
      `\n\n— ${where.tenantName}`,
  };
}
