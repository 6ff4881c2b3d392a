/**
 * What Plinto writes to people, per flow. Plain text first (it is what every client shows); each
 * message says what happened, what to do, and what to do if it was not them. Links point at the
 * tenant's hosted pages.
 */
export interface MailContent {
  kind: string;
  subject: string;
  text: string;
}

interface Where {
  tenantName: string;
  /** `{API_URL}/t/{tenant}`: the tenant's hosted pages live under it. */
  baseUrl: string;
}

const footer = (where: Where) =>
  `\n\n— ${where.tenantName}\nIf you did not ask for this, you can ignore this message; nothing changes without you.`;

export function verifyEmailMessage(where: Where, proof: { token: string; code: string }): MailContent {
  return {
    kind: "verify-email",
    subject: `Your ${where.tenantName} confirmation code: ${proof.code}`,
    text:
      `Confirm your email address to finish creating your ${where.tenantName} account.\n\n` +
      `Your code is ${proof.code}. Or open this link:\n${where.baseUrl}/verify?token=${proof.token}\n\n` +
      `The code works once and expires in 24 hours.` +
      footer(where),
  };
}

export function accountExistsMessage(where: Where): MailContent {
  return {
    kind: "account-exists",
    subject: `You already have a ${where.tenantName} account`,
    text:
      `Someone tried to sign up for ${where.tenantName} with this email address, but it already has an account.\n\n` +
      `Sign in: ${where.baseUrl}/sign-in\nForgot your password? ${where.baseUrl}/forgot-password` +
      footer(where),
  };
}

export function resetPasswordMessage(where: Where, proof: { token: string }): MailContent {
  return {
    kind: "reset-password",
    subject: `Reset your ${where.tenantName} password`,
    text:
      `Open this link to choose a new password:\n${where.baseUrl}/reset-password?token=${proof.token}\n\n` +
      `It works once and expires in 30 minutes. Choosing a new password signs you out everywhere.` +
      footer(where),
  };
}

export function noAccountMessage(where: Where, what: "reset your password" | "sign in"): MailContent {
  return {
    kind: "no-account",
    subject: `About your request to ${what} at ${where.tenantName}`,
    text:
      `Someone asked to ${what} at ${where.tenantName} with this email address, but there is no account for it.\n\n` +
      `If it was you, you may have signed up with another address. To create an account: ${where.baseUrl}/sign-up` +
      footer(where),
  };
}

export function emailSignInMessage(where: Where, proof: { token: string; code: string }): MailContent {
  return {
    kind: "email-sign-in",
    subject: `Your ${where.tenantName} sign-in code: ${proof.code}`,
    text:
      `Your sign-in code is ${proof.code}. Or open this link to sign in:\n${where.baseUrl}/magic-link?token=${proof.token}\n\n` +
      `It works once and expires in 15 minutes.` +
      footer(where),
  };
}

export function signInPausedMessage(where: Where, minutes: number): MailContent {
  return {
    kind: "sign-in-paused",
    subject: `Password sign-in to your ${where.tenantName} account is paused`,
    text:
      `There have been many wrong passwords for your ${where.tenantName} account, so password sign-in is paused ` +
      `for about ${minutes} minutes. Your password has not been changed.\n\n` +
      `You can still sign in with a link sent to this address (${where.baseUrl}/sign-in), or choose a new password: ` +
      `${where.baseUrl}/forgot-password` +
      `\n\n— ${where.tenantName}`,
  };
}
