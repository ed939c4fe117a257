import type { Request, RequestHandler, Response } from 'express';
import type { OperationRecorder } from '../graphql/operation-metrics.plugin';
import type { AdmissionControl, ShedRequest } from './admission-control';
import type { Readiness } from './health';
import type { Metrics } from './metrics';
import { DURATION_BUCKETS } from './metrics';
import type { RefusalReason } from './refusal';

/**
 * The route template a request matched (`/scim/v2/Users/:id`), never its raw path: label values must
 * stay few. Requests no route took (GraphQL, refused before routing, unknown paths under an API) are
 * labelled with their API's mount path, anything else `unmatched`.
 */
function routeOf(req: Request, res: Response): string {
  const route = req.route as { path?: unknown } | undefined;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  return typeof res.locals.apiPath === 'string' ? res.locals.apiPath : 'unmatched';
}

/**
 * A SCIM request's version and resource (`Users`, `Groups`, `Bulk`, `.search`, …) from its URL, and
 * its caller: a token's id, or `jwt` for any JWT (one series per JWT subject would be unbounded).
 * Requests refused before authentication count as caller `none`.
 */
function scimLabels(url: string, method: string, status: string, subject: unknown) {
  const match = /^\/scim\/(v1|v2)(?:\/([^/?]+))?/.exec(url);
  if (!match) return undefined;
  const segment = match[2] ?? '';
  const resource = SCIM_RESOURCES.has(segment) ? segment : segment === '' ? 'root' : 'other';
  const caller =
    typeof subject !== 'string' ? 'none' : subject.startsWith('token:') ? subject : subject.split(':')[0]!;
  return { version: match[1]!, resource, method, status, caller };
}

/** The endpoints SCIM defines (RFC 7644 §3.2, §3.4.3, §3.7, §3.11, §4): anything else is `other`. */
const SCIM_RESOURCES = new Set([
  'Users',
  'Groups',
  'Bulk',
  'Me',
  '.search',
  'Schemas',
  'ResourceTypes',
  'ServiceProviderConfig',
]);

/** HTTP request metrics: the handler first in Express's chain, and a recorder for what never reached it. */
export interface HttpMetrics {
  readonly handler: RequestHandler;
  /** A request the admission gate answered itself, in front of Express. */
  refusedAtTheGate(request: ShedRequest, reason: RefusalReason, seconds: number): void;
}

/** Requests by route template, method and status, and their duration; first in the chain, so it sees all. */
export function httpMetrics(metrics: Metrics): HttpMetrics {
  const requests = metrics.counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
  });
  const duration = metrics.histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to the end of its answer, by route template and method',
    labelNames: ['route', 'method'] as const,
    buckets: DURATION_BUCKETS,
  });
  const refusals = metrics.counter({
    name: 'http_refusals_total',
    help: 'Requests the HTTP layer refused: overloaded, rate_limit, auth_failures (per address), timeout, draining',
    labelNames: ['reason'] as const,
  });
  const scimRequests = metrics.counter({
    name: 'scim_requests_total',
    help: 'SCIM requests by protocol version, resource, method, status and caller (token:<id>, or jwt for any JWT)',
    labelNames: ['version', 'resource', 'method', 'status', 'caller'] as const,
  });
  const record = (
    route: string,
    method: string,
    status: string,
    url: string,
    subject: unknown,
    seconds: number,
  ) => {
    requests.inc({ route, method, status });
    const scim = scimLabels(url, method, status, subject);
    if (scim) scimRequests.inc(scim);
    duration.observe({ route, method }, seconds);
  };
  const handler: RequestHandler = (req, res, next) => {
    // Taken by the admission gate as the request arrived, so a queued request's wait counts.
    const started = (res.locals.arrivedAt as number | undefined) ?? performance.now();
    const done = () => {
      res.off('finish', done).off('close', done);
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      const subject = (res.locals.scim as { caller?: { subject?: unknown } } | undefined)?.caller?.subject;
      const seconds = (performance.now() - started) / 1000;
      record(routeOf(req, res), req.method, status, req.originalUrl, subject, seconds);
      if (typeof res.locals.refusal === 'string') refusals.inc({ reason: res.locals.refusal });
    };
    res.on('finish', done).on('close', done);
    next();
  };
  return {
    handler,
    refusedAtTheGate: (request, reason, seconds) => {
      record(request.apiPath, request.method, '503', request.url, undefined, seconds);
      refusals.inc({ reason });
    },
  };
}

/** In flight, queued, shed and queue-wait figures of admission control. */
export function admissionMetrics(metrics: Metrics, admission: AdmissionControl, http: HttpMetrics): void {
  metrics.gauge({
    name: 'admission_in_flight',
    help: 'API requests in progress',
    collect() {
      this.set(admission.inFlight);
    },
  });
  metrics.gauge({
    name: 'admission_queued',
    help: 'API requests waiting for a slot',
    collect() {
      this.set(admission.queued);
    },
  });
  metrics.gauge({
    name: 'admission_held',
    help: 'API requests held, unanswered, because refusals are over OVERLOAD_REFUSALS_PER_SECOND',
    collect() {
      this.set(admission.held);
    },
  });
  metrics.gauge({
    name: 'admission_limit',
    help: 'Configured admission limits: in_flight (MAX_IN_FLIGHT) and queue (MAX_QUEUE)',
    labelNames: ['kind'] as const,
    collect() {
      this.set({ kind: 'in_flight' }, admission.settings.maxInFlight);
      this.set({ kind: 'queue' }, admission.settings.maxQueued);
    },
  });
  metrics.gauge({
    name: 'overloaded',
    help: '1 while requests are queued or were shed in the last 10 s (still ready), else 0',
    collect() {
      this.set(admission.overloaded ? 1 : 0);
    },
  });
  const shed = metrics.counter({
    name: 'admission_shed_total',
    help: 'API requests refused with 503 + Retry-After: queue_full (refused at once) or queue_timeout',
    labelNames: ['reason'] as const,
  });
  const wait = metrics.histogram({
    name: 'admission_queue_wait_seconds',
    help: 'How long admitted requests waited for a slot (0 when one was free)',
    buckets: [0, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  });
  admission.observe({
    admitted: (waitedMs) => wait.observe(waitedMs / 1000),
    shed: (reason, waitedMs, request) => {
      shed.inc({ reason });
      http.refusedAtTheGate(request, 'overloaded', waitedMs / 1000);
    },
  });
}

/** The dependency the readiness check last found (database or subgraph): 1 reachable, 0 not. */
export function readinessMetrics(metrics: Metrics): (readiness: Readiness) => void {
  const up = metrics.gauge({
    name: 'dependency_up',
    help: 'Whether the last readiness check reached the database (service) or subgraph (facade)',
  });
  return (readiness) => up.set(readiness.ready ? 1 : 0);
}

/** GraphQL operations on /graphql by name, type and outcome (`ok` or the error code), with durations. */
export function graphqlOperationMetrics(metrics: Metrics): OperationRecorder {
  const operations = metrics.counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations answered on /graphql, by operation name, type and outcome (ok or error code)',
    labelNames: ['operation', 'type', 'outcome'] as const,
  });
  const duration = metrics.histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operation duration on /graphql, by operation name and type',
    labelNames: ['operation', 'type'] as const,
    buckets: DURATION_BUCKETS,
  });
  return ({ name, type, outcome, seconds }) => {
    operations.inc({ operation: name, type, outcome });
    duration.observe({ operation: name, type }, seconds);
  };
}
