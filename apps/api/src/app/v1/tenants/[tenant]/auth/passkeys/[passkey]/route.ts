import { passkeyIdSchema, passkeySchema, renamePasskeyRequestSchema } from "@plinto/contracts";
import { noContent } from "../../../../../../../lib/http";
import { requestContext } from "../../../../../../../lib/request";
import { route } from "../../../../../../../lib/route";
import { getRuntime } from "../../../../../../../lib/runtime";
import { parseJsonBody } from "../../../../../../../lib/validation";
import { ServiceError } from "../../../../../../../services/errors";
import { removePasskey, renamePasskey } from "../../../../../../../services/passkeys/passkeys";
import { callerSession, respond, unauthorizedResponse } from "../../_shared";
import { passkeyJson } from "../serialize";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ tenant: string; passkey: string }> };

const noSuchPasskey = () => new ServiceError("not_found", "No such passkey");

/** Renames one of the caller's passkeys. Another user's (or tenant's) is not_found, like none. */
export const PATCH = route(async (request: Request, { params }: Params) => {
  const { tenant, passkey } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  if (!passkeyIdSchema.safeParse(passkey).success) throw noSuchPasskey();
  const { name } = await parseJsonBody(request, renamePasskeyRequestSchema);
  const renamed = await renamePasskey(runtime.database.db, requestContext(request, { type: "user", id: caller.user.id }), {
    tenantId: caller.tenant.id,
    userId: caller.user.id,
    passkeyId: passkey,
    name,
  });
  return respond(passkeySchema, passkeyJson(renamed));
});

/** Removes one of the caller's passkeys; needs a sign-in within the last 5 minutes. */
export const DELETE = route(async (request: Request, { params }: Params) => {
  const { tenant, passkey } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  if (!passkeyIdSchema.safeParse(passkey).success) throw noSuchPasskey();
  await removePasskey(runtime.database.db, runtime, requestContext(request, { type: "user", id: caller.user.id }), {
    tenantId: caller.tenant.id,
    userId: caller.user.id,
    passkeyId: passkey,
    session: caller.session,
  });
  return noContent();
});
