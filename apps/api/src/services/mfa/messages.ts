import type { MailContent } from "../auth/messages";

/**
 * What Plinto tells an account's address when its second factors change or are used in an unusual
 * way: each message says what happened, when, and what to do if it was not them.
 */
interface Where {
  tenantName: string;
  /** `{API_URL}/t/{tenant}`. */
  baseUrl: string;
}

const when = (at: Date) => at.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");

const notYou = (where: Where) =>
  `If this was not you, someone else may know your password: choose a new one now, which also signs out every ` +
  `session: ${where.baseUrl}/forgot-password`;

const signature = (where: Where) => `\n\n— ${where.tenantName}`;

export function totpAddedMessage(where: Where, at: Date): MailContent {
  return {
    kind: "mfa-totp-added",
    subject: `Two-step verification is on for your ${where.tenantName} account`,
    text:
      `An authenticator app was set up for your ${where.tenantName} account on ${when(at)}. From now on, signing in ` +
      `asks for a code from it after your password.\n\nKeep your recovery codes somewhere safe: each signs you in ` +
      `once if you lose the app.\n\n` +
      notYou(where) +
      signature(where),
  };
}

export function totpRemovedMessage(where: Where, at: Date, stillProtected: boolean): MailContent {
  return {
    kind: "mfa-totp-removed",
    subject: `An authenticator app was removed from your ${where.tenantName} account`,
    text:
      `The authenticator app was removed from your ${where.tenantName} account on ${when(at)}. Its codes no longer ` +
      `sign you in.` +
      (stillProtected ? "" : ` Your account is now protected by your password alone; your recovery codes were removed too.`) +
      `\n\n` +
      notYou(where) +
      signature(where),
  };
}

export function recoveryCodesReplacedMessage(where: Where, at: Date): MailContent {
  return {
    kind: "mfa-recovery-codes-replaced",
    subject: `New recovery codes for your ${where.tenantName} account`,
    text:
      `New recovery codes were made for your ${where.tenantName} account on ${when(at)}. The earlier codes no ` +
      `longer work.\n\n` +
      notYou(where) +
      signature(where),
  };
}

export function recoveryCodeUsedMessage(where: Where, at: Date, remaining: number): MailContent {
  return {
    kind: "mfa-recovery-code-used",
    subject: `A recovery code was used to sign in to ${where.tenantName}`,
    text:
      `One of your recovery codes was used to sign in to your ${where.tenantName} account on ${when(at)}. ` +
      `${remaining === 0 ? "You have no recovery codes left" : `You have ${remaining} left`}; you can make new ones ` +
      `after signing in.\n\n` +
      notYou(where) +
      signature(where),
  };
}

export function factorsResetMessage(where: Where, at: Date): MailContent {
  return {
    kind: "mfa-factors-reset",
    subject: `Two-step verification was reset for your ${where.tenantName} account`,
    text:
      `An administrator of ${where.tenantName} removed the authenticator app and recovery codes of your account on ` +
      `${when(at)}, and signed you out everywhere. Sign in again: ${where.baseUrl}/sign-in; ` +
      `you may be asked to set up an authenticator app again.\n\n` +
      `If you did not ask for this, tell ${where.tenantName}'s support, and choose a new password: ` +
      `${where.baseUrl}/forgot-password` +
      signature(where),
  };
}

export function mfaEmailCodeMessage(where: Where, code: string): MailContent {
  return {
    kind: "mfa-email-code",
    subject: `Your ${where.tenantName} verification code: ${code}`,
    text:
      `Someone signed in to your ${where.tenantName} account with your password and asked for a code by email ` +
      `instead of one from your authenticator app.\n\nYour code is ${code}. It works once and expires in 10 minutes.\n\n` +
      `If this was not you, do not share the code: someone knows your password. Choose a new one: ` +
      `${where.baseUrl}/forgot-password` +
      signature(where),
  };
}
