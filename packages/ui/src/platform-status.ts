import { PlintoClient, type HealthResponse, type ReadyResponse } from "@plinto/sdk";
import type { StatusCheck, StatusFact, StatusPanelResult } from "./StatusPanel";

export interface PlatformStatus {
  apiUrl: string;
  checkedAt: string;
  result: StatusPanelResult;
}

/** A status page should answer quickly even when the API hangs rather than refuses. */
const TIMEOUT_MS = 3_000;

/**
 * Reads the API's liveness and readiness through the SDK, for `StatusPanel`. Never throws: an API
 * that cannot be reached is a result the page shows, not an error it crashes on. Server-side only.
 */
export async function getPlatformStatus(apiUrl: string): Promise<PlatformStatus> {
  const checkedAt = new Date().toISOString();
  const client = new PlintoClient({ baseUrl: apiUrl, timeoutMs: TIMEOUT_MS });
  const [health, ready] = await Promise.allSettled([client.health(), client.ready()]);

  if (health.status === "rejected") {
    return { apiUrl, checkedAt, result: { reachable: false, error: describeError(health.reason) } };
  }
  return {
    apiUrl,
    checkedAt,
    result: ready.status === "fulfilled" ? statusFromResponses(health.value, ready.value) : readinessUnknown(health.value, ready.reason),
  };
}

function healthFacts(health: HealthResponse): StatusFact[] {
  return [
    { label: "Service", value: health.service },
    { label: "Version", value: health.version },
    { label: "Uptime", value: formatUptime(health.uptimeSeconds) },
  ];
}

/** What the panel shows for an API that answered both checks (the API's own page uses it in-process). */
export function statusFromResponses(health: HealthResponse, ready: ReadyResponse): StatusPanelResult {
  const { database, migrations } = ready.checks;
  const driver = database.driver === "pglite" ? "Embedded PostgreSQL (PGlite)" : database.driver === "postgres" ? "PostgreSQL" : undefined;
  const checks: StatusCheck[] = [
    {
      name: "Database",
      status: database.status === "ok" ? "ok" : "down",
      detail: [driver, database.detail].filter(Boolean).join(" — ") || undefined,
    },
    {
      name: "Migrations",
      status: migrations.status === "ok" ? "ok" : "down",
      detail: `${migrations.applied} of ${migrations.expected} applied`,
    },
  ];
  return {
    reachable: true,
    overall: ready.status === "ready" ? "ok" : "down",
    summary: ready.status === "ready" ? "Ready" : "Not ready",
    facts: healthFacts(health),
    checks,
  };
}

function readinessUnknown(health: HealthResponse, reason: unknown): StatusPanelResult {
  return {
    reachable: true,
    overall: "degraded",
    summary: "Readiness unknown",
    facts: healthFacts(health),
    checks: [{ name: "Readiness", status: "unknown", detail: describeError(reason) }],
  };
}

/** The error and its causes in one line: "Could not reach Plinto at …: fetch failed: connect ECONNREFUSED 127.0.0.1:4000". */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    if (current instanceof AggregateError && current.errors.length > 0) current = current.errors[0];
    const message = current instanceof Error ? current.message : String(current);
    if (message && !parts.includes(message)) parts.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(": ") || "Unknown error";
}

/** 93_784 → "1 d 2 h"; 4_380 → "1 h 13 min"; 42 → "42 s". */
export function formatUptime(seconds: number): string {
  const s = Math.floor(seconds);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s % 60} s`;
  return `${s} s`;
}
