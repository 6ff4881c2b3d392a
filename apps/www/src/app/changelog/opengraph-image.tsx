import { changelog } from "~/content/changelog";
import { ogContentType, ogImage, ogSize } from "~/lib/og";

export const alt = "Plinto changelog";
export const size = ogSize;
export const contentType = ogContentType;

export default function Image() {
  const latest = changelog[0];
  return ogImage({ kicker: "Changelog", title: "What has shipped", subtitle: latest ? `Latest: ${latest.title}` : "Newest first." });
}
