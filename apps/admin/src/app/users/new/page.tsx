import { Alert } from "@plinto/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { tenantContext } from "~/lib/tenant";
import { NewUserForm } from "./NewUserForm";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "New user" };

/** Creating a user, for admins whose role holds users:write in the chosen tenant. */
export default async function NewUserPage() {
  const context = await tenantContext().catch(() => null);
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <p className="text-sm">
        <Link href="/users" className="font-medium text-brand-700 underline">
          Users
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">New user</h1>
      {!context ? (
        <Alert variant="warning" title="Sign in to create users" className="mt-8">
          Sign in with an account that administers a tenant.
        </Alert>
      ) : !context.can("users:write") ? (
        <Alert variant="warning" title="Your role cannot create users" className="mt-8">
          You are {context.tenant.role === "viewer" ? "a viewer" : `a ${context.tenant.role}`} of {context.tenant.name}: you can see its users but not
          create them. An owner or admin of the tenant can change your role.
        </Alert>
      ) : (
        <>
          <p className="mt-2 text-muted">A new user of {context.tenant.name}. They can sign in to its apps at once.</p>
          <NewUserForm />
        </>
      )}
    </div>
  );
}
