import type { Router } from 'express';
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
import type { ScimAuthenticator } from './scim/scim-router';
import { createScimRouter } from './scim/scim-router';
import { createScimV1Router } from './scim/v1/scim-v1-router';

export interface ScimFacadeOptions {
  readonly config: Config;
  /** The subgraph schema the facade's operations are validated against at start-up. */
  readonly schema: GraphQLSchema;
  readonly executor: GraphqlExecutor;
  readonly authenticate: ScimAuthenticator;
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
): Router {
  const executor = new HttpExecutor(config.graphqlUrl as string);
  const remote = new RemoteAuthenticator(executor, (header) => credentialOf(header, { allowBasic: true }));
  return createScimFacade({
    config,
    schema,
    executor,
    logger,
    version,
    shared,
    authenticate: (header, clientAddress) => remote.authenticate(header, clientAddress),
  });
}
