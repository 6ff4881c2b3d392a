import { buildOpenApiDocument, operations } from "@plinto/contracts";
import { describe, expect, it } from "vitest";
import { referenceOf } from "./reference";

describe("referenceOf", () => {
  const document = buildOpenApiDocument("http://localhost:4000");
  const tags = referenceOf(document);
  const all = tags.flatMap((t) => t.operations);

  it("keeps every operation of the document, each once, under its tag", () => {
    expect(all.map((o) => o.operationId).sort()).toEqual(operations.map((o) => o.operationId).sort());
    for (const op of operations) {
      const found = all.find((o) => o.operationId === op.operationId)!;
      expect(found).toMatchObject({ method: op.method, path: op.path, tag: op.tag, summary: op.summary });
    }
  });

  it("carries parameters, bodies with their examples, and every answer including the errors", () => {
    const create = all.find((o) => o.operationId === "createApplication")!;
    expect(create.requestBody?.example).toEqual(operations.find((o) => o.operationId === "createApplication")!.examples!.request);
    expect(create.responses.map((r) => r.status)).toEqual(expect.arrayContaining(["201", "400", "401", "403", "409"]));
    expect(create.scope).toBe("applications:write");
    expect(create.security).toEqual(["apiKey", "adminToken"]);
    const get = all.find((o) => o.operationId === "getApplication")!;
    expect(get.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["path:application", "header:plinto-tenant"]);
    expect(all.find((o) => o.operationId === "getHealth")!.security).toEqual([]);
  });
});
