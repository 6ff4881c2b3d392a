import { Alert, Badge, Button, ButtonLink, EmptyState, Input, Select, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import type { Metadata } from "next";
import { TenantPage } from "~/components/TenantPage";
import { tenantContext } from "~/lib/tenant";
import { filtersOf, usersHref } from "~/lib/users";
import { problemText, when } from "@plinto/ui";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Users" };

const PAGE_SIZE = 25;

/**
 * The chosen tenant's users: search, filters and sort live in the URL (a GET form, so it works
 * without JavaScript and a view can be shared); the API pages with a cursor, carried by "Next page".
 */
export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const filters = filtersOf(params);
  const context = await tenantContext().catch(() => null);
  if (!context) {
    return (
      <TenantPage title="Users" lead="Everyone who can sign in to a tenant.">
        <Alert variant="warning" title="Sign in to manage users">
          Users are read from the management API as you, so sign in with an account that administers a tenant.
        </Alert>
      </TenantPage>
    );
  }

  let result: Awaited<ReturnType<typeof context.api.users.list>> | undefined;
  let problem: string | undefined;
  try {
    result = await context.api.users.list({
      ...(filters.q ? { q: filters.q } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.verified ? { emailVerified: filters.verified === "yes" } : {}),
      sort: filters.sort === "oldest" ? "created_at:asc" : "created_at:desc",
      limit: PAGE_SIZE,
      ...(filters.cursor ? { cursor: filters.cursor } : {}),
    });
  } catch (error) {
    problem = problemText(error);
  }
  const filtered = Boolean(filters.q || filters.status || filters.verified);
  const canWrite = context.can("users:write");

  return (
    <TenantPage
      tenantName={context.tenant.name}
      title="Users"
      lead={`Everyone who can sign in to ${context.tenant.name}.`}
      action={canWrite ? <ButtonLink href="/users/new">New user</ButtonLink> : null}
    >
      {params.deleted ? <Alert variant="success" className="mt-6" title="The user was deleted." /> : null}
      <form method="get" action="/users" role="search" aria-label="Users" className="mt-8 grid grid-cols-1 gap-4 rounded-card border border-line bg-surface p-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))_auto] lg:items-end">
        <div className="space-y-1.5">
          <label htmlFor="users-q" className="block text-sm font-medium text-ink">Search</label>
          <Input id="users-q" name="q" type="search" defaultValue={filters.q} placeholder="Email address or name" maxLength={200} />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="users-status" className="block text-sm font-medium text-ink">Status</label>
          <Select id="users-status" name="status" defaultValue={filters.status}>
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="blocked">Blocked</option>
          </Select>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="users-verified" className="block text-sm font-medium text-ink">Email verified</label>
          <Select id="users-verified" name="verified" defaultValue={filters.verified}>
            <option value="">Either</option>
            <option value="yes">Verified</option>
            <option value="no">Not verified</option>
          </Select>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="users-sort" className="block text-sm font-medium text-ink">Sort</label>
          <Select id="users-sort" name="sort" defaultValue={filters.sort}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </Select>
        </div>
        <div className="flex gap-2">
          <Button type="submit">Apply</Button>
          {filtered ? <ButtonLink href="/users" variant="ghost">Clear</ButtonLink> : null}
        </div>
      </form>

      <div className="mt-6">
        {problem ? (
          <Alert variant="danger" title="The users could not be loaded">
            {problem}{" "}
            {filters.cursor ? <a href={usersHref(filters)}>Back to the first page</a> : null}
          </Alert>
        ) : result && result.users.length === 0 ? (
          filtered || filters.cursor ? (
            <EmptyState
              headingLevel={2}
              title="No users match"
              description="No user of this tenant matches this search and these filters."
              action={<ButtonLink href="/users" variant="secondary">Show all users</ButtonLink>}
            />
          ) : (
            <EmptyState
              headingLevel={2}
              title="No users yet"
              description="People appear here when they sign up through your apps, are provisioned by a directory, or are created by an admin."
              action={canWrite ? <ButtonLink href="/users/new">New user</ButtonLink> : null}
            />
          )
        ) : result ? (
          <>
            <Table caption={`Users of ${context.tenant.name}${filtered ? " matching the filters" : ""}`}>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>User</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                  <TableHeaderCell>Email</TableHeaderCell>
                  <TableHeaderCell>Last sign-in</TableHeaderCell>
                  <TableHeaderCell>Created</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.users.map((user) => (
                  <TableRow key={user.id}>
                    <TableHeaderCell scope="row">
                      <a href={`/users/${encodeURIComponent(user.id)}`} className="font-medium text-brand-700 underline">
                        {user.email}
                      </a>
                      {user.name ? <span className="block text-sm font-normal text-muted">{user.name}</span> : null}
                    </TableHeaderCell>
                    <TableCell>{user.status === "blocked" ? <Badge tone="danger">Blocked</Badge> : <Badge tone="success">Active</Badge>}</TableCell>
                    <TableCell>{user.emailVerified ? "Verified" : "Not verified"}</TableCell>
                    <TableCell>{when(user.lastSignInAt)}</TableCell>
                    <TableCell>{when(user.createdAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <nav aria-label="Pages of users" className="mt-4 flex gap-3">
              {filters.cursor ? <ButtonLink href={usersHref(filters)} variant="secondary">First page</ButtonLink> : null}
              {result.nextCursor ? <ButtonLink href={usersHref(filters, result.nextCursor)} variant="secondary">Next page</ButtonLink> : null}
            </nav>
          </>
        ) : null}
      </div>
    </TenantPage>
  );
}
