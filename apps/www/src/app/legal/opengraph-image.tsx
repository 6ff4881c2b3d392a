import { ogContentType, ogImage, ogSize } from "~/lib/og";

export const alt = "Plinto legal documents";
export const size = ogSize;
export const contentType = ogContentType;

export default function Image() {
  return ogImage({ kicker: "Legal", title: "Privacy, terms, data processing and cookies", subtitle: "Written to be read." });
}
