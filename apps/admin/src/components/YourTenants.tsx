import { Alert, Badge, Card, CardDescription, CardTitle } from "@plinto/ui";
import { PlintoApiError, PlintoNetworkError } from "@plinto/sdk";
import { managementApi } from "~/lib/api";

const ROLE_WORDS: Record<string, string> = {
  owner: "Owner",
  admin: "Admin",
  developer: "Developer",
  support: "Support",
  viewer: "Viewer",
};

/**
 * The tenants the signed-in admin administers, with their role in each, read from the management
 * API with their own access token (`GET /v1/me/tenants`). Nothing for someone signed out.
 */
export async function YourTenants() {
  const api = await managementApi();
  if (!api) return null;
  let tenants;
  try {
    tenants = await api.tenants.mine();
  } catch (error) {
    const detail = error instanceof PlintoApiError || error instanceof PlintoNetworkError ? error.message : "The API did not answer as expected.";
    return (
      <Alert variant="danger" title="Your tenants could not be loaded" className="mb-8">
        {detail}
      </Alert>
    );
  }
  return (
    <section aria-labelledby="tenants-title" className="mb-10">
      <h2 id="tenants-title" className="text-xl font-bold tracking-tight">
        Your tenants
      </h2>
      {tenants.length === 0 ? (
        <p className="mt-2 text-muted">You do not administer any tenant yet. An owner of one can add you.</p>
      ) : (
        <ul className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Tenants you administer">
          {tenants.map((tenant) => (
            <Card as="li" key={tenant.slug} className="p-5">
              <CardTitle>{tenant.name}</CardTitle>
              <CardDescription className="mt-2 flex flex-wrap items-center gap-2">
                <code className="font-mono">{tenant.slug}</code>
                <Badge>{ROLE_WORDS[tenant.role] ?? tenant.role}</Badge>
                {tenant.kind === "platform" ? <Badge tone="brand">Platform</Badge> : null}
                {tenant.status === "suspended" ? <Badge tone="danger">Suspended</Badge> : null}
              </CardDescription>
            </Card>
          ))}
        </ul>
      )}
    </section>
  );
}
