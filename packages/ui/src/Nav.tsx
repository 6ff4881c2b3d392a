import type { ReactNode } from "react";
import { cn } from "./cn";

export interface NavItem {
  href: string;
  label: ReactNode;
  /** Force the current-page marker on or off; by default an item is current when `href === currentPath`. */
  current?: boolean;
  /** Nested links, e.g. the sections of a docs page. */
  items?: NavItem[];
}

export interface NavProps {
  /** The landmark's name, e.g. "Main" or "Documentation"; must differ between navs on one page. */
  label: string;
  items: NavItem[];
  /** The path of the page being shown, used to mark its link with `aria-current="page"`. */
  currentPath?: string;
  orientation?: "horizontal" | "vertical";
  className?: string;
}

function isCurrent(item: NavItem, currentPath: string | undefined): boolean {
  if (item.current !== undefined) return item.current;
  return currentPath !== undefined && item.href === currentPath;
}

function NavList({ items, currentPath, orientation, nested }: { items: NavItem[]; currentPath?: string; orientation: "horizontal" | "vertical"; nested?: boolean }) {
  const horizontal = orientation === "horizontal" && !nested;
  return (
    <ul className={cn(horizontal ? "flex flex-wrap items-center gap-1" : "space-y-1", nested && "mt-1 ml-3 border-l border-line pl-3")}>
      {items.map((item) => {
        const current = isCurrent(item, currentPath);
        return (
          <li key={item.href}>
            <a
              href={item.href}
              aria-current={current ? "page" : undefined}
              className={cn(
                "block rounded-md px-3 py-2 text-sm font-medium transition-colors hover:bg-brand-50 hover:text-brand-800",
                nested && "py-1.5 font-normal",
                current ? "bg-brand-50 font-semibold text-brand-800" : "text-muted",
                current && horizontal && "underline decoration-2 underline-offset-8",
              )}
            >
              {item.label}
            </a>
            {item.items && item.items.length > 0 ? (
              <NavList items={item.items} currentPath={currentPath} orientation={orientation} nested />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** A navigation landmark: a labelled list of links with the current page marked for everyone. */
export function Nav({ label, items, currentPath, orientation = "horizontal", className }: NavProps) {
  return (
    <nav aria-label={label} className={className}>
      <NavList items={items} currentPath={currentPath} orientation={orientation} />
    </nav>
  );
}
