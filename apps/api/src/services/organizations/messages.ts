import type { MailContent } from "../auth/messages";

interface Where {
  tenantName: string;
  /** `{API_URL}/t/{tenant}`: the tenant's hosted pages live under it. */
  baseUrl: string;
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/** The mail that carries an invitation's link; the link is the only place its token appears. */
export function invitationMessage(where: Where, invitation: { organizationName: string; role: string; token: string; expiresAt: Date }): MailContent {
  return {
    kind: "organization-invitation",
    subject: `You are invited to join ${invitation.organizationName} on ${where.tenantName}`,
    text:
      `You are invited to join ${invitation.organizationName} on ${where.tenantName} as ${invitation.role}.\n\n` +
      `Open this link to accept or decline:\n${where.baseUrl}/invitation?token=${invitation.token}\n\n` +
      `Sign in (or create an account) with this email address first. The link works until ${day(invitation.expiresAt)}.` +
      `\n\n— ${where.tenantName}\nIf you did not expect this, you can ignore this message; nothing happens unless you accept.`,
  };
}
