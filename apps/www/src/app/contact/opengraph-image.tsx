import { ogContentType, ogImage, ogSize } from "~/lib/og";

export const alt = "Contact Plinto";
export const size = ogSize;
export const contentType = ogContentType;

export default function Image() {
  return ogImage({ kicker: "Contact", title: "Write to us", subtitle: "Plans, help running Plinto, security reports and privacy requests." });
}
