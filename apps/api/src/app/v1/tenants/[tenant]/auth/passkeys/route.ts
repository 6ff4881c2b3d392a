import { passkeyListResponseSchema } from "@plinto/contracts";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { listPasskeys } from "../../../../../../services/passkeys/passkeys";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../_shared";
import { passkeyJson } from "./serialize";

export const dynamic = "force-dynamic";

/** The caller's passkeys, oldest first. */
export const GET = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const passkeys = await listPasskeys(runtime.database.db, { tenantId: caller.tenant.id, userId: caller.user.id });
  return respond(passkeyListResponseSchema, { passkeys: passkeys.map(passkeyJson) });
});
