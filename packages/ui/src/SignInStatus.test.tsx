import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SignInStatus } from "./SignInStatus";
import { attr, findTag, findTags } from "./testing";

describe("SignInStatus", () => {
  it("signed out: one form posting to the sign-in route with a Sign in submit button", () => {
    const html = renderToStaticMarkup(<SignInStatus user={null} signInAction="/auth/sign-in" signOutAction="/auth/sign-out" returnTo="/users" />);
    const form = findTag(html, "form");
    expect(attr(form, "method")).toBe("post");
    expect(attr(form, "action")).toBe("/auth/sign-in");
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*>Sign in<\/button>/);
    expect(html).toMatch(/<input[^>]*name="callbackUrl"[^>]*value="\/users"/);
    expect(html).not.toContain("Sign out");
  });

  it("signed in: the name and email, and a Sign out form", () => {
    const html = renderToStaticMarkup(
      <SignInStatus user={{ name: "Ada Lovelace", email: "ada@example.com" }} signInAction="/auth/sign-in" signOutAction="/auth/sign-out" />,
    );
    expect(html).toContain("Signed in as ");
    expect(html).toMatch(/data-testid="signed-in-name"[^>]*>Ada Lovelace</);
    expect(html).toMatch(/data-testid="signed-in-email"[^>]*>ada@example.com</);
    const forms = findTags(html, "form");
    expect(forms).toHaveLength(1);
    expect(attr(forms[0]!, "action")).toBe("/auth/sign-out");
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*>Sign out<\/button>/);
  });

  it("signed in without a name: the email stands in for it, once", () => {
    const html = renderToStaticMarkup(<SignInStatus user={{ name: null, email: "ada@example.com" }} signInAction="/a" signOutAction="/b" />);
    expect(html.match(/ada@example\.com/g)).toHaveLength(1);
    expect(html).toMatch(/data-testid="signed-in-name"[^>]*>ada@example.com</);
  });
});
