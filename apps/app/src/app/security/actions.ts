"use server";

import { applicationIdSchema, changePasswordRequestSchema, confirmTotpRequestSchema, factorIdSchema, passkeyIdSchema, registerPasskeyRequestSchema, type PasskeyRegistrationOptions } from "@plinto/contracts";
import { PlintoApiError } from "@plinto/sdk";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { accountApi, errorCode, withState } from "~/lib/account";

/** Where an action ends: the security page with what happened, or the confirm step the API asked for. */
function back(outcome: Record<string, string>, anchor = ""): never {
  redirect(`${withState("/security", outcome)}${anchor}`);
}

// ── Password ──────────────────────────────────────────────────────────────────────────────────

/**
 * A new password, with the current one; optionally every other session signs out. Passwords are
 * never put back into the page or a URL: a refusal says why in the page's words, by code.
 */
export async function changePasswordAction(form: FormData): Promise<void> {
  const newPassword = String(form.get("newPassword") ?? "");
  if (newPassword !== String(form.get("confirmPassword") ?? "")) back({ error: "password-mismatch" }, "#password");
  const current = String(form.get("currentPassword") ?? "");
  const parsed = changePasswordRequestSchema.safeParse({
    ...(current ? { currentPassword: current } : {}),
    newPassword,
    signOutOtherSessions: form.get("signOutOtherSessions") === "on",
  });
  if (!parsed.success) back({ error: "password-missing" }, "#password");
  const api = await accountApi();
  if (!api) redirect("/security");
  let ended = 0;
  try {
    ended = (await api.password.change(parsed.data)).sessionsEnded;
  } catch (error) {
    // The API names the field it refused: the current password, or the new one (the tenant's policy).
    const fields = error instanceof PlintoApiError ? Object.keys(error.fields) : [];
    const code = fields.includes("currentPassword") ? "current-password" : fields.includes("newPassword") ? "password-policy" : errorCode(error);
    back({ error: code }, "#password");
  }
  back({ done: ended > 0 ? "password-changed-signed-out" : "password-changed" }, "#password");
}

// ── Authenticator app (TOTP) ──────────────────────────────────────────────────────────────────

export type TotpState =
  | { status: "idle"; error?: string }
  | { status: "started"; secret: string; qrCode: string; label: string; issuer: string; error?: string }
  | { status: "confirmed"; recoveryCodes: string[] };

/**
 * Setting up an authenticator app, in two steps on one form: `start` gets a new secret and its QR
 * code (never put in a URL or stored by the portal: it is shown in this answer only), `confirm`
 * checks a code from the app. The first factor comes with recovery codes, shown once.
 */
export async function totpAction(previous: TotpState, form: FormData): Promise<TotpState> {
  const api = await accountApi();
  if (!api) return { status: "idle", error: "unauthorized" };
  if (form.get("step") === "start") {
    try {
      const started = await api.factors.startTotp();
      return { status: "started", secret: started.secret, qrCode: started.qrCode, label: started.label, issuer: started.issuer };
    } catch (error) {
      return { status: "idle", error: errorCode(error) };
    }
  }
  const started = previous.status === "started" ? previous : null;
  const parsed = confirmTotpRequestSchema.safeParse({ code: String(form.get("code") ?? "").replace(/\s+/g, "") });
  if (!parsed.success) return started ? { ...started, error: "invalid_code_format" } : { status: "idle", error: "invalid_code_format" };
  try {
    // No revalidation here: the page would re-render without this form and lose the codes it must show once.
    const confirmed = await api.factors.confirmTotp(parsed.data.code);
    return { status: "confirmed", recoveryCodes: confirmed.recoveryCodes ?? [] };
  } catch (error) {
    const code = errorCode(error);
    return started ? { ...started, error: code } : { status: "idle", error: code };
  }
}

/** Removes the authenticator app (after the page's confirmation step). */
export async function removeFactorAction(form: FormData): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/security");
  const id = factorIdSchema.safeParse(form.get("id"));
  if (!id.success) back({ error: "not_found" });
  try {
    await api.factors.remove(id.data);
  } catch (error) {
    back({ error: errorCode(error) }, "#two-factor");
  }
  back({ done: "factor-removed" }, "#two-factor");
}

// ── Recovery codes ────────────────────────────────────────────────────────────────────────────

export type RecoveryCodesState = { status: "idle" } | { status: "new"; recoveryCodes: string[] } | { status: "failed"; error: string };

/** Ten new recovery codes, shown in this answer only; the old ones stop working. */
export async function regenerateRecoveryCodesAction(_previous: RecoveryCodesState, _form: FormData): Promise<RecoveryCodesState> {
  const api = await accountApi();
  if (!api) return { status: "failed", error: "unauthorized" };
  try {
    const recoveryCodes = await api.factors.regenerateRecoveryCodes();
    return { status: "new", recoveryCodes };
  } catch (error) {
    return { status: "failed", error: errorCode(error) };
  }
}

// ── Passkeys (the browser's part runs in PasskeyEnrolment) ────────────────────────────────────

export type PasskeyStep<T> = ({ ok: true } & T) | { ok: false; code: string };

/** The options for the browser's passkey prompt. */
export async function passkeyOptionsAction(): Promise<PasskeyStep<{ options: PasskeyRegistrationOptions }>> {
  const api = await accountApi();
  if (!api) return { ok: false, code: "unauthorized" };
  try {
    return { ok: true, options: await api.passkeys.registrationOptions() };
  } catch (error) {
    return { ok: false, code: errorCode(error) };
  }
}

/** Keeps the passkey the browser made; the first second factor comes with recovery codes, shown once. */
export async function registerPasskeyAction(input: unknown): Promise<PasskeyStep<{ name: string; recoveryCodes?: string[] }>> {
  const parsed = registerPasskeyRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "validation_failed" };
  const api = await accountApi();
  if (!api) return { ok: false, code: "unauthorized" };
  try {
    const added = await api.passkeys.register(parsed.data);
    revalidatePath("/security");
    return { ok: true, name: added.passkey.name, ...(added.recoveryCodes ? { recoveryCodes: added.recoveryCodes } : {}) };
  } catch (error) {
    return { ok: false, code: errorCode(error) };
  }
}

/** Removes a passkey (after the page's confirmation step). */
export async function removePasskeyAction(form: FormData): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/security");
  const id = passkeyIdSchema.safeParse(form.get("id"));
  if (!id.success) back({ error: "not_found" });
  try {
    await api.passkeys.remove(id.data);
  } catch (error) {
    back({ error: errorCode(error) }, "#passkeys");
  }
  back({ done: "passkey-removed" }, "#passkeys");
}

// ── Connected applications ────────────────────────────────────────────────────────────────────

/** Takes back what the user allowed an application; its tokens for them end now. */
export async function revokeConsentAction(form: FormData): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/security");
  const id = applicationIdSchema.safeParse(form.get("id"));
  if (!id.success) back({ error: "not_found" });
  try {
    await api.consents.revoke(id.data);
  } catch (error) {
    back({ error: errorCode(error) }, "#applications");
  }
  back({ done: "consent-revoked" }, "#applications");
}
