import 'reflect-metadata';
import type { ApolloServer } from '@apollo/server';
import express from 'express';
import type { Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config';
import type { Services } from './domain/services';
import { createServices } from './domain/services';
import type { Clock } from './domain/shared/clock';
import { systemClock } from './domain/shared/clock';
import type { Store } from './domain/store';
import { ScryptPasswordHasher } from './domain/users/password-hasher';
import { UsersRead } from './domain/users/users-read';
import { buildIdentitySchema } from './graphql/build-schema';
import type { GraphqlContext } from './graphql/context';
import { createGraphqlServer } from './graphql/graphql-server';
import { AuthDiagnostics } from './http/auth-diagnostics';
import { Authenticator } from './http/authenticator';
import { connectionActivity } from './http/connection-activity';
import { DryRun } from './http/dry-run';
import {
  graphqlAuthentication,
  graphqlBodyErrors,
  graphqlHandler,
  graphqlRefusal,
  refuseAsGraphql,
} from './http/graphql-endpoint';
import type { ReadinessCheck } from './http/health';
import type { JwksSourceStatus } from './http/jwt/jwks-source';
import { AdmissionControl } from './http/admission-control';
import { ADMIN_CONSOLE_PATH, adminConsole } from './http/admin-console';
import type { ApiMount } from './http/http-shell';
import { createHttpShell } from './http/http-shell';
import { graphqlOperationMetrics } from './http/http-metrics';
import { Metrics } from './http/metrics';
import { databaseMetrics, passwordHashMetrics } from './http/database-metrics';
import { registerJwksMetrics } from './http/jwt/jwks-metrics';
import { Lifecycle } from './http/lifecycle';
import { JwtVerifier } from './http/jwt-verifier';
import type { Logger } from './http/logger';
import { createLogger } from './http/logger';
import { createRateLimits } from './http/rate-limits';
import { createStore } from './persistence/typeorm-store';
import { createScimFacade, remoteActivity, remoteScimFacade } from './scim-facade';
import { createSharedState } from './shared-state/shared-state';
import type { SharedState } from './shared-state/shared-state';
import { scimErrorAnswer, sendScimError, toScimError } from './scim/errors';
import type { ScimCaller } from './scim/graphql/graphql-executor';
import { isDomainError } from './errors';
import { InProcessExecutor } from './scim/graphql/in-process-executor';
import { sendV1Error, v1ErrorAnswer } from './scim/v1/v1-errors';
import type { Principal } from './domain/auth/request-context';
import { compatibilityProfileOf } from './domain/connections/compatibility-profile';
import { createGraphqlContext } from './graphql/context';
import { AddressGuard } from './webhooks/address-guard';
import { webhookMetrics } from './webhooks/webhook-metrics';
import { WebhookWorker } from './webhooks/webhook-worker';

/** How often queued request log entries are written (in batches, off the request path). */
const REQUEST_LOG_FLUSH_MS = 1_000;
/** How often events past EVENT_RETENTION_DAYS are purged; the first run is shortly after start. */
const EVENT_PURGE_EVERY_MS = 3_600_000;
const EVENT_PURGE_FIRST_MS = 60_000;

export interface AppOptions {
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Sees every SQL statement (tests count them). */
  readonly onQuery?: (sql: string) => void;
}

export interface App {
  readonly express: Express;
  readonly services: Services;
  readonly store: Store;
  readonly schema: GraphQLSchema;
  readonly logger: Logger;
  /** This app's metrics registry (served at /metrics); components register their own metrics on it. */
  readonly metrics: Metrics;
  /** Draining state: /readyz answers 503 and new API requests are refused once it begins. */
  readonly lifecycle: Lifecycle;
  /** Delivers webhooks once started (see `startWorkers`); stopped by `close`. */
  readonly webhookWorker: WebhookWorker;
  /** Starts background work that belongs to the service process: the webhook worker, unless WEBHOOKS=off. */
  startWorkers(): void;
  /** Stops them (SIGTERM): attempts in flight are abandoned and their leases given back. */
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

/** The composition root: config → store → services → GraphQL → HTTP. Nothing else wires objects. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  // First: an unreachable REDIS_URL fails start-up before a database connection is opened.
  const rateLimits = await createRateLimits(config.limits, logger);
  const shared = await createSharedState(config.limits.redisUrl, logger);
  const metrics = new Metrics();
  const store = await createStore({
    databaseUrl: config.databaseUrl,
    onQuery: options.onQuery,
    logger,
    connectRetrySeconds: config.dbConnectRetrySeconds,
    observer: databaseMetrics(metrics),
  });
  const clock = options.clock ?? systemClock;
  const passwordHasher = new ScryptPasswordHasher(config.passwordHashConcurrency);
  passwordHashMetrics(metrics, passwordHasher);
  const addressGuard = new AddressGuard(config.webhooks.allowPrivate);
  const services = createServices(store, passwordHasher, clock, {
    publicUrl: config.publicUrl,
    requestLogDays: config.requestLog.days,
    requestLogMaxBodyBytes: config.requestLog.maxBodyBytes,
    eventRetentionDays: config.events.retentionDays,
    webhookSecretKey: config.webhooks.secretKey,
    checkWebhookUrl: addressGuard.checkUrl,
  });
  const webhookWorker = new WebhookWorker({
    store,
    endpoints: services.webhookEndpoints,
    guard: addressGuard,
    logger,
    clock,
    timeoutMs: config.webhooks.timeoutMs,
    retentionDays: config.events.retentionDays,
    onOutcome: webhookMetrics(metrics, store.repositories.webhookOutbox),
  });
  // A definition changed here is forgotten by every cache of it, here and (with REDIS_URL) elsewhere.
  services.extensionAttributes.onChange((organizationId) => shared.definitionChanges.publish(organizationId));
  shared.definitionChanges.subscribe((organizationId) => services.extensionAttributes.forget(organizationId));
  const flushHealth = () =>
    services.connectionHealth
      .flush()
      .catch((err: unknown) => logger.warn({ err }, 'Connection health counters not flushed; retrying'));
  const healthTimer = setInterval(() => void flushHealth(), config.connectionHealthFlushMs);
  healthTimer.unref();
  const flushLog = () =>
    services.requestLog
      .flush()
      .catch((err: unknown) =>
        logger.warn({ err }, 'Request log entries dropped: the database refused them'),
      );
  const logTimer = setInterval(() => void flushLog(), REQUEST_LOG_FLUSH_MS);
  logTimer.unref();
  let purging: Promise<void> | null = null;
  const purgeEvents = () => {
    purging ??= services.events
      .purgeExpired()
      .then((purged) => {
        if (purged > 0) logger.info({ purged }, 'Events past retention purged');
      })
      .catch((err: unknown) => logger.warn({ err }, 'Event purge failed; retrying at the next run'))
      .finally(() => {
        purging = null;
      });
  };
  const purgeFirst = setTimeout(purgeEvents, EVENT_PURGE_FIRST_MS);
  purgeFirst.unref();
  const purgeTimer = setInterval(purgeEvents, EVENT_PURGE_EVERY_MS);
  purgeTimer.unref();
  const activity = connectionActivity({
    sink: (_caller, outcome, entry) => {
      services.connectionHealth.record(outcome);
      services.requestLog.enqueue(entry);
    },
    maxBodyBytes: config.requestLog.maxBodyBytes,
    clock,
  });
  // With GRAPHQL_URL the SCIM requests are counted where the subgraph's database is: reported to it.
  const remote = config.graphqlUrl ? remoteActivity(config, logger) : undefined;
  const scimActivity = remote?.handler ?? activity;
  const jwtVerifier = new JwtVerifier(config.jwt, logger);
  jwtVerifier.start();
  registerJwksMetrics(metrics.registry, () => jwtVerifier.jwksStatus());
  const authenticator = new Authenticator(
    services,
    jwtVerifier,
    { auth: new AuthDiagnostics(logger), logger },
    config.jwt.subjectCheckCacheMs,
  );
  const dryRun = new DryRun(store, logger);
  const schema = await buildIdentitySchema();
  const apollo = await createGraphqlServer({
    schema,
    logger,
    introspection: config.graphqlIntrospection,
    limits: config.limits.graphql,
    onOperation: graphqlOperationMetrics(metrics),
  });
  const lifecycle = new Lifecycle();
  const admission = new AdmissionControl(config.admission, logger);
  const app = createHttpShell({
    config,
    logger,
    lifecycle,
    rateLimits,
    admission,
    metrics,
    readiness: databaseReadiness(store, () => jwtVerifier.jwksStatus()),
    pages: [{ path: ADMIN_CONSOLE_PATH, handler: adminConsole(logger) }],
    apis: [
      {
        path: '/graphql',
        refuse: refuseAsGraphql,
        answer: graphqlRefusal,
        handlers: graphqlRoute(config, apollo, services, authenticator, dryRun),
      },
      ...(['v2', 'v1'] as const).map((version): ApiMount => ({
        path: `/scim/${version}`,
        refuse: (res, error) => (version === 'v1' ? sendV1Error : sendScimError)(res, toScimError(error)),
        answer: (error) => (version === 'v1' ? v1ErrorAnswer : scimErrorAnswer)(toScimError(error)),
        handlers: scimRoute(
          config,
          schema,
          services,
          authenticator,
          logger,
          shared,
          dryRun,
          version,
          scimActivity,
        ),
      })),
    ],
  });

  return {
    express: app,
    services,
    store,
    schema,
    logger,
    metrics,
    lifecycle,
    webhookWorker,
    startWorkers: () => {
      if (config.webhooks.enabled) webhookWorker.start();
    },
    stopWorkers: () => webhookWorker.stop(),
    close: async () => {
      lifecycle.beginDraining();
      // Attempts in flight are abandoned and their leases given back: another instance retries them.
      await webhookWorker.stop();
      jwtVerifier.close();
      admission.close();
      await apollo.stop();
      await rateLimits.close();
      await shared.close();
      clearInterval(healthTimer);
      clearInterval(logTimer);
      clearTimeout(purgeFirst);
      clearInterval(purgeTimer);
      await purging;
      await remote?.close();
      // The last window's counters and log entries reach the database before the pool closes.
      await flushLog();
      await flushHealth();
      await store.close();
    },
  };
}

/** Ready when the database answers; a JWKS issuer's fetch state is reported, never a reason to be unready. */
function databaseReadiness(store: Store, jwksStatus: () => readonly JwksSourceStatus[]): ReadinessCheck {
  return async () => {
    const jwks = jwksStatus();
    const details = jwks.length > 0 ? { jwks } : undefined;
    const ready = await store.ping().then(
      () => true,
      () => false,
    );
    return { ready, status: ready ? 'ok' : 'database unavailable', details };
  };
}

function graphqlRoute(
  config: Config,
  apollo: ApolloServer<GraphqlContext>,
  services: Services,
  authenticator: Authenticator,
  dryRun: DryRun,
) {
  return [
    corsFor(config),
    express.json({ limit: config.bodyLimitBytes }),
    graphqlAuthentication(authenticator, (principal, requestId, line, detail) =>
      services.reportedActivity.refused(principal, requestId, line, detail),
    ),
    dryRun.graphql(),
    graphqlHandler(apollo, services),
    graphqlBodyErrors(),
  ];
}

/**
 * SCIM in-process (the default): operations execute on this process's schema with the same context
 * the GraphQL endpoint builds, channel `scim` (`scim:1.1` under /scim/v1). With GRAPHQL_URL set they go to that subgraph instead.
 */
function scimRoute(
  config: Config,
  schema: GraphQLSchema,
  services: Services,
  authenticator: Authenticator,
  logger: Logger,
  shared: SharedState,
  dryRun: DryRun,
  version: 'v1' | 'v2',
  activity: express.RequestHandler,
): express.RequestHandler[] {
  // Remote: a dry-run token's GraphQL calls are rolled back by the subgraph itself (dryRun.graphql()).
  if (config.graphqlUrl) return [remoteScimFacade(config, schema, logger, version, shared, activity)];
  // One UsersRead per SCIM request, shared by its calls: a PATCH's replace starts from the row read.
  const usersRead = new WeakMap<object, UsersRead>();
  const usersReadOf = (scope: object | undefined) => {
    if (!scope) return undefined;
    const read = usersRead.get(scope) ?? new UsersRead();
    usersRead.set(scope, read);
    return read;
  };
  const inProcess = new InProcessExecutor(schema, (call) =>
    createGraphqlContext(services, {
      principal: call.caller.credential as Principal,
      channel: version === 'v1' ? 'scim:1.1' : 'scim',
      requestId: call.requestId,
      notes: call.notes,
      auditSink: call.auditEventIds,
      usersRead: usersReadOf(call.requestScope),
    }),
  );
  // A dry-run connection's request begins its rehearsal at its first GraphQL call (see http/dry-run.ts).
  const executor = dryRun.executor(inProcess);
  const facade = createScimFacade({
    config,
    schema,
    executor,
    logger,
    version,
    shared,
    proceed: dryRun.scim(),
    authenticate: async (header, _clientAddress, organization) => {
      const principal = await authenticator
        .authenticate(header, { allowBasic: true, organization })
        .catch((error: unknown) => {
          throw withRefusedCaller(error);
        });
      return scimCallerOf(principal);
    },
  });
  return [activity, facade];
}

function scimCallerOf(principal: Principal): ScimCaller {
  return {
    credential: principal,
    organizationId: principal.organizationId,
    scopes: principal.scopes,
    userId: principal.userId,
    subject: principal.subject,
    connectionId: principal.connectionId,
    ...(principal.dryRun && { dryRun: true }),
    ...(principal.connectionKind && { profile: compatibilityProfileOf(principal.connectionKind) }),
  };
}

/**
 * A paused connection's token is valid and known: its refusal carries the caller (`RefusedCaller`)
 * so the 403 is attributed to the connection (health counters, request log). Other refusals
 * (unknown, revoked, expired credentials) belong to no connection and carry nothing.
 */
function withRefusedCaller(error: unknown): unknown {
  if (!isDomainError(error) || error.reason !== 'connectionPaused') return error;
  const principal = error.details.principal as Principal | undefined;
  return principal ? Object.assign(error, { refusedCaller: scimCallerOf(principal) }) : error;
}

/** CORS is off unless CORS_ORIGINS lists the browser origins allowed to call the API. */
function corsFor(config: Config): express.RequestHandler {
  const allowed = new Set(config.corsOrigins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader(
        'Access-Control-Allow-Headers',
        'Authorization, Content-Type, X-Request-Id, X-Organization',
      );
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
    }
    next();
  };
}
