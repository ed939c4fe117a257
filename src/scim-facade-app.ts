import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildASTSchema, parse } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config';
import type { ReadinessCheck } from './http/health';
import { AdmissionControl } from './http/admission-control';
import { createHttpShell } from './http/http-shell';
import { Metrics } from './http/metrics';
import { Lifecycle } from './http/lifecycle';
import type { Logger } from './http/logger';
import { createLogger } from './http/logger';
import { createRateLimits } from './http/rate-limits';
import { remoteActivity, remoteScimFacade } from './scim-facade';
import { scimErrorAnswer, sendScimError, toScimError } from './scim/errors';
import { createSharedState } from './shared-state/shared-state';
import { sendV1Error, v1ErrorAnswer } from './scim/v1/v1-errors';
import type { Servable } from './serve';

/** How long /readyz waits for the subgraph before calling it unreachable. */
const SUBGRAPH_PROBE_TIMEOUT_MS = 2_000;

/**
 * The standalone facade's app: the same HTTP shell as the service (guards, limits, timeouts,
 * draining), the SCIM routers sending their operations to GRAPHQL_URL, and documents validated
 * against the committed SDL — the contract it will meet — rather than a schema built in-process.
 */
export async function createScimFacadeApp(config: Config, logger?: Logger): Promise<Servable> {
  const log = logger ?? createLogger(config.logLevel);
  const schema = committedSubgraphSchema();
  const rateLimits = await createRateLimits(config.limits, log);
  const shared = await createSharedState(config.limits.redisUrl, log);
  const lifecycle = new Lifecycle();
  const metrics = new Metrics();
  const admission = new AdmissionControl(config.admission, log);
  // Health counters and request log of the connections: reported to the subgraph in batches.
  const activity = remoteActivity(config, log);
  const express = createHttpShell({
    config,
    logger: log,
    lifecycle,
    rateLimits,
    admission,
    metrics,
    readiness: subgraphReadiness(config.graphqlUrl as string),
    apis: [
      {
        path: '/scim/v2',
        refuse: (res, error) => sendScimError(res, toScimError(error)),
        answer: (error) => scimErrorAnswer(toScimError(error)),
        handlers: [remoteScimFacade(config, schema, log, 'v2', shared, activity.handler)],
      },
      {
        path: '/scim/v1',
        refuse: (res, error) => sendV1Error(res, toScimError(error)),
        answer: (error) => v1ErrorAnswer(toScimError(error)),
        handlers: [remoteScimFacade(config, schema, log, 'v1', shared, activity.handler)],
      },
    ],
  });
  return {
    express,
    logger: log,
    metrics,
    lifecycle,
    close: async () => {
      lifecycle.beginDraining();
      admission.close();
      await activity.close();
      await rateLimits.close();
      await shared.close();
    },
  };
}

/** schema/identity.graphql at the package root (beside src/ and dist/; the Dockerfile copies it). */
export function committedSubgraphSchema(): GraphQLSchema {
  const roots = [join(__dirname, '..'), join(__dirname, '..', '..')];
  const file = roots.map((root) => join(root, 'schema', 'identity.graphql')).find((f) => existsSync(f));
  if (!file) throw new Error(`schema/identity.graphql not found near ${__dirname}`);
  return buildASTSchema(parse(readFileSync(file, 'utf8')), { assumeValidSDL: true });
}

/** Ready when the subgraph answers HTTP at all (a 4xx proves it is up; 5xx or no answer does not). */
function subgraphReadiness(graphqlUrl: string): ReadinessCheck {
  return async () => {
    try {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
        signal: AbortSignal.timeout(SUBGRAPH_PROBE_TIMEOUT_MS),
      });
      await response.body?.cancel();
      return response.status < 500
        ? { ready: true, status: 'ok' }
        : { ready: false, status: 'subgraph unavailable' };
    } catch {
      return { ready: false, status: 'subgraph unavailable' };
    }
  };
}
