import { ogContentType, ogImage, ogSize } from "~/lib/og";

export const alt = "Plinto — Privacy policy";
export const size = ogSize;
export const contentType = ogContentType;

export default function Image() {
  return ogImage({ kicker: "Legal", title: "Privacy policy", subtitle: "What we collect about you, why, for how long, and your rights." });
}
