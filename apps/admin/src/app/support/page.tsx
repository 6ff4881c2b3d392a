import { Alert, Badge, Button, EmptyState, Input, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInFirst, TenantPage } from "~/components/TenantPage";
import { lookUpUser, NEAR_MATCHES } from "~/lib/support";
import { tenantContext } from "~/lib/tenant";
import { when } from "@plinto/ui";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Support" };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim().slice(0, 320) ?? "";

/**
 * Support's starting point: look a person up by email address or user id. Exactly one match opens
 * their user page (sign-in security, unlock, organizations, recent activity); near matches are
 * listed; nobody is said plainly. A GET form, so it works without JavaScript and can be linked.
 */
export default async function SupportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = one((await searchParams).q);
  const context = await tenantContext().catch(() => null);
  if (!context) return <SignInFirst what="support tools" />;

  const lookup = q ? await lookUpUser(context.api, q) : undefined;
  if (lookup?.kind === "found") redirect(`/users/${encodeURIComponent(lookup.user.id)}`);

  return (
    <TenantPage
      tenantName={context.tenant.name}
      title="Support"
      lead="Find the person a ticket is about, then see why they cannot sign in — recent failures and whether sign-in is paused — unlock them, and see their organizations and recent activity."
    >
      <form method="get" action="/support" role="search" aria-label="Look up a user" className="flex flex-col gap-3 rounded-card border border-line bg-surface p-4 sm:flex-row sm:items-end">
        <div className="grow space-y-1.5">
          <label htmlFor="support-q" className="block text-sm font-medium text-ink">
            Email address or user ID
          </label>
          <Input id="support-q" name="q" type="search" defaultValue={q} required maxLength={320} placeholder="ada@example.com or usr_…" autoComplete="off" />
        </div>
        <Button type="submit">Look up</Button>
      </form>

      <section aria-live="polite" aria-label="Result">
        {lookup === undefined ? (
          <EmptyState
            title="Look someone up"
            description="An exact email address or user ID opens their page. Part of an address or a name lists the people it matches."
          />
        ) : lookup.kind === "problem" ? (
          <Alert variant="danger" title="The lookup did not work">
            {lookup.text}
          </Alert>
        ) : lookup.kind === "none" ? (
          <EmptyState
            title={`No user matches “${q}”`}
            description={`Nobody in ${context.tenant.name} has that user ID, or an email address or name containing it. Check the spelling, or whether they are in another tenant (switch tenants at the top).`}
          />
        ) : (
          <div className="space-y-4">
            <h2 className="text-xl font-bold tracking-tight">No exact match: {lookup.users.length === 1 ? "one user matches" : `${lookup.users.length} users match`} part of “{q}”</h2>
            {lookup.users.length >= NEAR_MATCHES ? (
              <p className="text-sm text-muted">Only the first {NEAR_MATCHES} are shown; type more of the address to narrow it down.</p>
            ) : null}
            <Table caption={`Users matching “${q}”`} hideCaption>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Email address</TableHeaderCell>
                  <TableHeaderCell>Name</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                  <TableHeaderCell>Last sign-in</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {lookup.users.map((user) => (
                  <TableRow key={user.id}>
                    <TableHeaderCell scope="row">
                      <Link href={`/users/${encodeURIComponent(user.id)}`} className="font-medium text-brand-700 underline">
                        {user.email}
                      </Link>
                    </TableHeaderCell>
                    <TableCell>{user.name ?? "—"}</TableCell>
                    <TableCell>{user.status === "blocked" ? <Badge tone="danger">Blocked</Badge> : <Badge tone="success">Active</Badge>}</TableCell>
                    <TableCell>{when(user.lastSignInAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
    </TenantPage>
  );
}
