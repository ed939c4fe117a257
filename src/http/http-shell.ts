import express from 'express';
import type { ErrorRequestHandler, Express, RequestHandler } from 'express';
import type { Config } from '../config';
import { draining } from './draining';
import { fallbackErrorHandler, notFoundHandler } from './error-handler';
import type { ReadinessCheck } from './health';
import { healthRouter } from './health';
import type { Lifecycle } from './lifecycle';
import type { Logger } from './logger';
import type { RateLimits } from './rate-limits';
import type { Refuse } from './refusal';
import { answerRefusalsWith } from './refusal';
import { requestLogging } from './request-logging';
import { requestTimeout } from './request-timeout';
import { securityHeaders } from './security-headers';

/** One protocol mounted on the shell: where, how it answers a refusal, and its own handlers. */
export interface ApiMount {
  readonly path: string;
  readonly refuse: Refuse;
  readonly handlers: readonly (RequestHandler | ErrorRequestHandler)[];
}

export interface HttpShellOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
  readonly readiness: ReadinessCheck;
  readonly rateLimits: RateLimits;
  readonly apis: readonly ApiMount[];
}

/**
 * The Express app every entry point serves (the service, the standalone SCIM facade): access log,
 * security headers, /healthz and /readyz, then each API behind the same guards — so a guard added
 * here protects every process. Protocol handlers come from the caller.
 */
export function createHttpShell(options: HttpShellOptions): Express {
  const { config, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  // Express would hash every response body for an ETag; SCIM resources carry their version as ETag
  // and nothing else is cacheable, so the hashing (a whole list page per request) buys nothing.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(requestLogging(logger));
  app.use(securityHeaders({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(healthRouter(options.readiness, options.lifecycle));
  for (const api of options.apis) {
    app.use(api.path, ...apiGuards(api.refuse, options), ...api.handlers);
  }
  app.use(notFoundHandler);
  app.use(fallbackErrorHandler(logger));
  return app;
}

/**
 * In front of every API route, answering in that API's error shape: refuse while draining, answer
 * 503 after REQUEST_TIMEOUT_MS, then the failed-authentication and per-credential limits.
 */
function apiGuards(answer: Refuse, options: HttpShellOptions): RequestHandler[] {
  const { config, logger, lifecycle, rateLimits } = options;
  return [
    answerRefusalsWith(answer),
    draining(() => lifecycle.draining),
    requestTimeout(config.limits.requestTimeoutMs, logger),
    ...rateLimits.handlers,
  ];
}
