import type { Operation } from "./operation";

/**
 * Permissions every tenant has from the start, used by the built-in organization roles. A tenant
 * adds its own permissions and custom roles beside them.
 */
export const BUILT_IN_PERMISSIONS = {
  "organization:update": "Rename the organization and change its settings",
  "organization:delete": "Delete the organization",
  "members:read": "See the organization's members",
  "members:invite": "Invite people to the organization",
  "members:manage": "Change members' roles and remove members",
  "domains:manage": "Add and verify the organization's email domains",
} as const;
export type BuiltInPermission = keyof typeof BUILT_IN_PERMISSIONS;

/** The organization roles every tenant has; their permissions cannot be edited. */
export const BUILT_IN_ROLES = {
  owner: { name: "Owner", permissions: Object.keys(BUILT_IN_PERMISSIONS) as BuiltInPermission[] },
  admin: {
    name: "Admin",
    permissions: ["organization:update", "members:read", "members:invite", "members:manage", "domains:manage"] as BuiltInPermission[],
  },
  member: { name: "Member", permissions: ["members:read"] as BuiltInPermission[] },
} as const;
export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

export const organizationOperations: Operation[] = [];
