import type { Passkey } from "@plinto/contracts";
import type { PasskeySummary } from "../../../../../../services/passkeys/passkeys";

/** A passkey on the wire: its row id and name, never the credential id, key or counter. */
export function passkeyJson(passkey: PasskeySummary): Passkey {
  return {
    id: passkey.id,
    name: passkey.name,
    transports: passkey.transports,
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
  };
}
