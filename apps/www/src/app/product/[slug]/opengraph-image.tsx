import { productBySlug, products } from "~/content/products";
import { ogContentType, ogImage, ogSize } from "~/lib/og";

export const alt = "Plinto product page";
export const size = ogSize;
export const contentType = ogContentType;

export function generateStaticParams() {
  return products.map((p) => ({ slug: p.slug }));
}

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const product = productBySlug((await params).slug);
  return ogImage({
    kicker: product ? `${product.name}${product.status === "coming" ? " · coming" : ""}` : "Product",
    title: product?.headline ?? "Plinto",
    subtitle: product?.summary ?? "Identity you run yourself.",
  });
}
