import 'reflect-metadata';
import { createApp } from './app';
import { bootstrapFirstStart } from './bootstrap';
import { loadConfig } from './config';
import { applyHeapGrowthPercent } from './heap-policy';
import { exitOnStartupFailure, serve } from './serve';
import { startupBanner } from './startup-banner';

/**
 * The service: config, app, listen — and only then the first-start bootstrap, so a start that fails
 * to bind its port creates nothing whose one-time secrets would go unprinted.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  applyHeapGrowthPercent(config.heapGrowthPercent);
  const app = await createApp(config);
  await serve({
    config,
    app,
    onListening: async () => {
      const bootstrap = await bootstrapFirstStart(app.services, config.bootstrap);
      process.stdout.write(startupBanner(config.publicUrl, bootstrap));
      app.startWorkers();
    },
  });
}

main().catch(exitOnStartupFailure);
