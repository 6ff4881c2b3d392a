import { createOwnOrganizationRequestSchema, ownOrganizationResponseSchema, sessionOrganizationListResponseSchema } from "@plinto/contracts";
import { requestContext } from "../../../../../../lib/request";
import { parseJsonBody } from "../../../../../../lib/validation";
import { createOwnOrganization } from "../../../../../../services/account/organizations";
import { route } from "../../../../../../lib/route";
import { getRuntime } from "../../../../../../lib/runtime";
import { activeOrganization, organizationsOf } from "../../../../../../services/organizations/active";
import { callerSession, respond, unauthorizedResponse, type TenantRouteContext } from "../_shared";

export const dynamic = "force-dynamic";

/** The caller's organizations and the one their session acts in (the same one tokens carry). */
export const GET = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const { db } = runtime.database;
  const who = { tenantId: caller.tenant.id, userId: caller.user.id };
  const mine = await organizationsOf(db, who);
  const active = await activeOrganization(db, { ...who, sessionActiveOrganizationId: caller.session.activeOrganizationId }, mine);
  return respond(sessionOrganizationListResponseSchema, {
    organizations: mine.map((o) => ({ id: o.id, slug: o.slug, name: o.name, role: o.role, active: o.id === active?.id })),
    active: active ?? null,
  });
});

/** Creates an organization the caller owns, where the tenant lets users create them. */
export const POST = route(async (request: Request, { params }: TenantRouteContext) => {
  const { tenant } = await params;
  const runtime = await getRuntime();
  const caller = await callerSession(runtime, tenant, request);
  if (!caller) return unauthorizedResponse();
  const input = await parseJsonBody(request, createOwnOrganizationRequestSchema);
  const ctx = requestContext(request, { type: "user", id: caller.user.id });
  const created = await runtime.database.db.transaction((tx) => createOwnOrganization(tx, ctx, { tenant: caller.tenant, userId: caller.user.id, ...input }));
  return respond(ownOrganizationResponseSchema, { organization: created }, { status: 201 });
});
