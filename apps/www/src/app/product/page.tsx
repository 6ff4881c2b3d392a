import { Card, CardDescription, CardTitle } from "@plinto/ui";
import type { Metadata } from "next";
import { PageHeader, StatusBadge } from "~/components/PageHeader";
import { products } from "~/content/products";
import { pageMetadata } from "~/lib/metadata";

export const metadata: Metadata = pageMetadata({
  title: "Product",
  description: "What Plinto does: authentication, MFA and passkeys, organizations and audit logs today; enterprise SSO and SCIM coming.",
  path: "/product",
});

export default function ProductsPage() {
  return (
    <>
      <PageHeader
        kicker="Product"
        title="One identity service for every app you build"
        intro="Four parts are in Plinto today; two are on the way and marked as such."
      />
      <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {products.map((p) => (
            <Card as="li" key={p.slug}>
              <div className="flex items-center justify-between gap-3">
                <CardTitle level={2}>
                  <a className="hover:underline" href={`/product/${p.slug}`}>
                    {p.name}
                  </a>
                </CardTitle>
                <StatusBadge coming={p.status === "coming"} />
              </div>
              <CardDescription className="mt-2">{p.summary}</CardDescription>
            </Card>
          ))}
        </ul>
      </div>
    </>
  );
}
