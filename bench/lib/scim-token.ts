/**
 * `--scim-token loose`: a `scim` API token tied to no connection, made over GraphQL with the admin
 * token as any admin would. Its requests are neither counted nor logged (src/http/connection-activity.ts),
 * so a run with it against a run with the "default" connection's token is what attribution costs.
 */
import type { Pool } from 'mysql2/promise';

async function graphql<T>(serviceUrl: string, adminToken: string, query: string): Promise<T> {
  const response = await fetch(`${serviceUrl}/graphql`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  let body: { data?: T; errors?: { message: string }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`GraphQL answered ${response.status}: ${text.slice(0, 200)}`);
  }
  if (!response.ok || body.errors?.length || !body.data)
    throw new Error(
      `GraphQL answered ${response.status}: ${body.errors?.map((e) => e.message).join('; ') ?? text.slice(0, 200)}`,
    );
  return body.data;
}

/** Issues a loose `scim` token (the admin token is bootstrapped after the service listens: retried). */
export async function issueLooseScimToken(
  serviceUrl: string,
  adminToken: string,
  timeoutMs = 30_000,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const data = await graphql<{ createApiToken: { secret: string; token: { scopes: string[] } } }>(
        serviceUrl,
        adminToken,
        'mutation { createApiToken(input: { name: "bench loose scim", scopes: ["scim"] }) { secret token { scopes } } }',
      );
      return data.createApiToken.secret;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

/** What the service attributed to connections during the run (read after a health flush). */
export interface Attribution {
  readonly connections: readonly {
    readonly name: string;
    readonly requests: number;
    readonly requestLogDropped: number;
  }[];
  /** Rows in the request log table (every connection of the run). */
  readonly requestLogRows: number;
}

export async function readAttribution(
  serviceUrl: string,
  adminToken: string,
  pool: Pool,
): Promise<Attribution> {
  const data = await graphql<{
    connections: {
      name: string;
      requestCounts: { ok: number; clientError: number; serverError: number };
      requestLogDropped: number;
    }[];
  }>(
    serviceUrl,
    adminToken,
    '{ connections { name requestCounts(window: SINCE_CREATION) { ok clientError serverError } requestLogDropped } }',
  );
  const [rows] = await pool.query('SELECT COUNT(*) AS n FROM connection_requests');
  return {
    connections: data.connections.map((c) => ({
      name: c.name,
      requests: c.requestCounts.ok + c.requestCounts.clientError + c.requestCounts.serverError,
      requestLogDropped: c.requestLogDropped,
    })),
    requestLogRows: Number((rows as { n: number | string }[])[0]?.n ?? 0),
  };
}

export function attributionNote(kind: string, attribution: Attribution | undefined): string {
  const token =
    kind === 'loose'
      ? 'a loose scim API token (no connection: not counted, not logged)'
      : 'the "default" connection\'s (counted and logged)';
  if (!attribution) return `SCIM token: ${token}`;
  const connections = attribution.connections
    .map((c) => `"${c.name}" ${c.requests} requests counted, ${c.requestLogDropped} log entries dropped`)
    .join('; ');
  return `SCIM token: ${token}; after the run: ${connections || 'no connection'}; request log rows ${attribution.requestLogRows}`;
}
