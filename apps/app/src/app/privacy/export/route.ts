import { accountApi, errorCode } from "~/lib/account";

export const dynamic = "force-dynamic";

/**
 * "Download my data": the API's export of everything it holds about the signed-in user, as a
 * JSON file. The portal adds nothing and keeps nothing; signed out, back to the privacy page.
 */
export async function GET(request: Request): Promise<Response> {
  const api = await accountApi();
  const page = new URL("/privacy", request.url);
  if (!api) return Response.redirect(page, 303);
  try {
    const data = await api.privacy.export();
    const day = data.exportedAt.slice(0, 10);
    return new Response(`${JSON.stringify(data, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="plinto-account-${day}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    page.searchParams.set("error", errorCode(error));
    return Response.redirect(page, 303);
  }
}
