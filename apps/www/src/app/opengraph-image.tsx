import { ogContentType, ogImage, ogSize } from "~/lib/og";

export const alt = "Plinto — sign-in, MFA, passkeys, organizations and audit logs you run yourself";
export const size = ogSize;
export const contentType = ogContentType;

export default function Image() {
  return ogImage({
    kicker: "Identity platform",
    title: "Sign-in, MFA and audit logs for your apps, on servers you run",
    subtitle: "Hosted sign-in, passkeys, organizations and an OpenID Provider per tenant — one command to start.",
  });
}
