import 'reflect-metadata';
import type { Server, ServerOptions } from 'node:http';
import { createServer } from 'node:http';
import { createApp } from './app';
import { bootstrapFirstStart } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { startupBanner } from './startup-banner';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  const bootstrap = await bootstrapFirstStart(app.services, config.bootstrap);
  const server = createServer(serverTimeouts(config.limits.requestTimeoutMs), app.express);
  server.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  app.logger.info({ port: config.port }, 'listening');
  process.stdout.write(startupBanner(config.publicUrl, bootstrap));
  const stop = (signal: string) => shutdown(server, app, config.shutdownTimeoutMs, signal);
  process.once('SIGTERM', stop).once('SIGINT', stop);
}

/**
 * A client must finish sending its request within REQUEST_TIMEOUT_MS (slow uploads and half-sent
 * headers hold no socket forever). Node enforces both timeouts only when it sweeps its connections,
 * every 30 s by default — which would let a stalled client keep its socket up to 30 s past the limit —
 * so the sweep runs at a tenth of the limit (at least once a second).
 */
function serverTimeouts(requestTimeoutMs: number): ServerOptions {
  if (requestTimeoutMs <= 0) return { requestTimeout: 0 };
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(60_000, requestTimeoutMs),
    connectionsCheckingInterval: Math.min(30_000, Math.max(1_000, Math.floor(requestTimeoutMs / 10))),
  };
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
