import { Badge, type BadgeTone } from "@plinto/ui";
import type { ReactNode } from "react";
import type { JsonSchema, OpenApiDocument, ReferenceMedia, ReferenceOperation } from "~/lib/reference";
import { resolveRef } from "~/lib/reference";

const methodTone: Record<string, BadgeTone> = { get: "brand", post: "success", put: "warning", patch: "warning", delete: "danger" };

export function MethodBadge({ method }: { method: string }) {
  return (
    <Badge tone={methodTone[method] ?? "neutral"} className="font-mono uppercase">
      {method}
    </Badge>
  );
}

/** A short type for a schema: `string`, `array of object`, `"a" | "b"`, `string (uri)` … */
export function typeOf(schema: JsonSchema): string {
  if (schema.$ref) return String(schema.$ref).split("/").pop()!;
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return union.map(typeOf).join(" | ");
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (schema.type === "array") return `array of ${schema.items ? typeOf(schema.items as JsonSchema) : "anything"}`;
  if (schema.type === "object" || schema.properties) return "object";
  if (typeof schema.type === "string") return schema.format ? `${schema.type} (${String(schema.format)})` : schema.type;
  return "any";
}

const CONSTRAINTS: Array<[string, string]> = [
  ["minLength", "min length"],
  ["maxLength", "max length"],
  ["minimum", "≥"],
  ["maximum", "≤"],
  ["exclusiveMinimum", ">"],
  ["exclusiveMaximum", "<"],
  ["minItems", "min items"],
  ["maxItems", "max items"],
  ["pattern", "pattern"],
  ["default", "default"],
];

/** Bounds worth reading: not the safe-integer limits every integer carries, nor the pattern behind a format. */
function constraintsOf(schema: JsonSchema): string[] {
  return CONSTRAINTS.filter(([key]) => key in schema)
    .filter(([key]) => !(typeof schema[key] === "number" && Math.abs(schema[key]) === Number.MAX_SAFE_INTEGER))
    .filter(([key]) => !(key === "pattern" && schema.format))
    .map(([key, label]) => `${label} ${typeof schema[key] === "string" ? schema[key] : JSON.stringify(schema[key])}`);
}

/** The document's descriptions are CommonMark with `code` spans; show those as code. */
export function Described({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") ? (
          <code key={i} className="font-mono text-[0.9em]">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** The object schema nested in a property, if any (directly, in an array, or in a nullable union). */
function nestedObject(schema: JsonSchema): JsonSchema | undefined {
  if (schema.properties) return schema;
  if (schema.type === "array" && schema.items) return nestedObject(schema.items as JsonSchema);
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  const objects = union?.map(nestedObject).filter(Boolean) ?? [];
  return objects.length === 1 ? objects[0] : undefined;
}

/** Properties of an object schema as a list, nested objects indented under their property. */
export function SchemaView({ schema, document, depth = 0 }: { schema: JsonSchema; document: OpenApiDocument; depth?: number }) {
  const resolved = resolveRef(document, schema);
  const properties = resolved.properties as Record<string, JsonSchema> | undefined;
  const union = (resolved.anyOf ?? resolved.oneOf) as JsonSchema[] | undefined;
  if (!properties && union && union.some((s) => s.properties)) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-muted">One of:</p>
        {union.map((option, i) => (
          <div key={i} className="rounded-md border border-line p-3">
            <SchemaView schema={option} document={document} depth={depth + 1} />
          </div>
        ))}
      </div>
    );
  }
  if (!properties) {
    return (
      <p className="text-sm">
        <code className="font-mono text-brand-900">{typeOf(resolved)}</code>
        {resolved.description ? <span className="text-muted"> — {String(resolved.description)}</span> : null}
      </p>
    );
  }
  const required = new Set((resolved.required as string[] | undefined) ?? []);
  if (Object.keys(properties).length === 0) return <p className="text-sm text-muted">An empty object.</p>;
  return (
    <dl className={depth > 0 ? "mt-2 space-y-2 border-l border-line pl-4" : "space-y-2"}>
      {Object.entries(properties).map(([name, property]) => {
        const nested = depth < 4 ? nestedObject(resolveRef(document, property)) : undefined;
        const constraints = constraintsOf(property);
        return (
          <div key={name} className="text-sm">
            <dt className="flex flex-wrap items-baseline gap-x-2">
              <code className="font-mono font-semibold text-ink">{name}</code>
              <span className="font-mono text-xs text-muted">{typeOf(property)}</span>
              {required.has(name) ? <span className="text-xs font-semibold text-danger">required</span> : null}
            </dt>
            <dd className="text-muted">
              {property.description ? (
                <p>
                  <Described text={String(property.description)} />
                </p>
              ) : null}
              {constraints.length > 0 ? <p className="font-mono text-xs">{constraints.join(" · ")}</p> : null}
              {nested ? <SchemaView schema={nested} document={document} depth={depth + 1} /> : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <figure className="space-y-1">
      <figcaption className="text-xs font-semibold tracking-wide text-muted uppercase">{label}</figcaption>
      <pre className="rounded-md bg-ink px-4 py-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-white">
        <code>{JSON.stringify(value, null, 2)}</code>
      </pre>
    </figure>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-sm font-semibold tracking-wide text-ink uppercase">{title}</h3>
      {children}
    </section>
  );
}

function MediaView({ media, document, exampleLabel }: { media: ReferenceMedia; document: OpenApiDocument; exampleLabel: string }) {
  return (
    <div className="space-y-3">
      <p className="font-mono text-xs text-muted">{media.mediaType}</p>
      <SchemaView schema={media.schema} document={document} />
      {media.example !== undefined ? <JsonBlock value={media.example} label={exampleLabel} /> : null}
    </div>
  );
}

const securityWords: Record<string, string> = {
  apiKey: "an API key",
  adminToken: "an admin's access token",
  session: "the sign-in's session token",
  sessionCookie: "the session cookie",
};

/** One operation: what it does, who may call it, parameters, body, answers and errors. */
export function OperationView({ op, document, playgroundHref }: { op: ReferenceOperation; document: OpenApiDocument; playgroundHref: string }) {
  const success = op.responses.filter((r) => r.status.startsWith("2"));
  const others = op.responses.filter((r) => !r.status.startsWith("2"));
  return (
    <section id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="scroll-mt-6 space-y-5 border-t border-line pt-8">
      <header className="space-y-2">
        <h2 id={`${op.operationId}-title`} className="text-xl font-bold tracking-tight">
          {op.summary}
        </h2>
        <p className="flex flex-wrap items-center gap-2">
          <MethodBadge method={op.method} />
          <code className="font-mono text-sm break-all text-ink" data-testid="operation-path">
            {op.path}
          </code>
        </p>
        <p className="text-sm text-muted">
          <code className="font-mono">{op.operationId}</code> ·{" "}
          {op.security.length === 0 ? "no authentication" : `authenticate with ${op.security.map((s) => securityWords[s] ?? s).join(" or ")}`}
          {op.scope ? (
            <>
              {" "}
              · scope <code className="font-mono">{op.scope}</code>
            </>
          ) : null}{" "}
          ·{" "}
          <a className="font-medium text-brand-700 underline underline-offset-2" href={playgroundHref}>
            Try it<span className="sr-only"> ({op.operationId})</span>
          </a>
        </p>
        {op.description ? (
          <p className="text-sm">
            <Described text={op.description} />
          </p>
        ) : null}
      </header>

      {op.parameters.length > 0 ? (
        <Block title="Parameters">
          <dl className="space-y-2">
            {op.parameters.map((p) => (
              <div key={`${p.in}:${p.name}`} className="text-sm">
                <dt className="flex flex-wrap items-baseline gap-x-2">
                  <code className="font-mono font-semibold">{p.name}</code>
                  <span className="text-xs text-muted">
                    in {p.in} · <span className="font-mono">{typeOf(p.schema)}</span>
                  </span>
                  {p.required ? <span className="text-xs font-semibold text-danger">required</span> : null}
                </dt>
                <dd className="text-muted">{p.description ?? (p.schema.description ? String(p.schema.description) : null)}</dd>
              </div>
            ))}
          </dl>
        </Block>
      ) : null}

      {op.requestBody ? (
        <Block title="Request body">
          <MediaView media={op.requestBody} document={document} exampleLabel="Example request" />
        </Block>
      ) : null}

      {success.map((response) => (
        <Block key={response.status} title={`Response ${response.status}`}>
          <p className="text-sm">{response.description}</p>
          {response.headers.map((h) => (
            <p key={h.name} className="text-sm text-muted">
              Header <code className="font-mono">{h.name}</code>: {h.description}
            </p>
          ))}
          {response.content.map((media) => (
            <MediaView key={media.mediaType} media={media} document={document} exampleLabel="Example response" />
          ))}
        </Block>
      ))}

      {others.length > 0 ? (
        <Block title="Other answers">
          <ul className="space-y-1 text-sm">
            {others.map((r) => (
              <li key={r.status}>
                <code className="font-mono font-semibold">{r.status}</code> — {r.description}
                {r.content.some((c) => c.mediaType === "application/problem+json") ? (
                  <span className="text-muted"> (an application/problem+json problem)</span>
                ) : null}
              </li>
            ))}
          </ul>
        </Block>
      ) : null}
    </section>
  );
}
