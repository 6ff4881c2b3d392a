import { PlintoApiError, PlintoNetworkError } from "@plinto/sdk";

/** What a person reads when the API refused or could not be reached; never a token or a stack. */
export function problemText(error: unknown): string {
  if (error instanceof PlintoApiError || error instanceof PlintoNetworkError) return error.message;
  return "The API did not answer as expected.";
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
/** A timestamp from the API, shown in UTC so server and reader agree; `never` when there is none. */
export const when = (iso: string | null, never = "Never") => (iso ? `${dateFormat.format(new Date(iso))} UTC` : never);
