"use server";

import { AVATAR_CONTENT_TYPES, AVATAR_MAX_BYTES, confirmEmailChangeRequestSchema, startEmailChangeRequestSchema, updateProfileRequestSchema } from "@plinto/contracts";
import { PlintoApiError } from "@plinto/sdk";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { accountApi, errorCode, withState } from "~/lib/account";

function back(outcome: Record<string, string>, anchor = ""): never {
  redirect(`${withState("/profile", outcome)}${anchor}`);
}

export type DetailsTyped = { name: string; givenName: string; familyName: string; locale: string };
export type DetailsState =
  | { status: "idle" }
  | { status: "saved" }
  | { status: "invalid"; message: string; fields: Record<string, string>; typed: DetailsTyped };

/** Saves name, given and family name and language; an empty field clears it. */
export async function saveDetailsAction(_previous: DetailsState, form: FormData): Promise<DetailsState> {
  const typed: DetailsTyped = {
    name: String(form.get("name") ?? ""),
    givenName: String(form.get("givenName") ?? ""),
    familyName: String(form.get("familyName") ?? ""),
    locale: String(form.get("locale") ?? ""),
  };
  const orNull = (value: string) => (value.trim() === "" ? null : value);
  const parsed = updateProfileRequestSchema.safeParse({
    name: orNull(typed.name),
    givenName: orNull(typed.givenName),
    familyName: orNull(typed.familyName),
    locale: orNull(typed.locale),
  });
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
    return { status: "invalid", message: "Check the fields marked below.", fields, typed };
  }
  const api = await accountApi();
  if (!api) return { status: "invalid", message: "Your session has ended. Sign in again to save.", fields: {}, typed };
  try {
    await api.profile.update(parsed.data);
  } catch (error) {
    const fields = error instanceof PlintoApiError ? Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.split(".")[0]!, v[0]!])) : {};
    return { status: "invalid", message: error instanceof PlintoApiError ? (error.detail ?? error.title) : "Plinto could not be reached; try again.", fields, typed };
  }
  revalidatePath("/", "layout");
  return { status: "saved" };
}

/** A new picture: checked here for size and kind (the API checks the bytes again). */
export async function uploadAvatarAction(form: FormData): Promise<void> {
  const file = form.get("picture");
  if (!(file instanceof File) || file.size === 0) back({ error: "no-file" }, "#picture");
  if (file.size > AVATAR_MAX_BYTES) back({ error: "payload_too_large" }, "#picture");
  if (file.type && !(AVATAR_CONTENT_TYPES as readonly string[]).includes(file.type)) back({ error: "unsupported_media_type" }, "#picture");
  const api = await accountApi();
  if (!api) redirect("/profile");
  try {
    await api.profile.uploadAvatar(new Uint8Array(await file.arrayBuffer()));
  } catch (error) {
    back({ error: errorCode(error) }, "#picture");
  }
  back({ done: "picture" }, "#picture");
}

export async function removeAvatarAction(): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/profile");
  try {
    await api.profile.removeAvatar();
  } catch (error) {
    back({ error: errorCode(error) }, "#picture");
  }
  back({ done: "picture-removed" }, "#picture");
}

/** Asks to move the account to another address: a code and link go there, a notice to the current one. */
export async function startEmailChangeAction(form: FormData): Promise<void> {
  const parsed = startEmailChangeRequestSchema.safeParse({ email: String(form.get("email") ?? "").trim() });
  if (!parsed.success) back({ error: "invalid-email" }, "#email");
  const api = await accountApi();
  if (!api) redirect("/profile");
  try {
    await api.email.startChange(parsed.data.email);
  } catch (error) {
    back({ error: errorCode(error) }, "#email");
  }
  back({ done: "email-sent" }, "#email");
}

/** The code from the mail to the new address: the account moves there. */
export async function confirmEmailChangeAction(form: FormData): Promise<void> {
  const parsed = confirmEmailChangeRequestSchema.safeParse({ code: String(form.get("code") ?? "").replace(/\s+/g, "") });
  if (!parsed.success) back({ error: "invalid-code" }, "#email");
  const api = await accountApi();
  if (!api) redirect("/profile");
  try {
    await api.email.confirmChange(parsed.data);
  } catch (error) {
    back({ error: errorCode(error) }, "#email");
  }
  revalidatePath("/", "layout");
  back({ done: "email-changed" }, "#email");
}

export async function cancelEmailChangeAction(): Promise<void> {
  const api = await accountApi();
  if (!api) redirect("/profile");
  try {
    await api.email.cancelChange();
  } catch (error) {
    back({ error: errorCode(error) }, "#email");
  }
  back({ done: "email-cancelled" }, "#email");
}
