import { Alert, Badge, ButtonLink, EmptyState, Table, TableBody, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import type { Metadata } from "next";
import { SignInFirst, TenantPage } from "~/components/TenantPage";
import { ConfirmPanel } from "@plinto/ui";
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
  if (!context) return <SignInFirst what="signing keys" />;
  const keys = await context.api.signingKeys.list();
  const canRotate = context.can("signing_keys:write");
  return (
    <TenantPage
      tenantName={context.tenant.name}
      title="Signing keys"
      lead="The keys that sign this tenant's tokens, published in its JWKS. Rotating makes the published next key sign from now on; the old one stays published until every token it signed has expired, so nothing already issued stops verifying."
    >
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
          <ConfirmPanel
            title="Rotate the signing keys?"
            consequence="New tokens will be signed with the next key; tokens already issued keep verifying."
            action={rotateSigningKeysAction}
            confirmLabel="Rotate now"
            cancelHref="/signing-keys"
            cancelLabel="Cancel"
          />
        ) : (
          <ButtonLink href="/signing-keys?confirm=rotate" variant="secondary">
            Rotate keys
          </ButtonLink>
        )
      ) : null}
      {keys.length === 0 ? (
        <EmptyState
          headingLevel={2}
          title="No signing keys yet"
          description="A tenant gets its keys when it is created, or at its first token. If none shows here, rotate to make them now."
        />
      ) : (
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
      )}
    </TenantPage>
  );
}
