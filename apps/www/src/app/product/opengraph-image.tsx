import { ogContentType, ogImage, ogSize } from "~/lib/og";

export const alt = "Plinto — One identity service for every app you build";
export const size = ogSize;
export const contentType = ogContentType;

export default function Image() {
  return ogImage({ kicker: "Product", title: "One identity service for every app you build", subtitle: "Authentication, MFA and passkeys, organizations and audit logs today; enterprise SSO and SCIM coming." });
}
