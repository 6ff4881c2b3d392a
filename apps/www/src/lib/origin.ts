import { urlOf } from "~/env";

/** The origins this site's own pages post from: its public address and the one the request reached. */
export function ownOrigins(request: Request): string[] {
  return [new URL(urlOf("www")).origin, new URL(request.url).origin];
}

/** Whether cookies this site sets should be Secure: when its public address is https. */
export function servedOverHttps(): boolean {
  return new URL(urlOf("www")).protocol === "https:";
}
