import type { SigningKey } from "@plinto/contracts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A key summary on the wire. */
export function signingKeyJson(key: {
  id: string;
  kid: string;
  alg: SigningKey["alg"];
  status: SigningKey["status"];
  activatedAt: Date | null;
  retiredAt: Date | null;
  expiresAt: Date | null;
}): SigningKey {
  return {
    id: key.id,
    kid: key.kid,
    alg: key.alg,
    status: key.status,
    activatedAt: iso(key.activatedAt),
    retiredAt: iso(key.retiredAt),
    expiresAt: key.status === "retired" ? iso(key.expiresAt) : null,
  };
}
