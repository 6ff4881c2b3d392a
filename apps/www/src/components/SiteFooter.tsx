import { legalPages, sitePages } from "~/lib/routes";

function Column({ title, links }: { title: string; links: { href: string; label: string }[] }) {
  const id = `footer-${title.toLowerCase()}`;
  return (
    <nav aria-labelledby={id}>
      <h2 id={id} className="text-sm font-semibold text-ink">
        {title}
      </h2>
      <ul className="mt-3 space-y-2">
        {links.map((link) => (
          <li key={link.href}>
            <a className="underline-offset-4 hover:text-ink hover:underline" href={link.href}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Every page's footer: the product pages, the company pages, the developer sites and all legal pages. */
export function SiteFooter({ docs, demo }: { docs: string; demo: string }) {
  const product = sitePages.filter((p) => p.group === "Product");
  const company = sitePages.filter((p) => p.group === "Company" && p.path !== "/");
  return (
    <div className="space-y-8">
      <div className="grid grid-cols-2 gap-8 md:grid-cols-4">
        <Column title="Product" links={product.map((p) => ({ href: p.path, label: p.label }))} />
        <Column title="Company" links={company.map((p) => ({ href: p.path, label: p.label }))} />
        <Column
          title="Developers"
          links={[
            { href: docs, label: "Documentation" },
            { href: demo, label: "Live demo" },
          ]}
        />
        <Column title="Legal" links={legalPages.map((p) => ({ href: p.path, label: p.label }))} />
      </div>
      <p>Plinto is an identity platform you run on your own servers. This site sets no cookie but the one that remembers your cookie choice.</p>
    </div>
  );
}
