"use client";

import { Alert, Button, Field, Input, Select, Textarea } from "@plinto/ui";
import { useEffect, useMemo, useState, type FormEvent } from "react";

/** What the playground needs of an operation (from the OpenAPI document, on the server). */
export interface PlaygroundOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  tag: string;
  authenticated: boolean;
  parameters: Array<{ name: string; in: "path" | "query" | "header" | "cookie"; required: boolean }>;
  /** The request example, when the operation takes a body (`{}` when the document has no example). */
  bodyExample?: unknown;
}

interface Answer {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: string;
  ms: number;
}

/** Kept in this tab only (sessionStorage): never sent to the docs server, gone when the tab closes. */
const STORAGE = { apiUrl: "plinto-docs:playground:api-url", credential: "plinto-docs:playground:credential", tenant: "plinto-docs:playground:tenant" };

function stored(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string) {
  try {
    if (value === "") window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode): the value just is not remembered.
  }
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * Sends one real request from the reader's browser straight to the API (CORS allows the docs
 * origin) and shows the answer. The key or token pasted here goes only to that API.
 */
export function Playground({ operations, defaultApiUrl, initialOperation }: { operations: PlaygroundOperation[]; defaultApiUrl: string; initialOperation: string }) {
  const [apiUrl, setApiUrl] = useState(defaultApiUrl);
  const [credential, setCredential] = useState("");
  const [tenant, setTenant] = useState("");
  const [operationId, setOperationId] = useState(initialOperation);
  const op = useMemo(() => operations.find((o) => o.operationId === operationId) ?? operations[0]!, [operations, operationId]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [body, setBody] = useState("");
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  // What this tab remembered, once mounted (the server render knows nothing of it).
  useEffect(() => {
    setApiUrl(stored(STORAGE.apiUrl) ?? defaultApiUrl);
    setCredential(stored(STORAGE.credential) ?? "");
    setTenant(stored(STORAGE.tenant) ?? "");
  }, [defaultApiUrl]);

  useEffect(() => {
    setValues({});
    setBody(op.bodyExample === undefined ? "" : JSON.stringify(op.bodyExample, null, 2));
    setAnswer(null);
    setFailure(null);
  }, [op]);

  const fields = op.parameters.filter((p) => p.in === "path" || p.in === "query");

  async function send(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setAnswer(null);
    let url: URL;
    try {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));
      url = new URL(path, apiUrl.replace(/\/+$/, "") + "/");
    } catch {
      setFailure("The API URL is not a URL.");
      return;
    }
    for (const p of fields.filter((f) => f.in === "query")) {
      const value = values[p.name];
      if (value) url.searchParams.set(p.name, value);
    }
    const headers = new Headers({ accept: "application/json, application/problem+json" });
    if (credential.trim()) headers.set("authorization", `Bearer ${credential.trim()}`);
    if (tenant.trim() && op.parameters.some((p) => p.in === "header")) headers.set("plinto-tenant", tenant.trim());
    let requestBody: string | undefined;
    if (op.bodyExample !== undefined) {
      try {
        requestBody = JSON.stringify(JSON.parse(body === "" ? "{}" : body));
      } catch {
        setFailure("The body is not valid JSON.");
        return;
      }
      headers.set("content-type", "application/json");
    }
    setSending(true);
    const started = performance.now();
    try {
      const response = await fetch(url, { method: op.method.toUpperCase(), headers, body: requestBody, credentials: "omit", cache: "no-store" });
      const text = await response.text();
      setAnswer({
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers.entries()],
        body: pretty(text),
        ms: Math.round(performance.now() - started),
      });
    } catch (error) {
      setFailure(
        `No answer from ${url.origin}: ${error instanceof Error ? error.message : String(error)}. Is the API running there, and does it allow this site's origin (PLINTO_CORS_ORIGINS)?`,
      );
    } finally {
      setSending(false);
    }
  }

  const tags = [...new Set(operations.map((o) => o.tag))];
  return (
    <div className="space-y-8">
      <form onSubmit={send} className="space-y-6" aria-label="Request">
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold text-ink">Where and as whom</legend>
          <Field label="API URL" hint="Default: this installation's API.">
            <Input
              value={apiUrl}
              onChange={(e) => {
                setApiUrl(e.target.value);
                store(STORAGE.apiUrl, e.target.value);
              }}
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
          <Field label="API key or access token" hint="Sent as a bearer token to the API only; kept in this tab (sessionStorage).">
            <Input
              type="password"
              value={credential}
              onChange={(e) => {
                setCredential(e.target.value);
                store(STORAGE.credential, e.target.value);
              }}
              autoComplete="off"
              spellCheck={false}
              placeholder="plinto_sk_…"
            />
          </Field>
          <Field label="Tenant (Plinto-Tenant header)" hint="Only with an admin's access token; an API key belongs to one tenant.">
            <Input
              value={tenant}
              onChange={(e) => {
                setTenant(e.target.value);
                store(STORAGE.tenant, e.target.value);
              }}
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
        </fieldset>

        <fieldset className="space-y-4">
          <legend className="mb-2 text-sm font-semibold text-ink">What to send</legend>
          <Field label="Operation">
            <Select value={op.operationId} onChange={(e) => setOperationId(e.target.value)}>
              {tags.map((tag) => (
                <optgroup key={tag} label={tag}>
                  {operations
                    .filter((o) => o.tag === tag)
                    .map((o) => (
                      <option key={o.operationId} value={o.operationId}>
                        {o.method.toUpperCase()} {o.path} — {o.summary.length > 60 ? `${o.summary.slice(0, 60)}…` : o.summary}
                      </option>
                    ))}
                </optgroup>
              ))}
            </Select>
          </Field>
          <p className="text-sm text-muted">
            <span className="font-mono font-semibold text-ink" data-testid="playground-request-line">
              {op.method.toUpperCase()} {op.path}
            </span>{" "}
            — {op.summary}. {op.authenticated ? "Needs a credential." : "No credential needed."}
          </p>
          {fields.map((p) => (
            <Field key={`${p.in}:${p.name}`} label={`${p.name} (${p.in})`} required={p.required}>
              <Input value={values[p.name] ?? ""} onChange={(e) => setValues({ ...values, [p.name]: e.target.value })} autoComplete="off" spellCheck={false} />
            </Field>
          ))}
          {op.bodyExample !== undefined ? (
            <Field label="Body (JSON)" hint="Prefilled from the operation's example in the OpenAPI document.">
              <Textarea value={body} onChange={(e) => setBody(e.target.value)} rows={10} spellCheck={false} className="font-mono text-sm" />
            </Field>
          ) : null}
        </fieldset>
        <Button type="submit" disabled={sending}>
          {sending ? "Sending…" : "Send request"}
        </Button>
      </form>

      <section aria-labelledby="answer-title" aria-live="polite" className="space-y-3">
        <h2 id="answer-title" className="text-xl font-bold tracking-tight">
          Response
        </h2>
        {failure ? (
          <Alert variant="danger" title="The request failed">
            {failure}
          </Alert>
        ) : null}
        {answer ? (
          <div className="space-y-3" data-testid="playground-response">
            <p className="text-sm">
              <span className="font-mono text-lg font-semibold" data-testid="playground-status">
                {answer.status}
              </span>{" "}
              {answer.statusText} · {answer.ms} ms
            </p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 font-mono text-xs" aria-label="Response headers">
              {answer.headers.map(([name, value]) => (
                <div key={name} className="contents">
                  <dt className="font-semibold">{name}</dt>
                  <dd className="break-all text-muted">{value}</dd>
                </div>
              ))}
            </dl>
            <p className="text-xs text-muted">A browser shows a page only the headers the API exposes to other origins.</p>
            <pre
              className="rounded-md bg-ink px-4 py-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-white"
              data-testid="playground-body"
            >
              <code>{answer.body || "(no body)"}</code>
            </pre>
          </div>
        ) : !failure ? (
          <p className="text-sm text-muted">Send a request to see its status, headers and body here.</p>
        ) : null}
      </section>
    </div>
  );
}
