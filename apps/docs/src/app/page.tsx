import { ButtonLink, Card, CardDescription, CardTitle } from "@plinto/ui";
import type { Metadata } from "next";
import { urlOf } from "~/env";
import { pagesOf } from "~/lib/content";
import { pageHref } from "~/lib/versions";

export const metadata: Metadata = {
  // The layout's title template only applies to nested segments, not to the page beside it.
  title: { absolute: "Plinto Docs" },
  description: "Run Plinto in five minutes, learn its concepts, use its SDKs, and call its API from the reference and the playground.",
};

const link = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900";

export default function Home() {
  const pages = pagesOf("v1");
  const api = urlOf("api");
  const cards = [
    { href: "/docs/v1/getting-started", title: "Get started in five minutes", text: "Run Plinto with npm start, register an application and sign a user in with openid-client." },
    { href: "/docs/v1/concepts/tenants", title: "Concepts", text: "Tenants, applications, tokens and sessions, organizations and roles, MFA and passkeys, rate limits, errors." },
    { href: "/docs/v1/sdks/sdk", title: "SDKs", text: "PlintoClient for the management API, browser sign-in, token verification; @plinto/auth for Next.js sites." },
    { href: "/docs/v1/reference", title: "API reference", text: "Every operation, generated from the OpenAPI document the API serves." },
    { href: "/docs/v1/playground", title: "Playground", text: "Send real requests to your API from the browser." },
    { href: "/docs/v1/guides/migrate-bcrypt-users", title: "Migrate users", text: "Bring users and their bcrypt password hashes from another system." },
  ];
  return (
    <div className="mx-auto max-w-6xl space-y-10 px-4 py-12 sm:px-6">
      <header className="max-w-3xl">
        <p className="text-sm font-semibold text-brand-700">Documentation</p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight sm:text-4xl">Plinto documentation</h1>
        <p className="mt-4 text-lg text-muted">
          Plinto is an identity platform you run yourself: sign-up, sign-in, MFA, passkeys, organizations and enterprise SSO, with every
          tenant a standard OpenID Provider. This installation&apos;s API is at{" "}
          <a className={link} href={api}>
            {api}
          </a>
          .
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          <ButtonLink href="/docs/v1/getting-started">Get started</ButtonLink>
          <ButtonLink href="/docs/v1" variant="secondary">
            Browse the docs
          </ButtonLink>
        </div>
      </header>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {cards.map((card) => (
          <li key={card.href}>
            <Card>
              <CardTitle level={2}>
                <a className={link} href={card.href}>
                  {card.title}
                </a>
              </CardTitle>
              <CardDescription>{card.text}</CardDescription>
            </Card>
          </li>
        ))}
      </ul>
      <section aria-labelledby="all-pages" className="space-y-3">
        <h2 id="all-pages" className="text-xl font-bold tracking-tight">
          Every page of v1
        </h2>
        <ul className="columns-1 gap-8 text-sm sm:columns-2 lg:columns-3">
          {pages.map((page) => (
            <li key={page.slug} className="mb-2">
              <a className={link} href={pageHref("v1", page.slug)}>
                {page.title}
              </a>{" "}
              <span className="text-muted">· {page.section}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
