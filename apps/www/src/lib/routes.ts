import { products } from "~/content/products";

/**
 * Every page of the website, in one list: the sitemap is made from it and the footer links to it,
 * so a page added here is found by search engines and by people alike.
 */
export interface SitePage {
  path: string;
  label: string;
  group: "Product" | "Company" | "Legal";
  priority: number;
  changeFrequency: "weekly" | "monthly" | "yearly";
}

export const legalPages: SitePage[] = [
  { path: "/legal/privacy", label: "Privacy policy", group: "Legal", priority: 0.3, changeFrequency: "yearly" },
  { path: "/legal/terms", label: "Terms of service", group: "Legal", priority: 0.3, changeFrequency: "yearly" },
  { path: "/legal/dpa", label: "Data processing addendum", group: "Legal", priority: 0.3, changeFrequency: "yearly" },
  { path: "/legal/cookies", label: "Cookie policy", group: "Legal", priority: 0.3, changeFrequency: "yearly" },
];

export const sitePages: SitePage[] = [
  { path: "/", label: "Home", group: "Company", priority: 1, changeFrequency: "weekly" },
  { path: "/product", label: "All products", group: "Product", priority: 0.8, changeFrequency: "monthly" },
  ...products.map(
    (p): SitePage => ({ path: `/product/${p.slug}`, label: p.name, group: "Product", priority: 0.8, changeFrequency: "monthly" }),
  ),
  { path: "/pricing", label: "Pricing", group: "Company", priority: 0.9, changeFrequency: "monthly" },
  { path: "/security", label: "Security", group: "Company", priority: 0.7, changeFrequency: "monthly" },
  { path: "/changelog", label: "Changelog", group: "Company", priority: 0.6, changeFrequency: "weekly" },
  { path: "/contact", label: "Contact", group: "Company", priority: 0.5, changeFrequency: "yearly" },
  { path: "/legal", label: "Legal", group: "Legal", priority: 0.3, changeFrequency: "yearly" },
  ...legalPages,
];
