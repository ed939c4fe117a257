import express from 'express';
import type { ErrorRequestHandler, Express, RequestHandler } from 'express';
import type { Config } from '../config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DomainError } from '../errors';
import type { AdmissionControl, Gate } from './admission-control';
import { draining } from './draining';
import { fallbackErrorHandler, notFoundHandler } from './error-handler';
import type { ReadinessCheck } from './health';
import { healthRouter } from './health';
import { admissionMetrics, httpMetrics, readinessMetrics } from './http-metrics';
import type { Lifecycle } from './lifecycle';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { RateLimits } from './rate-limits';
import type { ErrorAnswer, Refuse } from './refusal';
import { answerRefusalsWith } from './refusal';
import { requestLogging } from './request-logging';
import { requestTimeout } from './request-timeout';
import { securityHeaders } from './security-headers';

/** One protocol mounted on the shell: where, how it answers a refusal, and its own handlers. */
export interface ApiMount {
  readonly path: string;
  readonly refuse: Refuse;
  /** The protocol's error as data: the admission gate renders its 503 from it once, ahead of Express. */
  readonly answer: (error: DomainError) => ErrorAnswer;
  readonly handlers: readonly (RequestHandler | ErrorRequestHandler)[];
}

export interface HttpShellOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
  readonly readiness: ReadinessCheck;
  readonly rateLimits: RateLimits;
  readonly admission: AdmissionControl;
  readonly metrics: Metrics;
  readonly apis: readonly ApiMount[];
  /** Pages outside the APIs (the admin console): no admission control, rate limits or auth. */
  readonly pages?: readonly { readonly path: string; readonly handler: RequestHandler }[];
}

/**
 * The Express app every entry point serves (the service, the standalone SCIM facade): admission
 * control for the API paths (in front of Express: nothing works on a request it may refuse), metrics,
 * access log, security headers, /healthz, /readyz and /metrics (never behind admission control:
 * probes must answer while the API sheds), then each API behind the same guards — so a guard added
 * here protects every process. Protocol handlers come from the caller.
 */
export function createHttpShell(options: HttpShellOptions): Express {
  const { config, logger, metrics, admission } = options;
  const app = express();
  app.disable('x-powered-by');
  // Express would hash every response body for an ETag; SCIM resources carry their version as ETag
  // and nothing else is cacheable, so the hashing (a whole list page per request) buys nothing.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  const http = httpMetrics(metrics);
  app.use(http.handler);
  gateInFront(app, admission.gate(options.apis), () => options.lifecycle.draining);
  app.use(requestLogging(logger));
  app.use(securityHeaders({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  admissionMetrics(metrics, admission, http);
  app.use(healthRouter(readinessUnderLoad(options.readiness, admission, metrics), options.lifecycle));
  // With METRICS_PORT, /metrics is served there only (src/serve.ts); else here, behind METRICS_TOKEN.
  if (config.metrics.token !== undefined && config.metrics.port === undefined)
    app.get('/metrics', metrics.handler(config.metrics.token));
  for (const page of options.pages ?? []) app.use(page.path, page.handler);
  for (const api of options.apis) {
    app.use(api.path, ...apiGuards(api, options), ...api.handlers);
  }
  app.use(notFoundHandler);
  app.use(fallbackErrorHandler(logger));
  return app;
}

/** What Express adds to the app function at run time but its types do not declare. */
interface Handled {
  handle(req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void;
}

/**
 * Puts the admission gate in front of Express itself, by wrapping the app's own entry point: every
 * way the app is served (src/serve.ts, `app.listen`, a test's server) passes the gate first, and a
 * refusal costs no routing, no request/response decoration and no middleware. The gate may hold a
 * request in its queue, so what happens at arrival is noted then: the time (a request's duration
 * includes its wait), and whether the process was draining — a request received before SIGTERM is
 * served, not refused (src/http/draining.ts).
 */
function gateInFront(app: Express, gate: Gate, isDraining: () => boolean): void {
  const routed = app as unknown as Handled;
  const handle = routed.handle.bind(app);
  routed.handle = (req, res, next) => {
    const arrival = { arrivedAt: performance.now(), arrivedWhileDraining: isDraining() };
    gate(req, res, () => {
      // Express keeps a response's locals when they exist; these are the ones it would create.
      Object.assign(res, { locals: Object.assign(Object.create(null) as object, arrival) });
      handle(req, res, next);
    });
  };
}

/**
 * In front of every API route (behind admission control, which runs before Express),
 * answering in that API's error shape: refuse while draining, answer 503 after REQUEST_TIMEOUT_MS,
 * then the failed-authentication and per-credential limits.
 */
function apiGuards(api: ApiMount, options: HttpShellOptions): RequestHandler[] {
  const { config, logger, lifecycle, rateLimits } = options;
  return [
    answerRefusalsWith(api.refuse, api.path),
    draining(() => lifecycle.draining),
    requestTimeout(config.limits.requestTimeoutMs, logger),
    ...rateLimits.handlers,
  ];
}

/**
 * Readiness as the load balancer should see it: the dependency check decides 200 or 503; being
 * overloaded only changes the body ("overloaded", with the queue figures) and never the status —
 * shedding instances that all turned unready at once would turn a burst into an outage.
 */
function readinessUnderLoad(
  check: ReadinessCheck,
  admission: AdmissionControl,
  metrics: Metrics,
): ReadinessCheck {
  const record = readinessMetrics(metrics);
  return async () => {
    const readiness = await check();
    record(readiness);
    if (!admission.overloaded) return readiness;
    const load = { overloaded: true, inFlight: admission.inFlight, queued: admission.queued };
    return readiness.ready
      ? { ...readiness, status: 'overloaded', details: { ...readiness.details, ...load } }
      : { ...readiness, details: { ...readiness.details, ...load } };
  };
}
