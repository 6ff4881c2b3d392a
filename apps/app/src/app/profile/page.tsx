import { AVATAR_MAX_BYTES, type AccountProfile } from "@plinto/contracts";
import { Alert, Badge, Button, Field, Input, problemText, when } from "@plinto/ui";
import type { Metadata } from "next";
import { AccountPage, Outcome, Section, SignInFirst } from "~/components/AccountPage";
import { accountApi, pageState } from "~/lib/account";
import { cancelEmailChangeAction, confirmEmailChangeAction, removeAvatarAction, startEmailChangeAction, uploadAvatarAction } from "./actions";
import { DetailsForm } from "./DetailsForm";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Profile" };

const doneText = {
  picture: "Your new picture is saved.",
  "picture-removed": "Your picture is removed.",
  "email-sent": "We sent a code and a link to the new address, and a notice to your current one. Confirm from the new address to finish.",
  "email-changed": "Your email address is changed. Your old address got a notice.",
  "email-cancelled": "The address change is cancelled; your email address stays as it was.",
};
const errorText = {
  "no-file": "Choose a picture first.",
  payload_too_large: `That picture is too large: at most ${AVATAR_MAX_BYTES / 1024 / 1024} MB.`,
  unsupported_media_type: "That file is not a PNG, JPEG or WebP picture.",
  "invalid-email": "Enter an email address like name@example.com.",
  "invalid-code": "Type the 6-digit code from the email to your new address.",
  invalid_verification: "That code is not right, or it has expired. Ask for a new one.",
  conflict: "Another account already uses that address.",
  validation_failed: "That address cannot be used (is it already yours?).",
};

const initials = (profile: AccountProfile) =>
  (profile.name ?? profile.email)
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");

export default async function ProfilePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const api = await accountApi();
  if (!api) return <SignInFirst what="your profile" returnTo="/profile" />;
  const state = pageState(await searchParams);
  let profile: AccountProfile | null = null;
  let problem: string | null = null;
  try {
    profile = await api.profile.get();
  } catch (error) {
    problem = problemText(error);
  }

  return (
    <AccountPage title="Profile" lead="Your name, picture and email address, as the apps you sign in to see them.">
      <Outcome done={state.done} error={state.error} returnTo="/profile" doneText={doneText} errorText={errorText} />
      {problem || !profile ? (
        <Alert variant="danger" title="Your profile could not be loaded">
          {problem}
        </Alert>
      ) : (
        <>
          <Section id="details" title="Your details">
            <DetailsForm
              current={{ name: profile.name ?? "", givenName: profile.givenName ?? "", familyName: profile.familyName ?? "", locale: profile.locale ?? "" }}
            />
          </Section>

          <Section id="picture" title="Picture" lead={`A PNG, JPEG or WebP image of at most ${AVATAR_MAX_BYTES / 1024 / 1024} MB. Apps show it beside your name.`}>
            <div className="flex flex-wrap items-center gap-6">
              {profile.picture ? (
                // eslint-disable-next-line @next/next/no-img-element -- served by the API, already sized and cached there
                <img src={profile.picture} alt="Your current picture" width={96} height={96} className="size-24 rounded-full border border-line object-cover" data-testid="avatar" />
              ) : (
                <span aria-hidden="true" className="flex size-24 items-center justify-center rounded-full bg-brand-100 text-2xl font-bold text-brand-800">
                  {initials(profile)}
                </span>
              )}
              <form action={uploadAvatarAction} className="flex flex-wrap items-end gap-3">
                <Field label="New picture">
                  <Input type="file" name="picture" accept="image/png,image/jpeg,image/webp" required />
                </Field>
                <Button type="submit" variant="secondary">
                  Upload picture
                </Button>
              </form>
              {profile.picture ? (
                <form action={removeAvatarAction}>
                  <Button type="submit" variant="ghost">
                    Remove picture
                  </Button>
                </form>
              ) : null}
            </div>
          </Section>

          <Section id="email" title="Email address" lead="Where Plinto sends sign-in links, codes and security notices. A new address must be confirmed from that address.">
            <p>
              <span className="font-medium" data-testid="current-email">
                {profile.email}
              </span>{" "}
              {profile.emailVerified ? <Badge tone="success">Confirmed</Badge> : <Badge tone="warning">Not confirmed yet</Badge>}
            </p>
            {profile.pendingEmail ? (
              <div className="space-y-3 rounded-md border border-line p-4">
                <p>
                  Waiting for confirmation from <strong>{profile.pendingEmail.email}</strong> (until {when(profile.pendingEmail.expiresAt)}). Open the link in that
                  email, or type its code here.
                </p>
                <form action={confirmEmailChangeAction} className="flex flex-wrap items-end gap-3">
                  <Field label="Code from the email">
                    <Input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" maxLength={7} required className="max-w-40" />
                  </Field>
                  <Button type="submit">Confirm new address</Button>
                </form>
                <form action={cancelEmailChangeAction}>
                  <Button type="submit" variant="ghost">
                    Cancel the change
                  </Button>
                </form>
              </div>
            ) : (
              <form action={startEmailChangeAction} className="flex flex-wrap items-end gap-3">
                <Field label="New email address" hint="You may be asked to sign in again first.">
                  <Input type="email" name="email" autoComplete="email" required maxLength={320} className="min-w-72" />
                </Field>
                <Button type="submit" variant="secondary">
                  Change email address
                </Button>
              </form>
            )}
          </Section>
        </>
      )}
    </AccountPage>
  );
}
