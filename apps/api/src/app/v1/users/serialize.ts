import type { ManagedUser } from "@plinto/contracts";
import type { User } from "../../../services/users/directory";

/** A user on the wire: the profile, never a credential. */
export function userJson(user: User): ManagedUser {
  return {
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    name: user.name,
    givenName: user.givenName,
    familyName: user.familyName,
    pictureUrl: user.pictureUrl,
    locale: user.locale,
    status: user.status === "blocked" ? "blocked" : "active",
    metadata: user.metadata,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** What Next hands every route under `/v1/users/[user]/`. */
export type UserParams = { params: Promise<{ user: string }> };
