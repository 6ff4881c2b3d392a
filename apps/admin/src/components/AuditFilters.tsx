import { AUDIT_ACTOR_TYPES } from "@plinto/contracts";
import { Button, ButtonLink, Field, Input, Select } from "@plinto/ui";
import { ACTOR_TYPE_WORDS, type AuditFilterForm } from "~/lib/audit";

/** The audit log's filters: a plain GET form, so a filtered view is a link one can share. */
export function AuditFilters({ form }: { form: AuditFilterForm }) {
  return (
    <form method="get" action="/audit" aria-labelledby="audit-filters-title" className="rounded-card border border-line bg-surface p-5">
      <h2 id="audit-filters-title" className="text-base font-semibold">
        Filter events
      </h2>
      <div className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Field label="Action" hint="An action like user.blocked, or a prefix ending in a dot like user.">
          <Input name="action" defaultValue={form.action} placeholder="user.blocked" autoComplete="off" />
        </Field>
        <Field label="Actor" hint="The id of who acted: a user, admin or API key">
          <Input name="actor" defaultValue={form.actor} placeholder="usr_… or key_…" autoComplete="off" />
        </Field>
        <Field label="Actor type">
          <Select name="actorType" defaultValue={form.actorType}>
            <option value="">Any</option>
            {AUDIT_ACTOR_TYPES.map((type) => (
              <option key={type} value={type}>
                {ACTOR_TYPE_WORDS[type]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Target" hint="The id of what was changed">
          <Input name="target" defaultValue={form.target} placeholder="usr_… or org_…" autoComplete="off" />
        </Field>
        <Field label="From (UTC)">
          <Input type="datetime-local" name="from" defaultValue={form.from} />
        </Field>
        <Field label="Until (UTC)">
          <Input type="datetime-local" name="to" defaultValue={form.to} />
        </Field>
      </div>
      <div className="mt-5 flex flex-wrap gap-3">
        <Button type="submit">Apply filters</Button>
        <ButtonLink href="/audit" variant="secondary">
          Clear
        </ButtonLink>
      </div>
    </form>
  );
}
