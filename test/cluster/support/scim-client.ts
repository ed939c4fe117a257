export const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** One SCIM or GraphQL call; a connection failure is status 0 (what a client sees as "no answer"). */
export async function call(
  url: string,
  token: string,
  options: { method?: string; body?: unknown } = {},
): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${token}`,
        ...(options.body !== undefined && {
          'Content-Type': url.endsWith('/graphql') ? 'application/json' : 'application/scim+json',
        }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { text };
    }
    return { status: response.status, body };
  } catch {
    return { status: 0, body: {} };
  }
}

/**
 * As Okta does: a 503 (or a 502/504 or no answer from the balancer) is tried again after a pause, a
 * bounded number of times; anything else is the answer.
 */
export async function callRetrying(
  url: string,
  token: string,
  options: { method?: string; body?: unknown } = {},
  attempts = 20,
): Promise<Answer & { tries: number }> {
  for (let tries = 1; ; tries++) {
    const answer = await call(url, token, options);
    const retryable =
      answer.status === 0 || answer.status === 502 || answer.status === 503 || answer.status === 504;
    if (!retryable || tries >= attempts) return { ...answer, tries };
    await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * tries)));
  }
}

export const graphql = (
  baseUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
) => call(`${baseUrl}/graphql`, token, { method: 'POST', body: { query, variables } });

/** Runs `count` jobs with `concurrency` workers; `job(i)` for i in 0..count-1. */
export async function pool(
  count: number,
  concurrency: number,
  job: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
