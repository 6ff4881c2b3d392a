import { ogContentType, ogImage, ogSize } from "~/lib/og";

export const alt = "Plinto — Cookie policy";
export const size = ogSize;
export const contentType = ogContentType;

export default function Image() {
  return ogImage({ kicker: "Legal", title: "Cookie policy", subtitle: "One cookie, set only after you answer the banner." });
}
