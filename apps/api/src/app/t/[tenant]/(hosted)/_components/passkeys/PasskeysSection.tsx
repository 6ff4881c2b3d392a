import { getRuntime } from "../../../../../../lib/runtime";
import { listPasskeys } from "../../../../../../services/passkeys/passkeys";
import { hostedPath, type HostedTenant } from "../../_lib/hosted";
import {
  addPasskeyAction,
  passkeyRegistrationOptionsAction,
  removePasskeyAction,
  renamePasskeyAction,
} from "../../_lib/passkey-actions";
import { toPasskeyView } from "../../_lib/passkey-view";
import { PasskeyManager } from "./PasskeyManager";

/**
 * The signed-in page's "Passkeys" section: the user's passkeys, read here, managed by the client
 * part. A function the page awaits (not an async component), so the page renders in one pass.
 */
export async function passkeysSection(tenant: HostedTenant, userId: string) {
  const { database } = await getRuntime();
  const passkeys = (await listPasskeys(database.db, { tenantId: tenant.id, userId })).map(toPasskeyView);
  return (
    <PasskeyManager
      initialPasskeys={passkeys}
      signInHref={hostedPath(tenant.slug, "sign-in")}
      actions={{
        registrationOptions: passkeyRegistrationOptionsAction.bind(null, tenant.slug),
        add: addPasskeyAction.bind(null, tenant.slug),
        rename: renamePasskeyAction.bind(null, tenant.slug),
        remove: removePasskeyAction.bind(null, tenant.slug),
      }}
    />
  );
}
