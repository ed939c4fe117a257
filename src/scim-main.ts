import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { applyHeapGrowthPercent } from './heap-policy';
import { exitOnStartupFailure, serve } from './serve';
import { createScimFacadeApp } from './scim-facade-app';

/**
 * The SCIM facade as its own process (`npm run start:scim`): no database, every operation goes to
 * the subgraph at GRAPHQL_URL. Run it where identity providers reach it; keep the subgraph private.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  applyHeapGrowthPercent(config.heapGrowthPercent);
  if (!config.graphqlUrl)
    throw new ConfigError(['GRAPHQL_URL is required to run the SCIM facade on its own']);
  const app = await createScimFacadeApp(config);
  await serve({
    config,
    app,
    onListening: async () => {
      process.stdout.write(
        `\n  SCIM Base URL: ${config.publicUrl}/scim/v2 (GraphQL at ${config.graphqlUrl})\n\n`,
      );
    },
  });
}

main().catch(exitOnStartupFailure);
