import type {
  Domain as DomainJson,
  Invitation as InvitationJson,
  Member as MemberJson,
  Organization as OrganizationJson,
  Permission as PermissionJson,
  Role as RoleJson,
} from "@plinto/contracts";
import { verificationRecord, type Domain } from "../../../services/organizations/domains";
import { invitationStatus, type Invitation } from "../../../services/organizations/invitations";
import { mfaPolicyOf, type Member, type Organization } from "../../../services/organizations/organizations";
import type { Permission, Role } from "../../../services/organizations/roles";

const iso = (at: Date) => at.toISOString();

/** A path segment as given; one that does not decode is kept as is (and then matches nothing). */
export function pathSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function organizationJson(o: Organization): OrganizationJson {
  return {
    id: o.id,
    name: o.name,
    slug: o.slug,
    metadata: o.metadata,
    mfaPolicy: mfaPolicyOf(o),
    managedTenantId: o.managedTenantId,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
  };
}

export function memberJson(m: Member): MemberJson {
  return { id: m.id, userId: m.userId, email: m.email, name: m.name, role: m.role, joinedAt: iso(m.createdAt), updatedAt: iso(m.updatedAt) };
}

export function roleJson(r: Role): RoleJson {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    description: r.description,
    builtIn: r.builtIn,
    permissions: r.permissions,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function permissionJson(p: Permission): PermissionJson {
  return { id: p.id, key: p.key, description: p.description, builtIn: p.builtIn, createdAt: iso(p.createdAt) };
}

/** An invitation on the wire: its status as of now (expired when past due), never the token's hash. */
export function invitationJson(i: Invitation, now = new Date()): InvitationJson {
  return {
    id: i.id,
    organizationId: i.organizationId,
    email: i.email,
    role: i.role,
    status: invitationStatus(i, now),
    invitedByUserId: i.invitedByUserId,
    expiresAt: iso(i.expiresAt),
    respondedAt: i.respondedAt ? iso(i.respondedAt) : null,
    createdAt: iso(i.createdAt),
  };
}

export function domainJson(d: Domain): DomainJson {
  return {
    id: d.id,
    organizationId: d.organizationId,
    domain: d.domain,
    verified: d.verifiedAt !== null,
    verifiedAt: d.verifiedAt ? iso(d.verifiedAt) : null,
    autoJoin: d.autoJoin,
    verification: verificationRecord(d),
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}
