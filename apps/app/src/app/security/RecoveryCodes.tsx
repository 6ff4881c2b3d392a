"use client";

import { Alert, Button, ButtonLink } from "@plinto/ui";
import { useActionState } from "react";
import { ReauthPanel } from "~/components/ReauthPanel";
import { RecoveryCodeList } from "./RecoveryCodeList";
import { regenerateRecoveryCodesAction, type RecoveryCodesState } from "./actions";

/** New recovery codes after the page's confirmation step: shown here once, the old ones dead. */
export function RegenerateRecoveryCodes({ cancelHref }: { cancelHref: string }) {
  const [state, action, pending] = useActionState<RecoveryCodesState, FormData>(regenerateRecoveryCodesAction, { status: "idle" });
  if (state.status === "new") {
    return (
      <div className="space-y-2">
        <Alert variant="success" title="New recovery codes">
          Your earlier codes stopped working. Save these now: they are not shown again.
        </Alert>
        <RecoveryCodeList codes={state.recoveryCodes} />
        <ButtonLink href="/security#recovery-codes" variant="secondary">
          I&apos;ve saved my codes
        </ButtonLink>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {state.status === "failed" ? (
        state.error === "reauthentication_required" ? (
          <ReauthPanel returnTo="/security?confirm=recovery-codes#recovery-codes" what="New recovery codes" />
        ) : (
          <Alert variant="danger">No new codes were made ({state.error}).</Alert>
        )
      ) : null}
      <Alert variant="warning" title="Make new recovery codes?">
        <form action={action} className="mt-2 flex flex-wrap items-center gap-3">
          <span>Your current codes stop working at once; only the new ones will sign you in.</span>
          <Button type="submit" disabled={pending}>
            {pending ? "Making codes…" : "Make new codes"}
          </Button>
          <a href={cancelHref} className="text-sm font-medium text-brand-700 underline">
            Keep my codes
          </a>
        </form>
      </Alert>
    </div>
  );
}
