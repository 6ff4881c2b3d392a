"use client";

import { Alert, Button, Field, Input, Select } from "@plinto/ui";
import { useActionState, useState } from "react";
import { saveSettingsAction, type SettingsState } from "./actions";

export interface SettingsValues {
  displayName: string;
  logoUrl: string;
  primaryColor: string;
  minLength: string;
  allowPasswordOnly: boolean;
  mfaMode: string;
  gracePeriodDays: string;
  allowEmailCode: boolean;
  idleHours: string;
  absoluteDays: string;
}

/** The tenant's settings, with a live preview of the hosted sign-in card as branding is edited. */
export function SettingsForm({ values: saved, tenantName, canWrite }: { values: SettingsValues; tenantName: string; canWrite: boolean }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveSettingsAction, { status: "idle" });
  // React resets a form after its action: a refused one shows what was typed, a saved one the saved values.
  const values: SettingsValues = state.status === "invalid" ? { ...saved, ...(state.typed as Partial<SettingsValues>) } : saved;
  const [brand, setBrand] = useState({ displayName: values.displayName, logoUrl: values.logoUrl, primaryColor: values.primaryColor });
  const fields = state.status === "invalid" ? state.fields : {};
  const color = /^#[0-9a-fA-F]{6}$/.test(brand.primaryColor) ? brand.primaryColor : "#4f46e5";
  const shownName = brand.displayName.trim() || tenantName;
  return (
    <form key={JSON.stringify(values)} action={action} className="space-y-10" noValidate>
      {state.status === "saved" ? <Alert variant="success" title="Settings saved">The hosted pages and new sign-ins use them now.</Alert> : null}
      {state.status === "invalid" ? <Alert variant="danger" title="The settings were not saved">{state.message}</Alert> : null}
      <fieldset disabled={!canWrite} className="space-y-10">
        <section aria-labelledby="branding-title" className="grid gap-8 lg:grid-cols-2">
          <div className="space-y-4">
            <h2 id="branding-title" className="text-xl font-bold tracking-tight">
              Branding
            </h2>
            <Field label="Display name" hint="Shown on the hosted pages and in mail; the tenant's name when empty." error={fields["branding.displayName"]}>
              <Input name="displayName" defaultValue={values.displayName} onChange={(e) => setBrand({ ...brand, displayName: e.target.value })} />
            </Field>
            <Field label="Logo URL" hint="An https address of an image." error={fields["branding.logoUrl"]}>
              <Input name="logoUrl" type="url" defaultValue={values.logoUrl} onChange={(e) => setBrand({ ...brand, logoUrl: e.target.value })} />
            </Field>
            <Field label="Primary colour" hint="A colour like #4f46e5." error={fields["branding.primaryColor"]}>
              <Input name="primaryColor" defaultValue={values.primaryColor} onChange={(e) => setBrand({ ...brand, primaryColor: e.target.value })} />
            </Field>
          </div>
          <figure aria-labelledby="preview-caption" className="rounded-card border border-line bg-canvas p-6">
            <figcaption id="preview-caption" className="text-sm font-semibold text-muted">
              Preview of the hosted sign-in page
            </figcaption>
            <div className="mx-auto mt-4 max-w-sm rounded-card border border-line bg-surface p-6 shadow-sm" data-testid="sign-in-preview">
              {brand.logoUrl.startsWith("https://") ? (
                // The tenant's own logo from any host, as the hosted page shows it: no image optimiser in between.
                // eslint-disable-next-line @next/next/no-img-element
                <img src={brand.logoUrl} alt="" className="mb-4 h-8" />
              ) : null}
              <p className="text-lg font-semibold text-ink">Sign in to {shownName}</p>
              <p className="mt-4 text-sm text-muted">Email address</p>
              <div className="mt-1 h-9 rounded-md border border-line" />
              <p className="mt-3 text-sm text-muted">Password</p>
              <div className="mt-1 h-9 rounded-md border border-line" />
              <div className="mt-5 rounded-md px-4 py-2 text-center text-sm font-medium text-white" style={{ backgroundColor: color }}>
                Sign in
              </div>
            </div>
          </figure>
        </section>

        <section aria-labelledby="password-title" className="max-w-xl space-y-4">
          <h2 id="password-title" className="text-xl font-bold tracking-tight">
            Passwords
          </h2>
          <Field label="Shortest password" hint="8 to 128 characters; 8 when empty." error={fields["passwordPolicy.minLength"]}>
            <Input name="minLength" inputMode="numeric" defaultValue={values.minLength} className="max-w-40" />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="allowPasswordOnly" defaultChecked={values.allowPasswordOnly} className="size-4" />
            Allow passwords as the only factor (longer passwords are then required)
          </label>
        </section>

        <section aria-labelledby="mfa-title" className="max-w-xl space-y-4">
          <h2 id="mfa-title" className="text-xl font-bold tracking-tight">
            Two-step verification
          </h2>
          <Field label="Policy" error={fields["mfaPolicy.mode"]}>
            <Select name="mfaMode" defaultValue={values.mfaMode}>
              <option value="optional">Optional: people may set up a second factor</option>
              <option value="required">Required: everyone sets one up</option>
              <option value="off">Off: no new second factors</option>
            </Select>
          </Field>
          <Field label="Grace period (days)" hint="How long people may sign in before they must set one up, when required." error={fields["mfaPolicy.gracePeriodDays"]}>
            <Input name="gracePeriodDays" inputMode="numeric" defaultValue={values.gracePeriodDays} className="max-w-40" />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="allowEmailCode" defaultChecked={values.allowEmailCode} className="size-4" />
            Accept a code sent by email as the second step after a password
          </label>
        </section>

        <section aria-labelledby="sessions-title" className="max-w-xl space-y-4">
          <h2 id="sessions-title" className="text-xl font-bold tracking-tight">
            Sessions
          </h2>
          <Field label="Sign out after inactivity (hours)" hint="Empty: 7 days." error={fields["sessionLifetimes.idleSeconds"]}>
            <Input name="idleHours" inputMode="numeric" defaultValue={values.idleHours} className="max-w-40" />
          </Field>
          <Field label="Sign out after (days), however active" hint="Empty: 30 days." error={fields["sessionLifetimes.absoluteSeconds"]}>
            <Input name="absoluteDays" inputMode="numeric" defaultValue={values.absoluteDays} className="max-w-40" />
          </Field>
        </section>
      </fieldset>
      {canWrite ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      ) : (
        <p className="text-sm text-muted">Your role in this tenant can read these settings but not change them.</p>
      )}
    </form>
  );
}
