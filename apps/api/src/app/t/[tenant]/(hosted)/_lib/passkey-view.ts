import type { PasskeySummary } from "../../../../../services/passkeys/passkeys";

/**
 * What the passkey components get from the server: types and a mapping only, shared by the
 * actions (server) and the components (client).
 */

/** One of the signed-in user's passkeys, as the page shows it (dates as ISO text). */
export interface PasskeyView {
  id: string;
  name: string;
  transports: string[];
  createdAt: string;
  lastUsedAt: string | null;
  /** "Added 5 Mar 2026 · Last used 7 Mar 2026", formatted once on the server (no hydration drift). */
  details: string;
}

/** A passkey action's answer: what it did, or why not (the service's code and words). */
export type PasskeyActionResult<T extends object> = ({ ok: true } & T) | { ok: false; code: string; message: string };

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export function toPasskeyView(passkey: PasskeySummary): PasskeyView {
  return {
    id: passkey.id,
    name: passkey.name,
    transports: passkey.transports,
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
    details: `Added ${day.format(passkey.createdAt)} · ${passkey.lastUsedAt ? `Last used ${day.format(passkey.lastUsedAt)}` : "Not used yet"}`,
  };
}
