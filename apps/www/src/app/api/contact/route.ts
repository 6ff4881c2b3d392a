import { randomUUID } from "node:crypto";
import { wwwDataDir } from "~/env";
import { CONTACT_BODY_LIMIT, contactMessageSchema, type StoredContactMessage } from "~/lib/contact";
import { ownOrigins } from "~/lib/origin";
import { appendRecord } from "~/lib/records";
import { fieldErrors, isSameOrigin, problem, readLimited } from "~/lib/request";

/**
 * Takes a message from the contact form and keeps it in the site's outbox,
 * `$PLINTO_HOME/www/contact-outbox.jsonl` — the same idea as the API's development mail outbox:
 * nothing is mailed or forwarded; whoever runs the site reads the file. The form posts here as JSON
 * (with JavaScript) or as an ordinary form (without), which is answered with a redirect.
 */
export async function POST(request: Request): Promise<Response> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim();
  const isForm = type === "application/x-www-form-urlencoded";
  if (!isSameOrigin(request.headers, ownOrigins(request))) return problem("forbidden", "Send your message from the contact page.");
  if (type !== "application/json" && !isForm) return problem("unsupported_media_type", "Send the message as JSON or as a form.");

  const body = await readLimited(request, CONTACT_BODY_LIMIT);
  if (body === null) return isForm ? back("too-large") : problem("payload_too_large", "A message is at most 16 KB.");
  let input: unknown;
  if (isForm) {
    input = Object.fromEntries(new URLSearchParams(body));
  } else {
    try {
      input = JSON.parse(body);
    } catch {
      return problem("malformed_json");
    }
  }

  const parsed = contactMessageSchema.safeParse(input);
  if (!parsed.success) return isForm ? back("invalid") : problem("validation_failed", "Some fields need another look.", fieldErrors(parsed.error.issues));

  const stored: StoredContactMessage = { id: `msg_${randomUUID()}`, at: new Date().toISOString(), ...parsed.data };
  await appendRecord(wwwDataDir(), "contact-outbox.jsonl", { ...stored });
  if (isForm) return back(undefined, stored.id);
  return new Response(JSON.stringify({ id: stored.id }), { status: 201, headers: { "content-type": "application/json", "cache-control": "no-store" } });
}

/** The no-JavaScript answer: back to the contact page, saying what happened. */
function back(error?: "invalid" | "too-large", id?: string): Response {
  const query = error ? `?error=${error}` : `?sent=${encodeURIComponent(id ?? "")}`;
  return new Response(null, { status: 303, headers: { location: `/contact${query}#contact-form`, "cache-control": "no-store" } });
}
