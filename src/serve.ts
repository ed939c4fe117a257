import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Config } from './config';
import { ConfigError } from './config';
import { applyConnectionLimits } from './http/connection-limits';
import type { Lifecycle } from './http/lifecycle';
import type { Logger } from './http/logger';
import type { Metrics } from './http/metrics';

/** What an entry point serves: its Express app and what must be released on shutdown. */
export interface Servable {
  readonly express: Express;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
  /** Served at /metrics: on METRICS_PORT when set (see createHttpShell for the API port). */
  readonly metrics: Metrics;
  /** Releases what the app holds (GraphQL server, rate-limit store, database pool). */
  close(): Promise<void>;
}

export interface ServeOptions {
  readonly config: Config;
  readonly app: Servable;
  /** Runs once the port is bound (first-start bootstrap, the banner); a failure stops the process. */
  readonly onListening?: (server: Server) => Promise<void>;
}

/**
 * One process lifecycle for every entry point: listen with the connection timeouts, then own
 * SIGTERM and SIGINT — stop accepting, mark draining, let in-flight requests finish (bounded by
 * SHUTDOWN_TIMEOUT_MS), release resources, flush the log and exit 0. A second signal during the
 * drain exits at once (1): every write is a transaction, so nothing is left half-written.
 */
export async function serve({ config, app, onListening }: ServeOptions): Promise<Server> {
  // The header and request timeouts are enforced by a sweep over open connections; Node's default
  // sweeps every 30 s, which would let a slowloris client hold its socket that much longer.
  const server = createServer({ connectionsCheckingInterval: 1_000 }, app.express);
  applyConnectionLimits(server, config);
  server.listen(config.port, config.host);
  await listening(server);
  const metricsServer = await serveMetricsPort(config, app);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) {
      stopping = true;
      metricsServer?.close();
      void shutdown(server, app, config.shutdownTimeoutMs, signal);
      return;
    }
    app.logger.warn({ signal }, 'second signal during shutdown: exiting without waiting');
    app.logger.flush();
    process.exit(1);
  };
  process.on('SIGTERM', onSignal).on('SIGINT', onSignal);
  app.logger.info({ port: (server.address() as { port: number }).port }, 'listening');
  await onListening?.(server);
  return server;
}

const listening = (server: Server): Promise<void> =>
  new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));

/** METRICS_PORT: /metrics alone on its own port (same host), for a scraper the API port does not admit. */
async function serveMetricsPort(config: Config, app: Servable): Promise<Server | undefined> {
  if (config.metrics.port === undefined) return undefined;
  const server = app.metrics.standaloneApp(config.metrics.token).listen(config.metrics.port, config.host);
  await listening(server);
  server.unref();
  return server;
}

async function shutdown(server: Server, app: Servable, timeoutMs: number, signal: string): Promise<void> {
  app.logger.info({ signal, timeoutMs }, 'shutting down: draining in-flight requests');
  app.lifecycle.beginDraining();
  const force = setTimeout(() => {
    app.logger.warn({ timeoutMs }, 'in-flight requests did not finish in time; closing connections');
    server.closeAllConnections();
  }, timeoutMs);
  force.unref();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  clearTimeout(force);
  let code = 0;
  try {
    await app.close();
    app.logger.info('stopped');
  } catch (error) {
    app.logger.error({ err: error }, 'error while releasing resources');
    code = 1;
  }
  await flushLog(app.logger);
  process.exit(code);
}

const flushLog = (logger: Logger): Promise<void> => new Promise((resolve) => logger.flush(() => resolve()));

/** The last word of a process that could not start: the cause, on stderr, then exit 1. */
export function exitOnStartupFailure(error: unknown): never {
  const message =
    error instanceof ConfigError
      ? error.message
      : `Failed to start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
