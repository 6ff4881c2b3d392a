import { ogContentType, ogImage, ogSize } from "~/lib/og";
import { planViews } from "~/lib/pricing";

export const alt = "Plinto pricing: the plans and their monthly prices";
export const size = ogSize;
export const contentType = ogContentType;

export default function Image() {
  return ogImage({
    kicker: "Pricing",
    title: "A plan per tenant, priced by the people who sign in",
    subtitle: planViews()
      .map((p) => `${p.name} ${p.price}/month`)
      .join(" · "),
  });
}
