import { wwwDataDir } from "~/env";
import { consentFromCookieHeader } from "~/lib/consent";
import { conversionEventSchema, EVENT_BODY_LIMIT, type StoredConversionEvent } from "~/lib/events";
import { ownOrigins } from "~/lib/origin";
import { appendRecord } from "~/lib/records";
import { fieldErrors, isSameOrigin, problem, readLimited } from "~/lib/request";

/**
 * Records one conversion event (a sign-up button pressed) in `$PLINTO_HOME/www/events.jsonl`.
 * The page sends it only after consent; the route checks the consent cookie as well, so a script
 * that ignores the banner still records nothing. What is stored is the event and the time —
 * no address, no user agent, no identifier.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request.headers, ownOrigins(request))) return problem("forbidden", "Only this site's own pages can record events.");
  if (consentFromCookieHeader(request.headers.get("cookie")) !== "granted") {
    return problem("forbidden", "Nothing is recorded without the visitor's consent (the plinto_consent cookie is not granted).");
  }
  if (request.headers.get("content-type")?.split(";")[0]?.trim() !== "application/json") {
    return problem("unsupported_media_type", "Send the event as application/json.");
  }
  const body = await readLimited(request, EVENT_BODY_LIMIT);
  if (body === null) return problem("payload_too_large", `An event is at most ${EVENT_BODY_LIMIT} bytes.`);
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    return problem("malformed_json");
  }
  const parsed = conversionEventSchema.safeParse(input);
  if (!parsed.success) return problem("validation_failed", undefined, fieldErrors(parsed.error.issues));

  const stored: StoredConversionEvent = { ...parsed.data, at: new Date().toISOString() };
  await appendRecord(wwwDataDir(), "events.jsonl", { ...stored });
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}
