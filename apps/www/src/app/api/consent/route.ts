import { z } from "zod";
import { CONSENT_CHOICES, consentSetCookie } from "~/lib/consent";
import { ownOrigins, servedOverHttps } from "~/lib/origin";
import { fieldErrors, isSameOrigin, localPath, problem, readLimited } from "~/lib/request";

const consentRequestSchema = z.object({
  choice: z.enum(CONSENT_CHOICES, { error: "choice is granted or denied" }),
  returnTo: z.string().optional(),
});

/**
 * Remembers the visitor's answer to the cookie banner in the consent cookie. Posted by the banner's
 * form (without JavaScript: answered with a redirect back to the page) or by its script (JSON).
 * Only this site's own pages may set it: another site cannot say yes in a visitor's name.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request.headers, ownOrigins(request))) return problem("forbidden", "Only this site's own pages can record a cookie choice.");
  const body = await readLimited(request, 2048);
  if (body === null) return problem("payload_too_large");

  const type = request.headers.get("content-type")?.split(";")[0]?.trim();
  let input: unknown;
  if (type === "application/json") {
    try {
      input = JSON.parse(body);
    } catch {
      return problem("malformed_json");
    }
  } else if (type === "application/x-www-form-urlencoded") {
    input = Object.fromEntries(new URLSearchParams(body));
  } else {
    return problem("unsupported_media_type", "Send the choice as JSON or as a form.");
  }

  const parsed = consentRequestSchema.safeParse(input);
  if (!parsed.success) return problem("validation_failed", undefined, fieldErrors(parsed.error.issues));

  const cookie = consentSetCookie(parsed.data.choice, { secure: servedOverHttps() });
  if (type === "application/json") {
    return new Response(JSON.stringify({ choice: parsed.data.choice }), {
      status: 200,
      headers: { "content-type": "application/json", "set-cookie": cookie, "cache-control": "no-store" },
    });
  }
  return new Response(null, {
    status: 303,
    headers: { location: localPath(parsed.data.returnTo), "set-cookie": cookie, "cache-control": "no-store" },
  });
}
