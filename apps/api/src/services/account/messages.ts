import type { MailContent } from "../auth/messages";

/**
 * What Plinto writes about changes a signed-in user made to their own account. Notices about the
 * ways into an account go to the address on file whatever the user's mail preferences say: they
 * are how an owner learns that someone else is in their account.
 */
interface Where {
  tenantName: string;
  /** `{API_URL}/t/{tenant}`. */
  baseUrl: string;
}

const when = (at: Date) => at.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
const signature = (where: Where) => `\n\n— ${where.tenantName}`;
const notYou = (where: Where) =>
  `If this was not you, someone else may be in your account: choose a new password now, which also signs out every ` +
  `session: ${where.baseUrl}/forgot-password`;

export function confirmNewEmailMessage(where: Where, proof: { token: string; code: string }): MailContent {
  return {
    kind: "email-change-confirm",
    subject: `Confirm your new ${where.tenantName} email address: ${proof.code}`,
    text:
      `You asked to use this address for your ${where.tenantName} account.\n\n` +
      `Your code is ${proof.code}. Or open this link:\n${where.baseUrl}/confirm-email?token=${proof.token}\n\n` +
      `It works once and expires in 1 hour. Until you confirm, your account keeps its current address.` +
      `\n\nIf you did not ask for this, ignore this message; nothing changes.` +
      signature(where),
  };
}

export function emailChangeRequestedMessage(where: Where, change: { to: string; at: Date }): MailContent {
  return {
    kind: "email-change-requested",
    subject: `Someone asked to change the email address of your ${where.tenantName} account`,
    text:
      `On ${when(change.at)}, someone signed in to your ${where.tenantName} account asked to change its email address ` +
      `to ${change.to}. Nothing changes unless that address is confirmed within an hour.\n\n` +
      notYou(where) +
      signature(where),
  };
}

export function emailChangedMessage(where: Where, change: { to: string; at: Date }): MailContent {
  return {
    kind: "email-changed",
    subject: `The email address of your ${where.tenantName} account was changed`,
    text:
      `On ${when(change.at)}, the email address of your ${where.tenantName} account was changed to ${change.to}. ` +
      `This address no longer signs you in or receives its mail.\n\n` +
      `If this was not you, contact ${where.tenantName}'s support at once.` +
      signature(where),
  };
}

export function passwordChangedMessage(where: Where, change: { at: Date; signedOutOthers: boolean }): MailContent {
  return {
    kind: "password-changed",
    subject: `The password of your ${where.tenantName} account was changed`,
    text:
      `The password of your ${where.tenantName} account was changed on ${when(change.at)}` +
      (change.signedOutOthers ? `, and every other session was signed out.` : `.`) +
      `\n\nIf this was not you, choose a new password now: ${where.baseUrl}/forgot-password — and tell ` +
      `${where.tenantName}'s support.` +
      signature(where),
  };
}

export function deletionScheduledMessage(where: Where, deletion: { at: Date; token: string }): MailContent {
  return {
    kind: "account-deletion-scheduled",
    subject: `Your ${where.tenantName} account will be deleted on ${deletion.at.toISOString().slice(0, 10)}`,
    text:
      `You asked to delete your ${where.tenantName} account. It will be deleted, with everything it holds, on ${when(deletion.at)}.\n\n` +
      `Changed your mind? Open this link before then to keep your account:\n${where.baseUrl}/cancel-deletion?token=${deletion.token}\n\n` +
      `You can also cancel by signing in. If you did not ask for this, open the link now and choose a new password: ` +
      `${where.baseUrl}/forgot-password` +
      signature(where),
  };
}

export function deletionCancelledMessage(where: Where, at: Date): MailContent {
  return {
    kind: "account-deletion-cancelled",
    subject: `Your ${where.tenantName} account will not be deleted`,
    text: `The deletion of your ${where.tenantName} account was cancelled on ${when(at)}. Your account stays as it is.` + signature(where),
  };
}

export function accountDeletedMessage(where: Where, at: Date): MailContent {
  return {
    kind: "account-deleted",
    subject: `Your ${where.tenantName} account was deleted`,
    text: `As you asked, your ${where.tenantName} account and what it held were deleted on ${when(at)}.` + signature(where),
  };
}
