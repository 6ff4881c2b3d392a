import { Alert, Badge, Button, ButtonLink, EmptyState, Table, TableBody, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import type { Metadata } from "next";
import { tenantContext } from "~/lib/tenant";
import { rotateSigningKeysAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Signing keys" };

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "—";
const STATUS = { next: { label: "Next", tone: "neutral" }, active: { label: "Active", tone: "success" }, retired: { label: "Retired", tone: "warning" } } as const;

export default async function SigningKeysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const context = await tenantContext();
  if (!context) {
    return (
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        <EmptyState headingLevel={2} title="Sign in to see signing keys" description="Signing keys belong to a tenant you administer." />
      </div>
    );
  }
  const keys = await context.api.signingKeys.list();
  const canRotate = context.can("signing_keys:write");
  return (
    <div className="mx-auto max-w-6xl space-y-8 px-4 py-10 sm:px-6">
      <header>
        <p className="text-sm font-semibold text-brand-700">{context.tenant.name}</p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight">Signing keys</h1>
        <p className="mt-2 max-w-3xl text-muted">
          The keys that sign this tenant&apos;s tokens, published in its JWKS. Rotating makes the published next key sign from now on; the old
          one stays published until every token it signed has expired, so nothing already issued stops verifying.
        </p>
      </header>
      {typeof params.rotated === "string" ? (
        <Alert variant="success" title="Keys rotated">{`Key ${params.rotated} signs new tokens now.`}</Alert>
      ) : null}
      {typeof params.error === "string" ? (
        <Alert variant="danger" title="The keys were not rotated">
          {params.error === "forbidden" ? "Your role in this tenant cannot rotate its keys." : "The API could not rotate the keys; try again."}
        </Alert>
      ) : null}
      {canRotate ? (
        params.confirm === "rotate" ? (
          <Alert variant="warning" title="Rotate the signing keys?">
            <form action={rotateSigningKeysAction} className="mt-2 flex flex-wrap items-center gap-3">
              <span>New tokens will be signed with the next key; tokens already issued keep verifying.</span>
              <Button type="submit">Rotate now</Button>
              <ButtonLink href="/signing-keys" variant="ghost">
                Cancel
              </ButtonLink>
            </form>
          </Alert>
        ) : (
          <ButtonLink href="/signing-keys?confirm=rotate" variant="secondary">
            Rotate keys
          </ButtonLink>
        )
      ) : null}
      <Table caption="Signing keys, newest first">
        <TableHead>
          <TableRow>
            <TableHeaderCell>Key id (kid)</TableHeaderCell>
            <TableHeaderCell>Algorithm</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Signing since</TableHeaderCell>
            <TableHeaderCell>Retired</TableHeaderCell>
            <TableHeaderCell>Leaves the JWKS</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {keys.map((key) => (
            <TableRow key={key.id} data-testid={`key-${key.status}`}>
              <TableHeaderCell scope="row">
                <code className="font-mono text-xs">{key.kid}</code>
              </TableHeaderCell>
              <td className="px-4 py-3">{key.alg}</td>
              <td className="px-4 py-3">
                <Badge tone={STATUS[key.status].tone}>{STATUS[key.status].label}</Badge>
              </td>
              <td className="px-4 py-3">{when(key.activatedAt)}</td>
              <td className="px-4 py-3">{when(key.retiredAt)}</td>
              <td className="px-4 py-3">{when(key.expiresAt)}</td>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
