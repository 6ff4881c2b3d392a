import { ogContentType, ogImage, ogSize } from "~/lib/og";

export const alt = "Plinto — Data processing addendum";
export const size = ogSize;
export const contentType = ogContentType;

export default function Image() {
  return ogImage({ kicker: "Legal", title: "Data processing addendum", subtitle: "How we process personal data when we run Plinto on your behalf." });
}
