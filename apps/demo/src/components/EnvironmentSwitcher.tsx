"use client";

import { Button, Select } from "@plinto/ui";
import { usePathname } from "next/navigation";
import { switchEnvironmentAction } from "~/app/actions";

export interface EnvironmentOption {
  name: string;
  label: string;
  apiUrl: string;
}

/**
 * The environment the flows run against (local, staging, production), remembered in a cookie. A
 * plain form posting to a server action: it works without script, and a client component only to
 * know the page to come back to.
 */
export function EnvironmentSwitcher({ options, current }: { options: EnvironmentOption[]; current: string }) {
  const pathname = usePathname();
  return (
    <form action={switchEnvironmentAction} className="flex items-center gap-2" data-testid="environment-switcher">
      <input type="hidden" name="returnTo" value={pathname} />
      <label htmlFor="environment" className="text-sm font-medium text-ink">
        Environment
      </label>
      <div className="w-60">
        <Select id="environment" name="environment" defaultValue={current}>
          {options.map((option) => (
            <option key={option.name} value={option.name}>
              {option.label} ({option.apiUrl.replace(/^https?:\/\//, "")})
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" size="sm" variant="secondary">
        Switch
      </Button>
    </form>
  );
}
