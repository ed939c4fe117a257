import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { warnUnavailable } from '../http/unavailable-log';
import { compiledExecution } from './compiled-execution';
import type { GraphqlContext } from './context';
import { CODE_POLICY, formatError, toClientError } from './format-error';
import type { DomainErrorCode } from '../errors';
import { DOMAIN_ERROR_CODES } from '../errors';
import type { OperationLimits } from './limits/operation-limits';
import { DEFAULT_OPERATION_LIMITS, MAX_DOCUMENT_TOKENS } from './limits/operation-limits';
import { operationLimitsPlugin } from './limits/operation-limits.plugin';
import type { OperationRecorder } from './operation-metrics.plugin';
import { operationMetricsPlugin } from './operation-metrics.plugin';

export interface GraphqlLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface GraphqlServerOptions {
  readonly schema: GraphQLSchema;
  readonly logger: GraphqlLogger;
  /** Whether clients may introspect. A router composes from `_service { sdl }`, so production can turn it off. */
  readonly introspection: boolean;
  /** Depth, alias and cost limits checked before execution; defaults: DEFAULT_OPERATION_LIMITS. */
  readonly limits?: OperationLimits;
  /** Told about every operation answered (metrics). */
  readonly onOperation?: OperationRecorder;
}

/**
 * The Apollo Server for the identity subgraph, started. The caller mounts it (expressMiddleware)
 * and builds each request's context with `createGraphqlContext`.
 */
export async function createGraphqlServer(
  options: GraphqlServerOptions,
): Promise<ApolloServer<GraphqlContext>> {
  const server = new ApolloServer<GraphqlContext>({
    // Apollo parses, validates, runs the plugins below and formats errors; operations run compiled
    // (graphql-jit) through its gateway interface, with graphql-js's variable coercion and errors.
    gateway: compiledExecution(options.schema),
    introspection: options.introspection,
    formatError,
    // The process owns SIGTERM/SIGINT (src/serve.ts drains, then stops this server). Apollo's default
    // re-raises the signal unless NODE_ENV=test, which killed the process mid-drain in production.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    // Without introspection, "Did you mean …?" suggestions would still reveal field names.
    hideSchemaDetailsFromClientErrors: !options.introspection,
    // Automatic persisted queries answer with codes outside the closed set; a subgraph behind a
    // router does not need them.
    persistedQueries: false,
    // One operation per HTTP request: a batch would multiply every per-operation limit below.
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: MAX_DOCUMENT_TOKENS },
    // Counts selections with fragments expanded, during validation (a fragment bomb is refused).
    maxRecursiveSelections: true,
    // No landing page (it loads Apollo's sandbox from a CDN) and no federated tracing (nothing here
    // reports to Apollo Studio, and traces would tell any caller how long each field took).
    plugins: [
      errorPlugin(options.logger),
      operationLimitsPlugin<GraphqlContext>(options.limits ?? DEFAULT_OPERATION_LIMITS),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // We send no cache hints; the default plugin would wrap every resolver (≈8% of CPU in the benchmark).
      ApolloServerPluginCacheControlDisabled(),
      ...(options.onOperation ? [operationMetricsPlugin(options.onOperation)] : []),
    ],
  });
  await server.start();
  return server;
}

const isDomainErrorCode = (code: unknown): code is DomainErrorCode =>
  (DOMAIN_ERROR_CODES as readonly unknown[]).includes(code);

/**
 * Logs each error the client only sees as INTERNAL once, with the request id and
 * the original error; never the variables, which may hold passwords. Sets the HTTP status a code
 * asks for (503 for UNAVAILABLE, whose cause is logged at warn, rate-limited: see unavailable-log.ts).
 */
function errorPlugin(logger: GraphqlLogger): ApolloServerPlugin<GraphqlContext> {
  const logIfNeeded = (error: unknown, fields: object) => {
    const client = toClientError(error);
    if (client.code === 'UNAVAILABLE') warnUnavailable(logger, client.cause, fields);
    else if (client.log)
      logger.error({ ...fields, code: client.code, err: client.cause }, 'GraphQL request failed');
  };
  return {
    async contextCreationDidFail({ error }) {
      logIfNeeded(error, { phase: 'context' });
    },
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      logIfNeeded(error, { requestId: requestContext.contextValue?.request?.requestId, phase: 'request' });
    },
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            logIfNeeded(error, {
              requestId: contextValue.request.requestId,
              operationName,
              path: error.path,
            });
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const statuses = (response.body.singleResult.errors ?? [])
            .map((error) => error.extensions?.code)
            .filter(isDomainErrorCode)
            .map((code) => CODE_POLICY[code].httpStatus)
            .filter((status): status is number => status !== undefined);
          if (statuses.length > 0) response.http.status = Math.max(...statuses);
        },
      };
    },
  };
}
