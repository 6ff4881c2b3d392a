import type { AUDIT_ACTOR_TYPES } from "@plinto/contracts";

/**
 * The audit log's filters as the admin's form sends them, and as the API takes them. Empty fields
 * are no filter. The form's times are `datetime-local` values, read as UTC (the page says so).
 */
export interface AuditFilterForm {
  actor: string;
  actorType: string;
  action: string;
  target: string;
  from: string;
  to: string;
}

export const ACTOR_TYPE_WORDS: Record<(typeof AUDIT_ACTOR_TYPES)[number], string> = {
  admin: "Admin",
  api_key: "API key",
  user: "User",
  directory: "Directory",
  system: "Plinto",
};

type SearchParams = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? "";

export function filterForm(params: SearchParams): AuditFilterForm {
  return {
    actor: one(params.actor),
    actorType: one(params.actorType),
    action: one(params.action),
    target: one(params.target),
    from: one(params.from),
    to: one(params.to),
  };
}

/** `2026-11-27T09:30` (a datetime-local value, UTC) → ISO 8601; any other text goes as given for the API to judge. */
export function utcTime(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00.000Z` : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value) ? `${value}Z` : value;
}

/** The API query for a form: only the fields filled in. */
export function apiFilters(form: AuditFilterForm): Record<string, string> {
  const query: Record<string, string> = {};
  if (form.actor) query.actor = form.actor;
  if (form.actorType) query.actorType = form.actorType;
  if (form.action) query.action = form.action;
  if (form.target) query.targetId = form.target;
  if (form.from) query.from = utcTime(form.from);
  if (form.to) query.to = utcTime(form.to);
  return query;
}

/** The page's own query string for a form (and a cursor), to link the next page and the exports. */
export function formQuery(form: AuditFilterForm, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...form, ...extra })) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}
