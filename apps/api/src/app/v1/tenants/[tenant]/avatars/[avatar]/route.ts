import { problem } from "../../../../../../lib/http";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { findAvatar } from "../../../../../../services/account/avatars";

export const dynamic = "force-dynamic";

/**
 * A user's uploaded picture, public like the OIDC `picture` claim that points here. Served with
 * the type sniffed at upload, `nosniff`, and a sandboxing CSP, so a browser never treats it as
 * anything but an image; each upload has a new id, so the answer may be cached for a year.
 */
export const GET = route(async (_request: Request, { params }: { params: Promise<{ tenant: string; avatar: string }> }) => {
  const { tenant, avatar } = await params;
  const runtime = await getRuntime();
  const found = await findAvatar(runtime.database.db, tenant, avatar);
  if (!found) return problem("not_found", "No such picture");
  return new Response(new Uint8Array(found.bytes), {
    status: 200,
    headers: {
      "content-type": found.contentType,
      "content-length": String(found.bytes.length),
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cross-origin-resource-policy": "cross-origin",
      "last-modified": found.createdAt.toUTCString(),
    },
  });
});
