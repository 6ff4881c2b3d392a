import type { Tenant } from "@plinto/contracts";
import { Alert, Badge, Button } from "@plinto/ui";
import { ConfirmPanel } from "@plinto/ui";
import { tenantStatusAction } from "./actions";

/** A tenant's kind and status as badges. */
export function TenantBadges({ tenant }: { tenant: Pick<Tenant, "kind" | "status"> }) {
  return (
    <span className="inline-flex flex-wrap gap-2">
      {tenant.kind === "platform" ? <Badge tone="brand">Platform</Badge> : null}
      {tenant.status === "suspended" ? <Badge tone="danger">Suspended</Badge> : <Badge tone="success">Active</Badge>}
    </span>
  );
}

/** Confirms suspending or reactivating a tenant; `back` says which page the answer returns to. */
export function TenantStatusConfirm({ tenant, back, cancelHref }: { tenant: Pick<Tenant, "slug" | "name" | "status">; back: "list" | "tenant"; cancelHref: string }) {
  const suspending = tenant.status === "active";
  return (
    <ConfirmPanel
      title={suspending ? `Suspend ${tenant.name}?` : `Reactivate ${tenant.name}?`}
      consequence={
        suspending
          ? "Its users cannot sign in, and neither its API keys nor its admins can manage it, until it is reactivated. Nothing is deleted."
          : "Its users can sign in again and its API keys work again."
      }
      action={tenantStatusAction}
      fields={{ tenant: tenant.slug, status: suspending ? "suspended" : "active", back }}
      confirmLabel={suspending ? "Suspend the tenant" : "Reactivate the tenant"}
      confirmVariant={suspending ? "danger" : "primary"}
      cancelHref={cancelHref}
      cancelLabel="Leave it as it is"
    />
  );
}

/** Switches the dashboard to a tenant the operator administers, through the header switcher's own route. */
export function OpenTenantButton({ slug, name }: { slug: string; name: string }) {
  return (
    <form action="/tenant" method="post">
      <input type="hidden" name="tenant" value={slug} />
      <input type="hidden" name="next" value="/" />
      <Button type="submit" variant="secondary" size="sm" aria-label={`Open ${name}`}>
        Open
      </Button>
    </form>
  );
}

// Outcomes come back as codes in the URL; the words are the pages' own.
export function TenantOutcome({ query }: { query: Record<string, string | string[] | undefined> }) {
  const done: Record<string, string> = {
    suspended: "The tenant is suspended: nobody signs in to it and its keys do not work.",
    reactivated: "The tenant is active again.",
    "admin-role": "The admin's role was changed; it counts from their next request.",
    "remove-admin": "They no longer administer this tenant, from their next request.",
  };
  const reasons: Record<string, string> = {
    forbidden: "Your role in the platform tenant cannot do that: tenant admins are changed by owners of the platform tenant.",
    conflict:
      query.failed === "status"
        ? "The platform tenant cannot be suspended: nobody could sign in to undo it."
        : "This is the tenant's last owner, and a tenant keeps at least one owner: make someone else owner first.",
    not_found: "It is not there any more; the page shows what is.",
    validation_failed: "That is not a choice the page offered.",
  };
  if (typeof query.done === "string" && query.done in done) return <Alert variant="success" title="Done">{done[query.done]}</Alert>;
  if (typeof query.failed === "string") {
    return (
      <Alert variant="danger" title="That did not change">
        {reasons[String(query.reason)] ?? "The API could not make the change; try again."}
      </Alert>
    );
  }
  return null;
}
