import { ogContentType, ogImage, ogSize } from "~/lib/og";

export const alt = "Plinto — Terms of service";
export const size = ogSize;
export const contentType = ogContentType;

export default function Image() {
  return ogImage({ kicker: "Legal", title: "Terms of service", subtitle: "The terms for this website and the Plinto software and services." });
}
