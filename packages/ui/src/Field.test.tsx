import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Field } from "./Field";
import { Input } from "./Input";
import { Select } from "./Select";
import { Textarea } from "./Textarea";
import { attr, findTag } from "./testing";

describe("Field", () => {
  it("points the label at the control and describes it with hint and error", () => {
    const html = renderToStaticMarkup(
      <Field label="Email" hint="We send the sign-in code here." error="Enter an email address." required>
        <Input type="email" name="email" />
      </Field>,
    );
    const input = findTag(html, "input");
    const id = attr(input, "id");
    expect(id).toBeTruthy();
    expect(attr(findTag(html, "label"), "for")).toBe(id);

    const hintId = attr(findTag(html, "p", "-hint"), "id");
    const errorId = attr(findTag(html, "p", "-error"), "id");
    expect(attr(input, "aria-describedby")?.split(" ")).toEqual([hintId, errorId]);
    expect(attr(input, "aria-invalid")).toBe("true");
    expect(input).toMatch(/\srequired=""/);
    expect(html).toContain("We send the sign-in code here.");
    expect(html).toContain("Enter an email address.");
  });

  it("leaves aria-invalid and aria-describedby off a valid field without a hint", () => {
    const input = findTag(renderToStaticMarkup(<Field label="Name"><Input /></Field>), "input");
    expect(attr(input, "aria-invalid")).toBeUndefined();
    expect(attr(input, "aria-describedby")).toBeUndefined();
    expect(input).not.toMatch(/\srequired/);
  });

  it("keeps a control's own id and describedby, and works with select, textarea and a render function", () => {
    const html = renderToStaticMarkup(
      <>
        <Field label="Role" hint="Admins can invite.">
          <Select id="role" aria-describedby="extra">
            <option>Member</option>
          </Select>
        </Field>
        <Field label="Reason" error="Say why.">
          <Textarea />
        </Field>
        <Field label="Custom" id="custom" hint="Given by hand.">
          {(control) => <input {...control} data-custom="" />}
        </Field>
      </>,
    );
    const select = findTag(html, "select");
    expect(attr(select, "id")).toBe("role");
    expect(attr(select, "aria-describedby")).toBe("role-hint extra");
    expect(attr(findTag(html, "label", 'for="role"'), "for")).toBe("role");

    const textarea = findTag(html, "textarea");
    expect(attr(textarea, "aria-describedby")).toBe(`${attr(textarea, "id")}-error`);
    expect(attr(textarea, "aria-invalid")).toBe("true");

    const custom = findTag(html, "input", "data-custom");
    expect(attr(custom, "id")).toBe("custom");
    expect(attr(custom, "aria-describedby")).toBe("custom-hint");
  });
});
