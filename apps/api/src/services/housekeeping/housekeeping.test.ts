import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mfaChallenges, oidcModels, verifications, webauthnChallenges } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../test/instance";
import { hashToken, randomToken } from "../../lib/crypto";
import { systemContext } from "../context";
import { createTenant } from "../tenants/tenants";
import { createUser } from "../users/users";
import { runHousekeeping } from "./housekeeping";

let database: TestDatabase;
let tenantId: string;
let userId: string;

beforeAll(async () => {
  ({ database } = await getTestInstance());
  tenantId = (await createTenant(database.db, systemContext, { slug: "upkeep", name: "Upkeep" })).id;
  userId = (await createUser(database.db, systemContext, { tenantId, email: "upkeep@example.com", emailVerified: true })).id;
});
afterAll(async () => {
  await database?.dispose();
});

const NOW = new Date("2031-03-01T12:00:00.000Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

/** One row per table that expired `hours` before NOW (negative: still to expire); returns their markers. */
async function rows(hours: number) {
  const marker = randomToken(16);
  const expiresAt = hoursAgo(hours);
  const db = database.db;
  await db.insert(mfaChallenges).values({ tenantId, userId, tokenHash: hashToken(`m-${marker}`), amr: ["pwd"], expiresAt });
  await db.insert(webauthnChallenges).values({ tenantId, userId, ceremony: "authentication", challengeHash: hashToken(`w-${marker}`), expiresAt });
  await db.insert(verifications).values({ tenantId, userId, purpose: "verify_email", email: "upkeep@example.com", tokenHash: hashToken(`v-${marker}`), expiresAt });
  await db.insert(oidcModels).values({ tenantId, model: "AuthorizationCode", id: `o-${marker}`, payload: {}, expiresAt });
  return marker;
}

async function present(marker: string) {
  const db = database.db;
  return {
    mfa: (await db.select().from(mfaChallenges).where(eq(mfaChallenges.tokenHash, hashToken(`m-${marker}`)))).length,
    webauthn: (await db.select().from(webauthnChallenges).where(eq(webauthnChallenges.challengeHash, hashToken(`w-${marker}`)))).length,
    verification: (await db.select().from(verifications).where(eq(verifications.tokenHash, hashToken(`v-${marker}`)))).length,
    oidc: (await db.select().from(oidcModels).where(eq(oidcModels.id, `o-${marker}`))).length,
  };
}

describe("housekeeping", () => {
  it("deletes rows expired more than a day ago and keeps the rest", async () => {
    const longGone = await rows(25);
    const recentlyExpired = await rows(2);
    const live = await rows(-1);
    const result = await runHousekeeping(database.db, { now: NOW });
    expect(result).toEqual({ mfaChallenges: 1, webauthnChallenges: 1, verifications: 1, oidcModels: 1 });
    expect(await present(longGone)).toEqual({ mfa: 0, webauthn: 0, verification: 0, oidc: 0 });
    expect(await present(recentlyExpired)).toEqual({ mfa: 1, webauthn: 1, verification: 1, oidc: 1 });
    expect(await present(live)).toEqual({ mfa: 1, webauthn: 1, verification: 1, oidc: 1 });
  });

  it("leaves OpenID Provider rows without an expiry alone", async () => {
    await database.db.insert(oidcModels).values({ tenantId, model: "Client", id: "forever", payload: {}, expiresAt: null });
    await runHousekeeping(database.db, { now: new Date("2099-01-01T00:00:00Z") });
    expect(await database.db.select().from(oidcModels).where(eq(oidcModels.id, "forever"))).toHaveLength(1);
  });
});
