import { Router } from 'express';
import type { RequestHandler } from 'express';
import type { RequestOutcome } from './domain/connections/connection-health';
import type { ConnectionRequestEntry } from './domain/connections/request-log';
import { MAX_REPORTED } from './domain/connections/reported-activity.service';
import { connectionActivity } from './http/connection-activity';
import type { ScimCaller } from './scim/graphql/graphql-executor';
import type { ScimRequestReport } from './scim/graphql/remote-activity-reporter';
import { RemoteActivityReporter } from './scim/graphql/remote-activity-reporter';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config';
import type { Logger } from './http/logger';
import { credentialOf } from './http/authenticator';
import type { GraphqlExecutor } from './scim/graphql/graphql-executor';
import { HttpExecutor } from './scim/graphql/http-executor';
import { RemoteAuthenticator } from './scim/graphql/remote-authenticator';
import { KeyedLock } from './scim/concurrency/keyed-lock';
import { PageCursorCache } from './scim/listing/page-cursor-cache';
import { ResourceSchemas } from './scim/resource-schemas';
import type { DefinitionChanges } from './scim/resource-schemas';
import type { ScimDeps } from './scim/scim-context';
import { validateOperations } from './scim/operations/validate-operations';
import type { ProceedAs, ScimAuthenticator } from './scim/scim-router';
import { createScimRouter } from './scim/scim-router';
import { createScimV1Router } from './scim/v1/scim-v1-router';

export interface ScimFacadeOptions {
  readonly config: Config;
  /** The subgraph schema the facade's operations are validated against at start-up. */
  readonly schema: GraphQLSchema;
  readonly executor: GraphqlExecutor;
  readonly authenticate: ScimAuthenticator;
  /**
   * Runs the rest of an authenticated request (default: at once). The in-process facade runs a
   * dry-run caller's request in a rehearsal scope this way (src/http/dry-run.ts).
   */
  readonly proceed?: ProceedAs;
  readonly logger: Logger;
  /** Which protocol the router speaks: SCIM 2.0 (`/scim/v2`, the default) or 1.1 (`/scim/v1`). */
  readonly version?: 'v1' | 'v2';
  /** Cursor cache and PATCH locks shared by every router (and, with REDIS_URL, every instance). */
  readonly shared?: Pick<ScimDeps, 'pageCursors' | 'writeLocks'> & {
    /** Notices of changed extension definitions: the facade's cached User schemas forget them. */
    readonly definitionChanges?: DefinitionChanges;
  };
}

/** The SCIM 2.0 (or 1.1) router, in-process or remote alike: only the executor and authenticator differ. */
export function createScimFacade(options: ScimFacadeOptions): Router {
  const { config } = options;
  validateOperations(options.schema);
  return (options.version === 'v1' ? createScimV1Router : createScimRouter)({
    deps: {
      graphql: options.executor,
      pageCursors: options.shared?.pageCursors ?? new PageCursorCache(),
      writeLocks: options.shared?.writeLocks ?? new KeyedLock(),
      schemas: new ResourceSchemas(options.shared?.definitionChanges),
      limits: {
        maxResults: config.scim.maxResults,
        defaultCount: Math.min(config.scim.defaultCount, config.scim.maxResults),
        bulkMaxOperations: config.scim.bulkMaxOperations,
        bulkMaxPayloadSize: config.bodyLimitBytes,
      },
    },
    authenticate: options.authenticate,
    proceed: options.proceed,
    logger: options.logger,
    bodyLimitBytes: config.bodyLimitBytes,
    publicUrl: config.explicitPublicUrl,
  });
}

/** The facade against a remote subgraph (GRAPHQL_URL): it authenticates through the subgraph too. */
export function remoteScimFacade(
  config: Config,
  schema: GraphQLSchema,
  logger: Logger,
  version: 'v1' | 'v2' = 'v2',
  shared?: ScimFacadeOptions['shared'],
  /** Attributes each answered request to its connection (see remoteActivity). */
  activity?: RequestHandler,
): Router {
  const executor = new HttpExecutor(config.graphqlUrl as string, version === 'v1' ? 'scim:1.1' : 'scim');
  const remote = new RemoteAuthenticator(executor, (header) => credentialOf(header, { allowBasic: true }));
  const facade = createScimFacade({
    config,
    schema,
    executor,
    logger,
    version,
    shared,
    authenticate: (header, clientAddress, organization, request) =>
      remote.authenticate(header, clientAddress, organization, request),
  });
  const router = Router();
  if (activity) router.use(activity);
  router.use(facade);
  return router;
}

/** How often the standalone facade sends what its connections' requests did. */
const REPORT_FLUSH_MS = 1_000;

/** The health counters and request log of a facade run apart: reported to the subgraph over GraphQL. */
export interface RemoteActivity {
  readonly handler: RequestHandler;
  /** Sends what is queued (shutdown). */
  close(): Promise<void>;
}

export function remoteActivity(config: Config, logger: Logger): RemoteActivity {
  const reporter = new RemoteActivityReporter(new HttpExecutor(config.graphqlUrl as string), {
    flushMs: REPORT_FLUSH_MS,
    batchSize: MAX_REPORTED,
    maxQueued: 10_000,
    onError: (err, dropped) =>
      logger.warn({ err, dropped }, 'Connection request reports dropped: the subgraph did not take them'),
  });
  const handler = connectionActivity({
    maxBodyBytes: config.requestLog.maxBodyBytes,
    clock: () => new Date(),
    sink: (caller, outcome, entry) => reporter.add(caller as ScimCaller, reportOf(outcome, entry)),
  });
  return { handler, close: () => reporter.close() };
}

function reportOf(outcome: RequestOutcome, entry: ConnectionRequestEntry): ScimRequestReport {
  return {
    at: entry.at.toISOString(),
    requestId: entry.requestId,
    method: entry.method,
    path: entry.path,
    status: entry.status,
    durationMs: entry.durationMs,
    ...(outcome.detail !== undefined && { detail: outcome.detail }),
    quirks: [...entry.quirks],
    resourceIds: [...entry.resourceIds],
    requestBody: entry.requestBody,
    // A body kept as the bytes that were sent travels as its text.
    responseBody: entry.responseBody?.toString() ?? null,
    usersCreated: outcome.created?.users ?? 0,
    groupsCreated: outcome.created?.groups ?? 0,
  };
}
