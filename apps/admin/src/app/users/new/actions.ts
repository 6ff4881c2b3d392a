"use server";

import { createUserRequestSchema } from "@plinto/contracts";
import { PlintoApiError } from "@plinto/sdk";
import { redirect } from "next/navigation";
import { tenantContext } from "~/lib/tenant";
import { problemText } from "@plinto/ui";

export interface NewUserState {
  /** What the admin typed (never the password), so the form comes back filled in. */
  values: { email: string; name: string; emailVerified: boolean };
  /** Field name → what is wrong with it, from the contract's schema or the API. */
  fieldErrors: Partial<Record<"email" | "name" | "password" | "emailVerified", string>>;
  formError?: string;
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * Creates a user in the chosen tenant. The form is checked with the wire contract's own schema
 * first, so the admin sees the same rules the API applies; then the API decides (password policy,
 * a taken address) and its field errors land on the same fields. Refused unless the admin's role
 * holds users:write here — and the API checks that again.
 */
export async function createUserAction(_previous: NewUserState, form: FormData): Promise<NewUserState> {
  const values = { email: text(form, "email").trim(), name: text(form, "name").trim(), emailVerified: form.get("emailVerified") === "on" };
  const password = text(form, "password");
  const state: NewUserState = { values, fieldErrors: {} };

  const context = await tenantContext().catch(() => null);
  if (!context) return { ...state, formError: "Your session has ended. Sign in again to create users." };
  if (!context.can("users:write")) return { ...state, formError: `Your role in ${context.tenant.name} cannot create users.` };

  const parsed = createUserRequestSchema.safeParse({
    email: values.email,
    ...(values.name ? { name: values.name } : {}),
    ...(password ? { password } : {}),
    emailVerified: values.emailVerified,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "email") as keyof NewUserState["fieldErrors"];
      state.fieldErrors[field] ??= issue.message;
    }
    return state;
  }

  let userId: string;
  try {
    userId = (await context.api.users.create(parsed.data)).id;
  } catch (error) {
    if (error instanceof PlintoApiError && error.code === "conflict") {
      return { ...state, fieldErrors: { email: "A user of this tenant already has this email address" } };
    }
    if (error instanceof PlintoApiError && Object.keys(error.fields).length > 0) {
      for (const [path, messages] of Object.entries(error.fields)) {
        const field = path.split(".")[0] as keyof NewUserState["fieldErrors"];
        if (field in { email: 1, name: 1, password: 1, emailVerified: 1 }) state.fieldErrors[field] ??= messages[0];
        else state.formError ??= messages[0];
      }
      return state;
    }
    return { ...state, formError: problemText(error) };
  }
  redirect(`/users/${encodeURIComponent(userId)}?done=created`);
}
