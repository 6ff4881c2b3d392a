/**
 * What the sign-in page says after another page sent someone there (`?notice=`). Only these fixed
 * texts are ever shown: nothing from the URL is echoed.
 */
export const notices = {
  "signed-out": "You have signed out.",
  "email-verified": "Your email address is confirmed. Sign in to continue.",
  "deletion-cancelled": "Your account will not be deleted. Sign in to continue.",
  "email-changed": "Your account now uses its new email address. Sign in with it to continue.",
  "password-reset": "Your new password is set, and every earlier session of your account has ended. Sign in with your new password.",
} as const;

export type Notice = keyof typeof notices;

export function noticeText(value: unknown): string | undefined {
  return typeof value === "string" && Object.hasOwn(notices, value) ? notices[value as Notice] : undefined;
}
