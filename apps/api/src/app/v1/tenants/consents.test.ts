import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consentListResponseSchema, consentRevokedResponseSchema } from "@plinto/contracts";
import type { TestDatabase } from "@plinto/db/testing";
import { getTestInstance } from "../../../../test/instance";
import { createApplication } from "../../../services/applications/applications";
import { systemContext } from "../../../services/context";
import { rememberConsent, rememberedScopes } from "../../../services/oidc/consents";
import { createTenant } from "../../../services/tenants/tenants";
import { bodyOf, getConsents, problemOf, revokeConsent, signedIn, signedUpAndVerified } from "./testing";

let database: TestDatabase;
const home = { slug: "rest-consents", id: "" };
let applicationId = "";

beforeAll(async () => {
  ({ database } = await getTestInstance());
  home.id = (await createTenant(database.db, systemContext, { slug: home.slug, name: "Consents" })).id;
  const { application } = await database.db.transaction((tx) =>
    createApplication(tx, systemContext, {
      tenantId: home.id,
      name: "Partner app",
      type: "web",
      firstParty: false,
      redirectUris: ["https://partner.example/cb"],
    }),
  );
  applicationId = application.id;
});
afterAll(async () => {
  await database?.dispose();
});

async function userWithConsent() {
  const { email } = await signedUpAndVerified(database.db, home);
  const session = await signedIn(home.slug, email);
  await database.db.transaction((tx) =>
    rememberConsent(tx, systemContext, { tenantId: home.id, userId: session.user.id, applicationId, scopes: ["openid", "email"] }),
  );
  return session;
}

describe("the caller's consents", () => {
  it("lists only the caller's own, and revoking one makes the application ask again", async () => {
    const alice = await userWithConsent();
    const bob = await signedIn(home.slug, (await signedUpAndVerified(database.db, home)).email);

    const listed = await bodyOf(await getConsents(home.slug, { bearer: alice.sessionToken }), consentListResponseSchema);
    expect(listed.consents).toEqual([
      expect.objectContaining({ applicationId, applicationName: "Partner app", scopes: ["email", "openid"] }),
    ]);
    expect((await bodyOf(await getConsents(home.slug, { bearer: bob.sessionToken }), consentListResponseSchema)).consents).toEqual([]);

    // Bob cannot take back what Alice allowed: to him it does not exist.
    const foreign = await revokeConsent(home.slug, applicationId, { bearer: bob.sessionToken });
    expect(foreign.status).toBe(404);
    expect(await problemOf(foreign)).toMatchObject({ code: "not_found" });

    const revoked = await revokeConsent(home.slug, applicationId, { cookie: alice.sessionToken });
    expect(await bodyOf(revoked, consentRevokedResponseSchema)).toEqual({ status: "revoked" });
    expect(await rememberedScopes(database.db, { tenantId: home.id, userId: alice.user.id, applicationId })).toEqual(new Set());
    expect((await revokeConsent(home.slug, applicationId, { bearer: alice.sessionToken })).status).toBe(404);
  });

  it("needs a live session; a malformed application id is not_found", async () => {
    expect((await getConsents(home.slug)).status).toBe(401);
    expect((await revokeConsent(home.slug, applicationId)).status).toBe(401);
    const alice = await userWithConsent();
    expect((await revokeConsent(home.slug, "../../etc", { bearer: alice.sessionToken })).status).toBe(404);
  });
});
