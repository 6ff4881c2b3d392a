import type { z } from "zod";
import { ServiceError } from "../services/errors";

/** A zod failure as the `errors` of a validation_failed problem: one entry per field, in order. */
export function fieldErrors(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.join(".") || "(body)", message: issue.message }));
}

/** Parses `value` with `schema`, or throws the validation_failed ServiceError a route answers with. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ServiceError("validation_failed", "Some fields are not valid", fieldErrors(parsed.error));
}

/** Request bodies are small JSON documents; anything larger is refused before it is parsed. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** Reads a JSON body (refusing other content types, oversized or malformed bodies) and parses it. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new ServiceError("unsupported_media_type", "Send the body as application/json");
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_JSON_BODY_BYTES) {
    throw new ServiceError("payload_too_large", `The body is larger than ${MAX_JSON_BODY_BYTES} bytes`);
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BODY_BYTES) {
    throw new ServiceError("payload_too_large", `The body is larger than ${MAX_JSON_BODY_BYTES} bytes`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ServiceError("malformed_json", "The body is not valid JSON");
  }
  return parseWith(schema, body);
}

/**
 * Reads a raw body (a file upload) of at most `maxBytes`: refused from its declared length, or as
 * soon as the stream passes the limit, so an oversized upload is never held whole in memory.
 */
export async function readBinaryBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new ServiceError("payload_too_large", `The body is larger than ${maxBytes} bytes`);
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
