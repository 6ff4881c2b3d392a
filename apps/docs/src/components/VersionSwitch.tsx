"use client";

import { usePathname } from "next/navigation";
import { cn } from "@plinto/ui";
import { versions, type Version } from "~/lib/versions";

/**
 * Links to the page being read in each version (the version is the URL's second segment). A page
 * that one version does not have (an unreleased one) links to that version's overview instead.
 * Plain links: it works without JavaScript.
 */
export function VersionSwitch({ current, paths }: { current: Version; paths: Record<Version, string[]> }) {
  const pathname = usePathname();
  const rest = pathname.split("/").slice(3).join("/");
  return (
    <nav aria-label="Version" className="space-y-1.5">
      <p className="text-xs font-semibold tracking-wide text-muted uppercase">Version</p>
      <ul className="flex gap-1">
        {versions.map((v) => {
          const exists = rest === "" || paths[v.id].some((p) => rest === p || rest.startsWith(`${p}/`) || (p !== "" && rest.startsWith(`${p}#`)));
          const href = exists && rest !== "" ? `/docs/${v.id}/${rest}` : `/docs/${v.id}`;
          const active = v.id === current;
          return (
            <li key={v.id}>
              <a
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "block rounded-md border px-3 py-1.5 text-sm font-medium",
                  active ? "border-brand-600 bg-brand-50 text-brand-800" : "border-line text-muted hover:bg-brand-50 hover:text-brand-800",
                )}
              >
                {v.label} <span className="text-xs font-normal">({v.description})</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
