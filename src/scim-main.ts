import 'reflect-metadata';
import express from 'express';
import { ConfigError, loadConfig } from './config';
import { buildIdentitySchema } from './graphql/build-schema';
import { fallbackErrorHandler, notFoundHandler } from './http/error-handler';
import { createLogger } from './http/logger';
import { requestLogging } from './http/request-logging';
import { securityHeaders } from './http/security-headers';
import { remoteScimFacade } from './scim-facade';

/**
 * The SCIM facade as its own process (`npm run start:scim`): no database, every operation goes to
 * the subgraph at GRAPHQL_URL. Run it where identity providers reach it; keep the subgraph private.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.graphqlUrl)
    throw new ConfigError(['GRAPHQL_URL is required to run the SCIM facade on its own']);
  const logger = createLogger(config.logLevel);
  const app = express();
  app.disable('x-powered-by');
  // Express would hash every response body for an ETag; SCIM resources carry their version as ETag
  // and nothing else is cacheable, so the hashing (a whole list page per request) buys nothing.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(requestLogging(logger));
  app.use(securityHeaders());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const schema = await buildIdentitySchema();
  app.use('/scim/v2', remoteScimFacade(config, schema, logger));
  app.use('/scim/v1', remoteScimFacade(config, schema, logger, 'v1'));
  app.use(notFoundHandler);
  app.use(fallbackErrorHandler(logger));
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  process.stdout.write(
    `\n  SCIM Base URL: ${config.publicUrl}/scim/v2 (GraphQL at ${config.graphqlUrl})\n\n`,
  );
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop).once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
