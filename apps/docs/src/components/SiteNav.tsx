"use client";

import { Nav, type NavItem } from "@plinto/ui";
import { usePathname } from "next/navigation";

/** The header navigation; a client component only to know the current path for `aria-current`. */
export function SiteNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return <Nav label="Main" items={items} currentPath={pathname} />;
}
