import 'reflect-metadata';
import type { Server } from 'node:http';
import { createApp } from './app';
import { bootstrapFirstStart } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { startupBanner } from './startup-banner';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  const bootstrap = await bootstrapFirstStart(app.services, config.bootstrap);
  const server = app.express.listen(config.port, config.host);
  // A client must finish sending its request within REQUEST_TIMEOUT_MS (slow uploads hold no socket forever).
  server.requestTimeout = config.limits.requestTimeoutMs;
  if (config.limits.requestTimeoutMs > 0)
    server.headersTimeout = Math.min(server.headersTimeout, config.limits.requestTimeoutMs);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  app.logger.info({ port: config.port }, 'listening');
  process.stdout.write(startupBanner(config.publicUrl, bootstrap));
  const stop = (signal: string) => shutdown(server, app, config.shutdownTimeoutMs, signal);
  process.once('SIGTERM', stop).once('SIGINT', stop);
}

/** Stop accepting, let in-flight requests finish (bounded), close the pool, exit 0. */
async function shutdown(
  server: Server,
  app: Awaited<ReturnType<typeof createApp>>,
  timeoutMs: number,
  signal: string,
) {
  app.logger.info({ signal }, 'shutting down');
  app.beginShutdown();
  const force = setTimeout(() => {
    app.logger.warn('in-flight requests did not finish in time; closing connections');
    server.closeAllConnections();
  }, timeoutMs);
  force.unref();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  await app.close();
  app.logger.info('stopped');
  process.exit(0);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
