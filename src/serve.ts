import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Config } from './config';
import { ConfigError } from './config';
import { applyConnectionLimits } from './http/connection-limits';
import { expressMessages } from './http/express-messages';
import type { Lifecycle } from './http/lifecycle';
import type { Logger } from './http/logger';
import type { Metrics } from './http/metrics';

/** A repeat of the first signal sooner than this is the same event delivered twice, not a second one. */
export const SAME_SIGNAL_WINDOW_MS = 300;

/** How often, while draining, connections that have gone idle are closed. */
const IDLE_SWEEP_MS = 50;

/** How long releasing resources may take after the drain's bound before the process gives up. */
const RELEASE_GRACE_MS = 5_000;

/** What an entry point serves: its Express app and what must be released on shutdown. */
export interface Servable {
  readonly express: Express;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
  /** Served at /metrics: on METRICS_PORT when set (see createHttpShell for the API port). */
  readonly metrics: Metrics;
  /** Stops background work (the webhook worker) as the drain begins, so it takes no new work meanwhile. */
  stopWorkers?(): Promise<void>;
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
 * drain (other than the duplicate a terminal's Ctrl-C under npm produces) exits at once (1): every
 * write is a transaction, so nothing is left half-written.
 */
export async function serve({ config, app, onListening }: ServeOptions): Promise<Server> {
  // The header and request timeouts are enforced by a sweep over open connections; Node's default
  // sweeps every 30 s, which would let a slowloris client hold its socket that much longer.
  // Requests and responses are born with Express's prototypes (see http/express-messages.ts).
  const server = createServer(
    { connectionsCheckingInterval: 1_000, ...expressMessages(app.express) },
    app.express,
  );
  applyConnectionLimits(server, config);
  // The kernel holds connections not yet accepted in a backlog; Node's default of 511 drops the SYNs
  // of a larger burst (1,024 clients connecting at once), and each dropped one waits the client's
  // 1 s SYN retransmission before its first request is even read. As many as MAX_CONNECTIONS may
  // wait (Linux caps it at net.core.somaxconn).
  server.listen({ port: config.port, host: config.host, backlog: config.connections.maxConnections });
  await listening(server, { host: config.host, port: config.port, variable: 'PORT' });
  const metricsServer = await serveMetricsPort(config, app);
  let first: { signal: NodeJS.Signals; at: number } | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (!first) {
      first = { signal, at: now };
      metricsServer?.close();
      void shutdown(server, app, config.shutdownTimeoutMs, signal);
      return;
    }
    // Ctrl-C under `npm start` delivers SIGINT twice: the terminal signals the whole process group,
    // and npm forwards its own copy. The same signal within this window is that one keypress.
    if (signal === first.signal && now - first.at < SAME_SIGNAL_WINDOW_MS) return;
    app.logger.warn({ signal }, 'second signal during shutdown: exiting without waiting');
    app.logger.flush();
    process.exit(1);
  };
  process.on('SIGTERM', onSignal).on('SIGINT', onSignal);
  app.logger.info({ port: (server.address() as { port: number }).port }, 'listening');
  await onListening?.(server);
  return server;
}

/** EADDRINUSE and EACCES name the port and the fix; nothing has been created yet (bootstrap runs after listen). */
function listenFailure(error: NodeJS.ErrnoException, { host, port, variable }: ListenTarget): Error {
  const where = `${host}:${port}`;
  if (error.code === 'EADDRINUSE')
    return new Error(
      `${where} is already in use: stop the process holding the port, or set ${variable} to a free one.`,
    );
  if (error.code === 'EACCES')
    return new Error(
      `not allowed to listen on ${where}: ports below 1024 need privileges; set ${variable} to 1024 or above.`,
    );
  return error;
}

/** Where a server listens, and the variable that chose its port (named in a failure). */
interface ListenTarget {
  readonly host: string;
  readonly port: number;
  readonly variable: 'PORT' | 'METRICS_PORT';
}

const listening = (server: Server, target: ListenTarget): Promise<void> =>
  new Promise((resolve, reject) =>
    server.once('listening', resolve).once('error', (error) => reject(listenFailure(error, target))),
  );

/** METRICS_PORT: /metrics alone on its own port (same host), for a scraper the API port does not admit. */
async function serveMetricsPort(config: Config, app: Servable): Promise<Server | undefined> {
  if (config.metrics.port === undefined) return undefined;
  const server = app.metrics.standaloneApp(config.metrics.token).listen(config.metrics.port, config.host);
  await listening(server, { host: config.host, port: config.metrics.port, variable: 'METRICS_PORT' });
  server.unref();
  return server;
}

async function shutdown(server: Server, app: Servable, timeoutMs: number, signal: string): Promise<void> {
  app.logger.info({ signal, timeoutMs }, 'shutting down: draining in-flight requests');
  app.lifecycle.beginDraining();
  // Releasing resources can hang too (a pool closing against a database that stopped answering):
  // the process still ends, with 1, a little after the drain's bound.
  const abandon = setTimeout(() => {
    app.logger.error({ timeoutMs }, 'shutdown did not complete in time; exiting');
    app.logger.flush();
    process.exit(1);
  }, timeoutMs + RELEASE_GRACE_MS);
  abandon.unref();
  await Promise.all([
    drainConnections(server, app.logger, timeoutMs),
    app
      .stopWorkers?.()
      .catch((error: unknown) => app.logger.warn({ err: error }, 'background work did not stop cleanly')),
  ]);
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

/** Stops accepting and waits for in-flight requests; after `timeoutMs` their connections are closed. */
async function drainConnections(server: Server, logger: Logger, timeoutMs: number): Promise<void> {
  const force = setTimeout(() => {
    logger.warn({ timeoutMs }, 'in-flight requests did not finish in time; closing connections');
    server.closeAllConnections();
  }, timeoutMs);
  force.unref();
  // server.close() ends only the connections idle at that moment: a keep-alive connection whose
  // request finishes later would hold the drain open for keepAliveTimeout. Sweep them as they idle.
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  clearInterval(sweep);
  clearTimeout(force);
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
