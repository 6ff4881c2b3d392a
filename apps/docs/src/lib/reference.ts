import { buildOpenApiDocument } from "@plinto/contracts";
import { slugify } from "./text";

/**
 * The API reference's view of the OpenAPI document. The document is built by the same function
 * that serves `/v1/openapi.json` (from the wire contract), so the reference cannot drift from it;
 * this only regroups it for pages. Nothing here adds facts the document does not hold.
 */
export type JsonSchema = { [key: string]: unknown };

export interface ReferenceParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface ReferenceMedia {
  mediaType: string;
  schema: JsonSchema;
  example?: unknown;
}

export interface ReferenceResponse {
  status: string;
  description: string;
  content: ReferenceMedia[];
  headers: Array<{ name: string; description: string }>;
}

export interface ReferenceOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  tag: string;
  tagSlug: string;
  /** Names of the security schemes that may call it (any one of them); empty for no authentication. */
  security: string[];
  scope?: string;
  parameters: ReferenceParameter[];
  requestBody?: ReferenceMedia;
  responses: ReferenceResponse[];
}

export interface ReferenceTag {
  name: string;
  slug: string;
  operations: ReferenceOperation[];
}

interface RawOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Array<Record<string, unknown>>;
  "x-plinto-scope"?: string;
  parameters?: ReferenceParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema; example?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema; example?: unknown }>; headers?: Record<string, { description: string }> }>;
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

export const METHOD_ORDER = ["get", "post", "put", "patch", "delete"] as const;

function media(content: Record<string, { schema: JsonSchema; example?: unknown }> | undefined): ReferenceMedia[] {
  return Object.entries(content ?? {}).map(([mediaType, { schema, example }]) => ({ mediaType, schema, ...(example === undefined ? {} : { example }) }));
}

/** Every operation of the document, grouped by tag in the document's tag order, in path order within a tag. */
export function referenceOf(document: OpenApiDocument): ReferenceTag[] {
  const tags = new Map<string, ReferenceTag>(document.tags.map((t) => [t.name, { name: t.name, slug: slugify(t.name), operations: [] }]));
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const method of METHOD_ORDER) {
      const raw = (methods as Record<string, RawOperation | undefined>)[method];
      if (!raw) continue;
      const tagName = raw.tags[0] ?? "Other";
      let tag = tags.get(tagName);
      if (!tag) tags.set(tagName, (tag = { name: tagName, slug: slugify(tagName), operations: [] }));
      const body = media(raw.requestBody?.content)[0];
      tag.operations.push({
        operationId: raw.operationId,
        method,
        path,
        summary: raw.summary,
        ...(raw.description ? { description: raw.description } : {}),
        tag: tagName,
        tagSlug: tag.slug,
        security: raw.security.flatMap((requirement) => Object.keys(requirement)),
        ...(raw["x-plinto-scope"] ? { scope: raw["x-plinto-scope"] } : {}),
        parameters: raw.parameters ?? [],
        ...(body ? { requestBody: body } : {}),
        responses: Object.entries(raw.responses).map(([status, response]) => ({
          status,
          description: response.description,
          content: media(response.content),
          headers: Object.entries(response.headers ?? {}).map(([name, h]) => ({ name, description: h.description })),
        })),
      });
    }
  }
  return [...tags.values()].filter((t) => t.operations.length > 0);
}

/** The reference as the docs show it, for an API at `apiUrl` (the document's server). */
export function loadReference(apiUrl: string) {
  const document = buildOpenApiDocument(apiUrl);
  return { document, tags: referenceOf(document) };
}

/** `#/components/schemas/Problem` → the schema it names. */
export function resolveRef(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/components/schemas/")) return schema;
  const name = ref.slice("#/components/schemas/".length);
  return ((document.components.schemas as Record<string, JsonSchema>)[name] ?? schema) as JsonSchema;
}

/** Where an operation is described: `/docs/{version}/reference/{tag}#{operationId}`. */
export function operationHref(version: string, op: Pick<ReferenceOperation, "tagSlug" | "operationId">): string {
  return `/docs/${version}/reference/${op.tagSlug}#${op.operationId}`;
}
