import { Alert, ButtonLink, Card, CardDescription, CardTitle } from "@plinto/ui";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader, StatusBadge } from "~/components/PageHeader";
import { TrackedCta } from "~/components/TrackedCta";
import { productBySlug, products } from "~/content/products";
import { signUpUrl, urlOf } from "~/env";
import { pageMetadata } from "~/lib/metadata";

interface Props {
  params: Promise<{ slug: string }>;
}

export const dynamicParams = false;

export function generateStaticParams() {
  return products.map((p) => ({ slug: p.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = productBySlug((await params).slug);
  if (!product) return {};
  return pageMetadata({ title: product.name, description: product.summary, path: `/product/${product.slug}` });
}

export default async function ProductPage({ params }: Props) {
  const product = productBySlug((await params).slug);
  if (!product) notFound();
  const coming = product.status === "coming";
  return (
    <>
      <PageHeader kicker={product.name} title={product.headline} intro={product.summary} badge={<StatusBadge coming={coming} />}>
        <div className="mt-8 flex flex-wrap gap-3">
          {coming ? (
            <ButtonLink href="/changelog" size="lg">
              Follow the changelog
            </ButtonLink>
          ) : (
            <TrackedCta cta="product" href={signUpUrl()} size="lg">
              Create your account
            </TrackedCta>
          )}
          <ButtonLink href={urlOf("docs")} size="lg" variant="secondary">
            Read the docs
          </ButtonLink>
        </div>
      </PageHeader>
      <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
        {coming ? (
          <Alert variant="warning" role="note" title="Not available yet" className="mb-8">
            {product.name} is on Plinto&apos;s roadmap and is not in the product today. This page says what exists and what does not.
          </Alert>
        ) : null}
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {product.sections.map((s) => (
            <Card as="li" key={s.title}>
              <CardTitle level={2}>{s.title}</CardTitle>
              <CardDescription className="mt-2 text-base">{s.body}</CardDescription>
            </Card>
          ))}
        </ul>
        <section aria-labelledby="standards-title" className="mt-12">
          <h2 id="standards-title" className="text-xl font-bold">
            Standards
          </h2>
          <ul className="mt-3 flex flex-wrap gap-2">
            {product.standards.map((s) => (
              <li key={s} className="rounded-full border border-line bg-surface px-3 py-1 text-sm text-muted">
                {s}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
