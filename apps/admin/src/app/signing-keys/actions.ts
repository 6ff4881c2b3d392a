"use server";

import { PlintoApiError } from "@plinto/sdk";
import { redirect } from "next/navigation";
import { tenantContext } from "~/lib/tenant";

/** The confirmed rotation: the published next key starts signing; the API checks the role again. */
export async function rotateSigningKeysAction(): Promise<void> {
  const context = await tenantContext();
  if (!context) redirect("/");
  let outcome: string;
  try {
    const rotated = await context.api.signingKeys.rotate();
    outcome = `rotated=${encodeURIComponent(rotated.active.kid)}`;
  } catch (error) {
    outcome = `error=${error instanceof PlintoApiError ? error.code : "unavailable"}`;
  }
  redirect(`/signing-keys?${outcome}`);
}
