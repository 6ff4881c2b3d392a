/** The changes the user page offers, each behind a confirmation step, in the words the admin reads. */
export const USER_ACTIONS = {
  block: {
    label: "Block",
    question: "Block this user?",
    consequence: "They cannot sign in, and every session and token they hold ends now. You can unblock them later.",
    done: "The user is blocked and signed out everywhere.",
    danger: true,
  },
  unblock: {
    label: "Unblock",
    question: "Unblock this user?",
    consequence: "They can sign in again with their existing credentials.",
    done: "The user is active again.",
    danger: false,
  },
  unlock: {
    label: "Unlock sign-in",
    question: "Unlock this user's sign-in?",
    consequence: "Their failed-attempt counts are cleared, so they can sign in again at once. Do this once you know the failed attempts were their own; the failures stay in the audit log.",
    done: "Sign-in is unlocked: the user can sign in again now.",
    danger: false,
  },
  delete: {
    label: "Delete user",
    question: "Delete this user?",
    consequence: "Their profile, credentials, sessions and memberships are deleted for good. The audit log keeps only the fact.",
    done: "The user was deleted.",
    danger: true,
  },
  "verify-email": {
    label: "Mark email verified",
    question: "Mark this email address as verified?",
    consequence: "Only when you know the person controls the address, for instance you confirmed it with them another way.",
    done: "The email address is marked verified.",
    danger: false,
  },
  "password-reset": {
    label: "Send password reset",
    question: "Send a password reset?",
    consequence: "The user gets a mail with a single-use link to choose a new password, valid for 30 minutes. You never see the link.",
    done: "A password reset link is on its way to the user.",
    danger: false,
  },
  "reset-factors": {
    label: "Reset second factors",
    question: "Reset this user's second factors?",
    consequence: "Their authenticator apps and recovery codes are removed, every session ends, and they are told by mail. Passkeys stay.",
    done: "The second factors were reset.",
    danger: true,
  },
  "revoke-sessions": {
    label: "Sign out everywhere",
    question: "End every session of this user?",
    consequence: "They are signed out on every device, and tokens issued to apps for them stop working.",
    done: "Every session of the user ended.",
    danger: true,
  },
  "revoke-session": {
    label: "End session",
    question: "End this session?",
    consequence: "The user is signed out on that device, and the refresh tokens issued under it stop working.",
    done: "The session ended.",
    danger: true,
  },
} as const;

export type UserActionName = keyof typeof USER_ACTIONS;

export const isUserAction = (value: string | undefined): value is UserActionName => value !== undefined && Object.hasOwn(USER_ACTIONS, value);

/** Why an action failed, from the API's error code. */
export function failureText(reason: string | undefined): string {
  switch (reason) {
    case "read_only": return "Your role in this tenant lets you see users but not change them.";
    case "forbidden": return "The API refused: your role in this tenant does not allow this change.";
    case "signed_out": return "Your session has ended; sign in again.";
    case "not_found": return "The user or session no longer exists.";
    case "conflict": return "The user's state does not allow this now (a blocked user gets no password reset, for instance).";
    case "rate_limited": return "Too many mails went to this address lately; try again later.";
    case "unreachable": return "The API could not be reached.";
    default: return "The API refused the change.";
  }
}
