import type { MailContent } from "../auth/messages";

/**
 * The mail a notification carries, written from its kind and data when it is sent. Kinds whose
 * service already mails about the change are never marked for mail, and fall back to the
 * notification's own title and body.
 */
interface Where {
  tenantName: string;
  /** `{API_URL}/t/{tenant}`. */
  baseUrl: string;
}

const signature = (where: Where) => `\n\n— ${where.tenantName}`;

export function notificationMail(kind: string, data: { title: string; body: string } & Record<string, unknown>, where: Where): MailContent {
  const text = (value: unknown) => (typeof value === "string" ? value : "unknown");
  switch (kind) {
    case "new_sign_in":
      return {
        kind: "new-sign-in",
        subject: `New sign-in to your ${where.tenantName} account`,
        text:
          `Your ${where.tenantName} account was signed in to from a device or place we have not seen recently.\n\n` +
          `When: ${text(data.at)}\nDevice: ${text(data.userAgent)}\nIP address: ${text(data.ipAddress)}\n\n` +
          `If this was you, there is nothing to do. If it was not, choose a new password now, which also signs out every ` +
          `session: ${where.baseUrl}/forgot-password` +
          signature(where),
      };
    case "organization_role_changed":
      return {
        kind: "organization-role-changed",
        subject: `Your role in ${text(data.organizationName)} changed`,
        text: `${data.body}\n\nYou get this mail because organization activity is switched on in your account's mail preferences.` + signature(where),
      };
    default:
      return { kind: kind.replaceAll("_", "-"), subject: data.title, text: data.body + signature(where) };
  }
}
