import { Badge, Button, Select } from "@plinto/ui";

/**
 * The role column of a people table (an organization's members, a tenant's admins): a picker with
 * its own form for whoever may change roles, the role as a badge for anyone else. `fields` are the
 * hidden inputs that tell the action what to change.
 */
export function RoleCell(props: {
  email: string;
  role: string;
  roles: readonly string[];
  mayChange: boolean;
  action: (form: FormData) => Promise<void>;
  fields: Record<string, string>;
}) {
  if (!props.mayChange) return <Badge>{props.role}</Badge>;
  // A role no longer offered (a deleted custom role) stays selectable, so saving keeps it.
  const choices = props.roles.includes(props.role) ? props.roles : [props.role, ...props.roles];
  return (
    <form action={props.action} className="flex items-center gap-2">
      {Object.entries(props.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Select name="role" defaultValue={props.role} aria-label={`Role of ${props.email}`} className="h-9 min-w-28">
        {choices.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </Select>
      <Button type="submit" variant="secondary" size="sm" aria-label={`Change the role of ${props.email}`}>
        Change
      </Button>
    </form>
  );
}
