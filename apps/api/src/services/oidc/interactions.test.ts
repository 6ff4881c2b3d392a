import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { loginDecision, type InteractionView } from "./interactions";

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const interaction = (over: Partial<InteractionView> = {}): InteractionView => ({
  uid: "abcdefghijkl",
  iat: Math.floor(NOW / 1000),
  prompt: { name: "login", reasons: ["no_session"], details: {} },
  params: {},
  ...over,
});
const live = (authTime: number, id = "usr_1") => ({ user: { id }, session: { authTime: new Date(authTime), amr: ["pwd"], acr: null } });
const hintFor = (sub: string) => new SignJWT({ sub }).setProtectedHeader({ alg: "HS256" }).sign(new Uint8Array(32));

describe("loginDecision", () => {
  it("finishes with the session's user, time, methods and the single-factor class", () => {
    expect(loginDecision(interaction(), live(NOW - 5_000), NOW)).toEqual({
      kind: "finish",
      login: { accountId: "usr_1", ts: Math.floor((NOW - 5_000) / 1000), amr: ["pwd"], acr: "urn:plinto:acr:1fa", remember: true },
    });
  });

  it("sends a browser without a session to sign in", () => {
    expect(loginDecision(interaction(), undefined, NOW)).toEqual({ kind: "sign_in", why: "no_session" });
  });

  it("prompt=login needs a sign-in in a later second than the request", () => {
    const forced = interaction({ prompt: { name: "login", reasons: ["login_prompt"], details: {} } });
    expect(loginDecision(forced, live(NOW - 60_000), NOW)).toMatchObject({ kind: "sign_in", why: "fresh_sign_in" });
    expect(loginDecision(forced, live(NOW + 500), NOW)).toMatchObject({ kind: "sign_in", why: "fresh_sign_in" });
    expect(loginDecision(forced, live(NOW + 1_000), NOW + 2_000)).toMatchObject({ kind: "finish" });
  });

  it("prompt=login takes a sign-in in the request's own second when the start is known to the millisecond", () => {
    const started = NOW + 100;
    const forced = interaction({ startedAt: started, prompt: { name: "login", reasons: ["login_prompt"], details: {} } });
    expect(loginDecision(forced, live(started + 200), started + 300)).toMatchObject({ kind: "finish" });
    expect(loginDecision(forced, live(started), started + 300)).toMatchObject({ kind: "sign_in", why: "fresh_sign_in" });
    expect(loginDecision(forced, live(started - 50), started + 300)).toMatchObject({ kind: "sign_in", why: "fresh_sign_in" });
  });

  it("max_age counts from the session's sign-in", () => {
    const limited = interaction({ params: { max_age: 60 } });
    expect(loginDecision(limited, live(NOW - 61_000), NOW)).toMatchObject({ kind: "sign_in", why: "max_age" });
    expect(loginDecision(limited, live(NOW - 59_000), NOW)).toMatchObject({ kind: "finish" });
  });

  it("an id_token_hint for someone else asks for a sign-in", async () => {
    const hinted = (sub: string) => hintFor(sub).then((hint) => interaction({ params: { id_token_hint: hint } }));
    expect(loginDecision(await hinted("usr_2"), live(NOW), NOW)).toMatchObject({ kind: "sign_in", why: "other_user" });
    expect(loginDecision(await hinted("usr_1"), live(NOW), NOW)).toMatchObject({ kind: "finish" });
    expect(loginDecision(interaction({ params: { id_token_hint: "not a jwt" } }), live(NOW), NOW)).toMatchObject({ kind: "sign_in" });
  });

  it("acr_values asking for a second factor the session lacks needs a step-up; a session that has it passes", () => {
    const asking = interaction({ params: { acr_values: "urn:plinto:acr:2fa" } });
    expect(loginDecision(asking, live(NOW), NOW)).toEqual({ kind: "step_up" });
    const strong = { ...live(NOW), session: { authTime: new Date(NOW), amr: ["pwd", "otp"], acr: "urn:plinto:acr:2fa" } };
    expect(loginDecision(asking, strong, NOW)).toMatchObject({ kind: "finish", login: { acr: "urn:plinto:acr:2fa", amr: ["pwd", "otp"] } });
    // Either class will do: the single-factor session is enough.
    expect(loginDecision(interaction({ params: { acr_values: "urn:plinto:acr:1fa urn:plinto:acr:2fa" } }), live(NOW), NOW)).toMatchObject({ kind: "finish" });
  });
});
