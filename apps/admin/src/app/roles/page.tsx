import { Alert, Badge, Button, ButtonLink, Field, Input, Table, TableBody, TableHead, TableHeaderCell, TableRow } from "@plinto/ui";
import type { Metadata } from "next";
import { SignInFirst, TenantPage } from "~/components/TenantPage";
import { ConfirmPanel } from "@plinto/ui";
import { tenantContext } from "~/lib/tenant";
import { problemText } from "@plinto/ui";
import { createPermissionAction, deleteRoleAction } from "./actions";
import { CreateRoleForm, EditRoleForm } from "./RoleForms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Roles" };

// Outcomes come back as codes in the URL; the words are the page's own.
const FAILURES: Record<string, string> = {
  forbidden: "Your role in this tenant cannot change roles.",
  invalid: "A permission key is lowercase letters, digits and : . _ - (like reports:read).",
  validation_failed: "A permission key is lowercase letters, digits and : . _ - (like reports:read).",
  conflict: "That key is taken, or the role is still in use by members or invitations.",
};

export default async function RolesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const context = await tenantContext().catch(() => null);
  if (!context) return <SignInFirst what="roles" />;
  let loaded;
  try {
    const [roles, permissions] = await Promise.all([context.api.roles.list(), context.api.permissions.list()]);
    loaded = { roles, permissions };
  } catch (error) {
    return (
      <TenantPage tenantName={context.tenant.name} title="Roles and permissions">
        <Alert variant="danger" title="The roles could not be loaded">
          {problemText(error)}
        </Alert>
      </TenantPage>
    );
  }
  const { roles, permissions } = loaded;
  const canWrite = context.can("organizations:write");
  const deleting = typeof params.delete === "string" ? roles.find((r) => r.id === params.delete && !r.builtIn) : undefined;
  // Built-in roles are read-only: only a custom role can be opened for editing.
  const editing = canWrite && typeof params.edit === "string" ? roles.find((r) => r.id === params.edit && !r.builtIn) : undefined;
  return (
    <TenantPage
      tenantName={context.tenant.name}
      title="Roles and permissions"
      lead="What members of an organization may do there. Tokens with the organizations scope carry the member's role and its permissions."
    >
      {params.done === "permission" ? <Alert variant="success" title="Permission created">Custom roles can grant it now.</Alert> : null}
      {params.done === "role" ? <Alert variant="success" title="Role deleted">It is gone from this tenant.</Alert> : null}
      {params.done === "role-updated" ? (
        <Alert variant="success" title="Role saved">
          Members with it get its permissions in their next token.
        </Alert>
      ) : null}
      {typeof params.failed === "string" ? (
        <Alert variant="danger" title="That did not change">
          {FAILURES[String(params.reason)] ?? "The API could not make the change; try again."}
        </Alert>
      ) : null}
      {deleting && canWrite ? (
        <ConfirmPanel
          title={`Delete the role "${deleting.name}"?`}
          consequence="Refused while members or invitations still use it."
          action={deleteRoleAction}
          fields={{ role: deleting.id }}
          confirmLabel="Delete the role"
          confirmVariant="danger"
          cancelHref="/roles"
          cancelLabel="Keep it"
        />
      ) : null}
      {editing ? <EditRoleForm key={editing.id} role={editing} permissions={permissions.map((p) => p.key)} /> : null}
      <Table caption="Roles">
        <TableHead>
          <TableRow>
            <TableHeaderCell>Role</TableHeaderCell>
            <TableHeaderCell>Key</TableHeaderCell>
            <TableHeaderCell>Permissions</TableHeaderCell>
            {canWrite ? <TableHeaderCell>Actions</TableHeaderCell> : null}
          </TableRow>
        </TableHead>
        <TableBody>
          {roles.map((role) => (
            <TableRow key={role.id} data-role={role.id}>
              <TableHeaderCell scope="row">
                {role.name} {role.builtIn ? <Badge>Built in</Badge> : null}
                {role.description ? <span className="block text-xs font-normal text-muted">{role.description}</span> : null}
              </TableHeaderCell>
              <td className="px-4 py-3">
                <code className="font-mono text-xs">{role.key}</code>
              </td>
              <td className="px-4 py-3 text-xs">{role.permissions.join(", ") || "—"}</td>
              {canWrite ? (
                <td className="px-4 py-3">
                  {role.builtIn ? (
                    <span className="text-xs text-muted">Read-only</span>
                  ) : (
                    <div className="flex flex-wrap gap-2">
                      <ButtonLink href={`/roles?edit=${role.id}`} variant="secondary" size="sm" aria-label={`Edit the role ${role.name}`}>
                        Edit
                      </ButtonLink>
                      <ButtonLink href={`/roles?delete=${role.id}`} variant="ghost" size="sm" aria-label={`Delete the role ${role.name}`}>
                        Delete
                      </ButtonLink>
                    </div>
                  )}
                </td>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {canWrite ? (
        <>
          <section aria-labelledby="new-role-title" className="space-y-4">
            <h2 id="new-role-title" className="text-xl font-bold tracking-tight">
              New role
            </h2>
            <CreateRoleForm permissions={permissions.map((p) => p.key)} />
          </section>
          <section aria-labelledby="new-permission-title" className="space-y-4">
            <h2 id="new-permission-title" className="text-xl font-bold tracking-tight">
              New permission
            </h2>
            <form action={createPermissionAction} className="grid max-w-2xl gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-end">
              <Field label="Permission key" hint="e.g. reports:read">
                <Input name="key" maxLength={64} />
              </Field>
              <Field label="Description">
                <Input name="description" maxLength={200} />
              </Field>
              <Button type="submit" variant="secondary">
                Create permission
              </Button>
            </form>
          </section>
        </>
      ) : null}
    </TenantPage>
  );
}
