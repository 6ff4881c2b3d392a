import type { NotificationCategory } from "@plinto/db/schema";

/** Each kind of notification and its category (security notices are always mailed). */
export const NOTIFICATION_KINDS = {
  new_sign_in: "security",
  password_changed: "security",
  email_changed: "security",
  factor_added: "security",
  factor_removed: "security",
  passkey_added: "security",
  passkey_removed: "security",
  invitation_received: "organization_activity",
  organization_role_changed: "organization_activity",
} as const satisfies Record<string, NotificationCategory>;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

/** Categories a user can switch mail off for, and what each is when they never chose. */
export const OPTIONAL_CATEGORIES = { organization_activity: true, product_updates: false } as const;
export type OptionalCategory = keyof typeof OPTIONAL_CATEGORIES;

