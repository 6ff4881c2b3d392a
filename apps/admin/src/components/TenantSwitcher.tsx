import { Button, Select } from "@plinto/ui";
import type { TenantContext } from "~/lib/tenant";

/** Which tenant the dashboard shows; a plain form, so it works without JavaScript. */
export function TenantSwitcher({ context }: { context: TenantContext }) {
  return (
    <form action="/tenant" method="post" className="flex items-center gap-2">
      <label htmlFor="tenant-switcher" className="text-sm text-muted">
        Tenant
      </label>
      <Select id="tenant-switcher" name="tenant" defaultValue={context.tenant.slug} className="h-9">
        {context.tenants.map((t) => (
          <option key={t.slug} value={t.slug}>
            {t.name} ({t.slug})
          </option>
        ))}
      </Select>
      <Button type="submit" variant="secondary" size="sm">
        Switch
      </Button>
    </form>
  );
}
