import { ogContentType, ogImage, ogSize } from "~/lib/og";

export const alt = "Plinto security";
export const size = ogSize;
export const contentType = ogContentType;

export default function Image() {
  return ogImage({
    kicker: "Security",
    title: "Security is the product",
    subtitle: "argon2id, NIST password rules, PKCE, rotating refresh tokens, encrypted secrets and a hash-chained audit log.",
  });
}
