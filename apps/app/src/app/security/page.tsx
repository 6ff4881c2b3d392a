import type { Consent, FactorListResponse, Passkey } from "@plinto/contracts";
import { Alert, Badge, Button, ButtonLink, ConfirmPanel, EmptyState, Field, Input, problemText, when } from "@plinto/ui";
import type { Metadata } from "next";
import { AccountPage, Outcome, Section, SignInFirst } from "~/components/AccountPage";
import { accountApi, pageState, withState } from "~/lib/account";
import { changePasswordAction, removeFactorAction, removePasskeyAction, revokeConsentAction } from "./actions";
import { PasskeyEnrolment } from "./PasskeyEnrolment";
import { RegenerateRecoveryCodes } from "./RecoveryCodes";
import { TotpEnrolment } from "./TotpEnrolment";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Security" };

const doneText = {
  "totp-on": "Two-step verification is on: signing in asks for a code from your authenticator app.",
  "password-changed": "Your password is changed. We sent a notice to your email address.",
  "password-changed-signed-out": "Your password is changed and every other session is signed out. We sent a notice to your email address.",
  "factor-removed": "The authenticator app is removed; signing in no longer asks for its codes.",
  "passkey-removed": "The passkey is removed; it can no longer sign in to your account.",
  "consent-revoked": "The application's access is taken back; its tokens stopped working and it will ask again next time.",
};

const errorText = {
  "password-mismatch": "The two new passwords differ. Type the same one twice.",
  "password-missing": "Enter a new password.",
  "current-password": "Your current password is not right (or is missing). Nothing was changed.",
  "password-policy": "The new password does not meet this account's password rules: make it longer, and not one that is known from breaches.",
};

/** One settled read of the API, or the words for why it failed. */
async function settle<T>(read: () => Promise<T>): Promise<{ value: T; problem: null } | { value: null; problem: string }> {
  try {
    return { value: await read(), problem: null };
  } catch (error) {
    return { value: null, problem: problemText(error) };
  }
}

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const api = await accountApi();
  if (!api) return <SignInFirst what="how you sign in" returnTo="/security" />;
  const state = pageState(await searchParams);
  const [factors, passkeys, consents] = await Promise.all([
    settle<FactorListResponse>(() => api.factors.list()),
    settle<Passkey[]>(() => api.passkeys.list()),
    settle<Consent[]>(() => api.consents.list()),
  ]);
  const totp = factors.value?.factors.find((f) => f.type === "totp");
  const hasSecondFactor = (factors.value?.factors.length ?? 0) > 0;
  const confirmPasskey = state.confirm === "remove-passkey" ? passkeys.value?.find((p) => p.id === state.id) : undefined;
  const confirmConsent = state.confirm === "revoke-consent" ? consents.value?.find((c) => c.applicationId === state.id) : undefined;

  return (
    <AccountPage title="Security" lead="How you sign in: your password, a second step after your password, passkeys, recovery codes, and the apps you let see your account.">
      <Outcome done={state.done} error={state.error} returnTo="/security" doneText={doneText} errorText={errorText} />

      <Section id="password" title="Password" lead="Use a long passphrase you use nowhere else. Plinto keeps only a one-way hash of it.">
        <form action={changePasswordAction} className="grid max-w-xl gap-4">
          <Field label="Current password" hint="Leave empty if your account has no password yet (you may be asked to sign in again).">
            <Input type="password" name="currentPassword" autoComplete="current-password" maxLength={1024} />
          </Field>
          <Field label="New password">
            <Input type="password" name="newPassword" autoComplete="new-password" required maxLength={1024} />
          </Field>
          <Field label="New password again">
            <Input type="password" name="confirmPassword" autoComplete="new-password" required maxLength={1024} />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="signOutOtherSessions" className="size-4" />
            Sign out of every other session too
          </label>
          <div>
            <Button type="submit">Change password</Button>
          </div>
        </form>
      </Section>

      <Section
        id="two-factor"
        title="Two-step verification"
        lead="After your password, signing in asks for a code from an authenticator app on your phone (or a passkey), so a stolen password alone is not enough."
      >
        {factors.problem ? (
          <Alert variant="danger" title="Your second factors could not be loaded">
            {factors.problem}
          </Alert>
        ) : (
          <>
            <TotpEnrolment offer={!totp} />
            {totp ? (
              <div className="space-y-3">
                <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-line p-3" data-testid="totp-factor">
                  <div>
                    <p className="font-medium">
                      Authenticator app <Badge tone="success">On</Badge>
                    </p>
                    <p className="text-sm text-muted">
                      Added {when(totp.createdAt)} · last used {when(totp.lastUsedAt, "never")}
                    </p>
                  </div>
                  {state.confirm === "remove-factor" ? null : (
                    <ButtonLink href={withState("/security", { confirm: "remove-factor", id: totp.id }) + "#two-factor"} variant="ghost" size="sm">
                      Remove authenticator app
                    </ButtonLink>
                  )}
                </div>
                {state.confirm === "remove-factor" && state.id === totp.id ? (
                  <ConfirmPanel
                    title="Remove the authenticator app?"
                    consequence={
                      (factors.value?.factors.length ?? 0) > 1
                        ? "Signing in will no longer accept its codes; your passkeys still work as a second step."
                        : "Signing in will ask for your password only, and your recovery codes stop working."
                    }
                    action={removeFactorAction}
                    fields={{ id: totp.id }}
                    confirmLabel="Remove it"
                    confirmVariant="danger"
                    cancelHref="/security#two-factor"
                    cancelLabel="Keep it"
                  />
            ) : null}
          </div>
            ) : null}
          </>
        )}
      </Section>

      <Section id="passkeys" title="Passkeys" lead="Sign in with your fingerprint, face, screen lock or a security key instead of a password. A passkey also counts as your second step.">
        {confirmPasskey ? (
          <ConfirmPanel
            title={`Remove the passkey "${confirmPasskey.name}"?`}
            consequence="It can no longer sign in to your account. The device keeps it until you delete it there."
            action={removePasskeyAction}
            fields={{ id: confirmPasskey.id }}
            confirmLabel="Remove passkey"
            confirmVariant="danger"
            cancelHref="/security#passkeys"
            cancelLabel="Keep it"
          />
        ) : null}
        {passkeys.problem ? (
          <Alert variant="danger" title="Your passkeys could not be loaded">
            {passkeys.problem}
          </Alert>
        ) : passkeys.value && passkeys.value.length > 0 ? (
          <ul className="space-y-2" aria-label="Your passkeys">
            {passkeys.value.map((passkey) => (
              <li key={passkey.id} className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-line p-3" data-testid="passkey">
                <div>
                  <p className="font-medium break-words">{passkey.name}</p>
                  <p className="text-sm text-muted">
                    Added {when(passkey.createdAt)} · last used {when(passkey.lastUsedAt, "never")}
                  </p>
                </div>
                <ButtonLink
                  href={withState("/security", { confirm: "remove-passkey", id: passkey.id }) + "#passkeys"}
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove the passkey ${passkey.name}`}
                >
                  Remove
                </ButtonLink>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">You have no passkeys yet.</p>
        )}
        <PasskeyEnrolment />
      </Section>

      <Section
        id="recovery-codes"
        title="Recovery codes"
        lead="Single-use codes for the day your phone or security key is not with you. Each signs you in once, in place of the second step."
      >
        {factors.value ? (
          hasSecondFactor ? (
            <div className="space-y-3">
              <p data-testid="recovery-codes-left">
                {factors.value.recoveryCodes.remaining === 0
                  ? "You have no unused recovery codes left. Make new ones now."
                  : `${factors.value.recoveryCodes.remaining} unused ${factors.value.recoveryCodes.remaining === 1 ? "code" : "codes"} left.`}
              </p>
              {state.confirm === "recovery-codes" ? (
                <RegenerateRecoveryCodes cancelHref="/security#recovery-codes" />
              ) : (
                <ButtonLink href={withState("/security", { confirm: "recovery-codes" }) + "#recovery-codes"} variant="secondary">
                  Make new recovery codes
                </ButtonLink>
              )}
            </div>
          ) : (
            <p className="text-sm text-muted">You get recovery codes with your first second factor (an authenticator app or a passkey).</p>
          )
        ) : null}
      </Section>

      <Section
        id="applications"
        title="Connected applications"
        lead="Apps from other companies you allowed to see parts of your account. Taking access back signs the app out; it asks again next time you use it."
      >
        {confirmConsent ? (
          <ConfirmPanel
            title={`Take back access from ${confirmConsent.applicationName}?`}
            consequence="Its tokens stop working now, and it has to ask you again."
            action={revokeConsentAction}
            fields={{ id: confirmConsent.applicationId }}
            confirmLabel="Take back access"
            confirmVariant="danger"
            cancelHref="/security#applications"
            cancelLabel="Keep access"
          />
        ) : null}
        {consents.problem ? (
          <Alert variant="danger" title="Your connected applications could not be loaded">
            {consents.problem}
          </Alert>
        ) : consents.value && consents.value.length > 0 ? (
          <ul className="space-y-2" aria-label="Connected applications">
            {consents.value.map((consent) => (
              <li key={consent.applicationId} className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-line p-3">
                <div>
                  <p className="font-medium">{consent.applicationName}</p>
                  <p className="text-sm text-muted">
                    May see: {consent.scopes.join(", ")} · allowed {when(consent.grantedAt)}
                  </p>
                </div>
                <ButtonLink
                  href={withState("/security", { confirm: "revoke-consent", id: consent.applicationId }) + "#applications"}
                  variant="ghost"
                  size="sm"
                  aria-label={`Take back access from ${consent.applicationName}`}
                >
                  Take back access
                </ButtonLink>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState headingLevel={3} title="No connected applications" description="When an app from another company asks to see your account and you allow it, it shows here." />
        )}
      </Section>
    </AccountPage>
  );
}
