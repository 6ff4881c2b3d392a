import { hostedPath } from "../../_lib/hosted";
import { passkeySecondFactorAction, passkeySecondFactorOptionsAction } from "../../_lib/passkey-actions";
import { PasskeySignIn } from "./PasskeySignIn";

/**
 * The "Use a passkey" option of the second-factor page (/t/{tenant}/mfa), for a pending sign-in
 * whose methods include `passkey`: the browser's passkey prompt lists that user's passkeys, and the
 * pending sign-in completes with the one chosen. Shown by the second-factor page when the pending sign-in offers a passkey.
 */
export function MfaPasskey({ tenantSlug }: { tenantSlug: string }) {
  return (
    <PasskeySignIn
      autofill={false}
      label="Use a passkey"
      optionsAction={passkeySecondFactorOptionsAction.bind(null, tenantSlug)}
      signInAction={passkeySecondFactorAction.bind(null, tenantSlug)}
      signInHref={hostedPath(tenantSlug, "sign-in")}
    />
  );
}
