import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AVATAR_MAX_BYTES, profileResponseSchema } from "@plinto/contracts";
import { auditEvents, userAvatars } from "@plinto/db/schema";
import type { TestDatabase } from "@plinto/db/testing";
import { accountWorld } from "../../../../test/account";
import { getTestInstance } from "../../../../test/instance";
import { bodyOf, problemOf } from "../../../../test/responses";
import type { Runtime } from "../../../lib/runtime";
import { sniffImageType } from "../../../services/account/avatars";
import { requireUser } from "../../../services/account/profile";
import { userClaims } from "../../../services/oidc/claims";

let runtime: Runtime;
let database: TestDatabase;
let world: Awaited<ReturnType<typeof accountWorld>>;
let other: Awaited<ReturnType<typeof accountWorld>>;

beforeAll(async () => {
  ({ runtime, database } = await getTestInstance());
  world = await accountWorld(database.db, "acct-profile");
  other = await accountWorld(database.db, "acct-profile-other");
});
afterAll(async () => {
  await database?.dispose();
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const WEBP = new Uint8Array([0x52, 0x49, 0x46, 0x46, 30, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20]);
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');

describe("image sniffing", () => {
  it("knows PNG, JPEG and WebP by their bytes and nothing else", () => {
    expect(sniffImageType(PNG)).toBe("image/png");
    expect(sniffImageType(JPEG)).toBe("image/jpeg");
    expect(sniffImageType(WEBP)).toBe("image/webp");
    expect(sniffImageType(SVG)).toBeUndefined();
    expect(sniffImageType(new TextEncoder().encode("GIF89a......"))).toBeUndefined();
    // RIFF that is not WebP (a WAV file) is not a picture.
    expect(sniffImageType(new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45]))).toBeUndefined();
    expect(sniffImageType(PNG.slice(0, 7))).toBeUndefined();
  });
});

describe("GET and PATCH profile", () => {
  it("needs a live session of this tenant", async () => {
    const ada = await world.person();
    await problemOf(await world.call("getProfile", undefined), 401, "unauthorized");
    await problemOf(await other.call("getProfile", ada), 401, "unauthorized");
    await problemOf(await world.call("updateProfile", undefined, { body: { name: "x" } }), 401, "unauthorized");
  });

  it("shows the caller's own profile, nothing secret", async () => {
    const ada = await world.person({ label: "ada" });
    const { profile } = await bodyOf(await world.call("getProfile", ada), 200, profileResponseSchema, /hash|secret|password/i);
    expect(profile).toMatchObject({ id: ada.id, email: ada.email, emailVerified: true, name: "ada", givenName: null, picture: null, locale: null });
  });

  it("changes only the fields sent, clears with null or an empty string, and audits the names", async () => {
    const ada = await world.person({ label: "ada" });
    const first = await bodyOf(
      await world.call("updateProfile", ada, { body: { givenName: " Ada ", familyName: "Lovelace", locale: "en-GB" } }),
      200,
      profileResponseSchema,
    );
    expect(first.profile).toMatchObject({ name: "ada", givenName: "Ada", familyName: "Lovelace", locale: "en-GB" });
    const second = await bodyOf(await world.call("updateProfile", ada, { body: { familyName: null, locale: "" } }), 200, profileResponseSchema);
    expect(second.profile).toMatchObject({ name: "ada", givenName: "Ada", familyName: null, locale: null });
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, world.tenant.id), eq(auditEvents.action, "user.profile_updated"), eq(auditEvents.targetId, ada.id)));
    expect(events.map((e) => e.data)).toEqual([{ changed: ["givenName", "familyName", "locale"] }, { changed: ["familyName", "locale"] }]);
    expect(events.every((e) => e.actorType === "user" && e.actorId === ada.id)).toBe(true);
    // The OIDC claims come from the same row.
    const claims = userClaims(await requireUser(database.db, world.tenant.id, ada.id));
    expect(claims).toMatchObject({ given_name: "Ada", family_name: undefined, locale: undefined });
  });

  it("refuses a bad locale, an unknown field and a field it does not change here, and keeps the profile", async () => {
    const ada = await world.person();
    const bad = await problemOf(await world.call("updateProfile", ada, { body: { locale: "not a tag!" } }), 400, "validation_failed");
    expect(bad.errors?.[0]?.path).toBe("locale");
    await problemOf(await world.call("updateProfile", ada, { body: { email: "new@example.com" } }), 400, "validation_failed");
    await problemOf(await world.call("updateProfile", ada, { body: { pictureUrl: "https://evil.example/x.png" } }), 400, "validation_failed");
    await problemOf(await world.call("updateProfile", ada, { body: { name: "x".repeat(201) } }), 400, "validation_failed");
    const { profile } = await bodyOf(await world.call("getProfile", ada), 200, profileResponseSchema);
    expect(profile.locale).toBeNull();
  });
});

describe("avatar", () => {
  async function fetchAvatar(url: string, tenant = world) {
    const avatar = new URL(url).pathname.split("/").pop()!;
    return tenant.call("getAvatar", undefined, { params: { avatar } });
  }

  it("stores a PNG, serves it publicly with its sniffed type, nosniff and a long cache, and makes it the picture claim", async () => {
    const ada = await world.person();
    // The client claims HTML; the bytes are a PNG, and that is what counts.
    const { profile } = await bodyOf(await world.call("uploadAvatar", ada, { raw: { bytes: PNG, contentType: "text/html" } }), 200, profileResponseSchema);
    expect(profile.picture).toMatch(new RegExp(`^${runtime.config.publicUrl}/v1/tenants/acct-profile/avatars/avt_[0-9a-z]{26}$`));
    const served = await fetchAvatar(profile.picture!);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("content-security-policy")).toContain("sandbox");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
    expect(userClaims(await requireUser(database.db, world.tenant.id, ada.id)).picture).toBe(profile.picture);
  });

  it("takes JPEG and WebP whatever the claimed type, and a new upload replaces the old one", async () => {
    const ada = await world.person();
    const jpeg = await bodyOf(await world.call("uploadAvatar", ada, { raw: { bytes: JPEG, contentType: "application/octet-stream" } }), 200, profileResponseSchema);
    expect((await fetchAvatar(jpeg.profile.picture!)).headers.get("content-type")).toBe("image/jpeg");
    const webp = await bodyOf(await world.call("uploadAvatar", ada, { raw: { bytes: WEBP } }), 200, profileResponseSchema);
    expect(webp.profile.picture).not.toBe(jpeg.profile.picture);
    expect((await fetchAvatar(webp.profile.picture!)).headers.get("content-type")).toBe("image/webp");
    await problemOf(await fetchAvatar(jpeg.profile.picture!), 404, "not_found");
    const kept = await database.db.select().from(userAvatars).where(and(eq(userAvatars.tenantId, world.tenant.id), eq(userAvatars.userId, ada.id)));
    expect(kept).toHaveLength(1);
  });

  it("refuses what is not a PNG, JPEG or WebP, an empty body and more than 1 MB, and keeps the picture it had", async () => {
    const ada = await world.person();
    const { profile } = await bodyOf(await world.call("uploadAvatar", ada, { raw: { bytes: PNG } }), 200, profileResponseSchema);
    await problemOf(await world.call("uploadAvatar", ada, { raw: { bytes: SVG, contentType: "image/png" } }), 415, "unsupported_media_type");
    await problemOf(await world.call("uploadAvatar", ada, { raw: { bytes: new Uint8Array(0), contentType: "image/png" } }), 400, "validation_failed");
    const huge = new Uint8Array(AVATAR_MAX_BYTES + 1);
    huge.set(PNG);
    await problemOf(await world.call("uploadAvatar", ada, { raw: { bytes: huge, contentType: "image/png" } }), 413, "payload_too_large");
    const exactly = new Uint8Array(AVATAR_MAX_BYTES);
    exactly.set(JPEG);
    expect((await world.call("uploadAvatar", ada, { raw: { bytes: exactly } })).status).toBe(200);
    await problemOf(await fetchAvatar(profile.picture!), 404, "not_found");
    await problemOf(await world.call("uploadAvatar", undefined, { raw: { bytes: PNG } }), 401, "unauthorized");
  });

  it("is found only under its own tenant, and not by a made-up id", async () => {
    const ada = await world.person();
    const { profile } = await bodyOf(await world.call("uploadAvatar", ada, { raw: { bytes: PNG } }), 200, profileResponseSchema);
    await problemOf(await fetchAvatar(profile.picture!, other), 404, "not_found");
    await problemOf(await world.call("getAvatar", undefined, { params: { avatar: "avt_00000000000000000000000000" } }), 404, "not_found");
    await problemOf(await world.call("getAvatar", undefined, { params: { avatar: "../profile" } }), 404, "not_found");
  });

  it("is removed with DELETE: no picture, and its URL answers 404", async () => {
    const ada = await world.person();
    const { profile } = await bodyOf(await world.call("uploadAvatar", ada, { raw: { bytes: PNG } }), 200, profileResponseSchema);
    const removed = await bodyOf(await world.call("removeAvatar", ada), 200, profileResponseSchema);
    expect(removed.profile.picture).toBeNull();
    await problemOf(await fetchAvatar(profile.picture!), 404, "not_found");
    expect(userClaims(await requireUser(database.db, world.tenant.id, ada.id)).picture).toBeUndefined();
    const audit = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, world.tenant.id), eq(auditEvents.targetId, ada.id)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["user.avatar_updated", "user.avatar_removed"]));
  });
});
