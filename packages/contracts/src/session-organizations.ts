import { z } from "zod";
import { authPath, bodyErrors, type Operation } from "./operation";

/**
 * The end user's own organizations (`/v1/tenants/{tenant}/auth/organizations`) and the one their
 * session acts in. Tokens issued under the session with the `organizations` scope carry the active
 * organization as `org_id`, `org_slug`, `org_role` and `org_permissions`.
 */

const organizationId = z
  .string({ error: "organizationId is an organization id or null" })
  .regex(/^org_[0-9a-hjkmnp-tv-z]{26}$/, { error: "Expected an organization id like org_01…" });

/** One organization the caller belongs to, with their role in it. */
export const sessionOrganizationSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  role: z.string().describe("The key of the caller's role in the organization (owner, admin, member or a custom role)"),
  active: z.boolean().describe("Whether the caller's session acts in this organization"),
});
export type SessionOrganization = z.infer<typeof sessionOrganizationSchema>;

/** The organization the session acts in, with what the caller's role there allows. */
export const sessionActiveOrganizationSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  role: z.string(),
  permissions: z.array(z.string()).describe("The permission keys of the caller's role, sorted"),
});

/** `GET organizations`: the caller's organizations and the active one (none when not chosen and not exactly one). */
export const sessionOrganizationListResponseSchema = z.object({
  organizations: z.array(sessionOrganizationSchema),
  active: sessionActiveOrganizationSchema.nullable(),
});
export type SessionOrganizationListResponse = z.infer<typeof sessionOrganizationListResponseSchema>;

/** `PUT organizations/active`: act in this organization from now on, or clear the choice with null. */
export const switchOrganizationRequestSchema = z.object({
  organizationId: organizationId.nullable(),
});
export type SwitchOrganizationRequest = z.infer<typeof switchOrganizationRequestSchema>;

export const switchOrganizationResponseSchema = z.object({ active: sessionActiveOrganizationSchema.nullable() });
export type SwitchOrganizationResponse = z.infer<typeof switchOrganizationResponseSchema>;

const acme = {
  id: "org_01jd8z6q3m4n5p6r7s8t9v0w1x",
  slug: "acme",
  name: "Acme",
  role: "admin",
  permissions: ["domains:manage", "members:invite", "members:manage", "members:read", "organization:update"],
};

export const sessionOrganizationOperations: Operation[] = [
  {
    method: "get", path: authPath("organizations"), operationId: "listMyOrganizations", tag: "Sessions", security: "session",
    summary: "The caller's organizations and the one their session acts in",
    success: { status: 200, description: "By organization name", schema: sessionOrganizationListResponseSchema },
    errors: ["unauthorized", "not_found"],
    examples: {
      response: {
        organizations: [
          { id: acme.id, slug: acme.slug, name: acme.name, role: acme.role, active: true },
          { id: "org_01jd8z7a2b3c4d5e6f7g8h9j0k", slug: "globex", name: "Globex", role: "member", active: false },
        ],
        active: acme,
      },
    },
  },
  {
    method: "put", path: authPath("organizations/active"), operationId: "switchOrganization", tag: "Sessions", security: "session",
    summary: "Act in another organization (null clears the choice); tokens refreshed from now on carry it",
    body: switchOrganizationRequestSchema,
    success: { status: 200, description: "The session's active organization now", schema: switchOrganizationResponseSchema },
    errors: [...bodyErrors, "unauthorized"],
    examples: { request: { organizationId: acme.id }, response: { active: acme } },
  },
];
