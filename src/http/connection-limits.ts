import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Config } from '../config';

/**
 * What one connection may hold, so slow or idle clients cannot starve the rest:
 * - headers within HEADERS_TIMEOUT_MS (slowloris: one header byte a second), and a connection that
 *   sends nothing at all is closed after the same time — Node's header timeout only starts at the
 *   first byte, so silent connections could otherwise fill MAX_CONNECTIONS for the idle timeout;
 * - the whole request within REQUEST_TIMEOUT_MS (slow uploads);
 * - idle keep-alive connections closed after KEEP_ALIVE_TIMEOUT_MS;
 * - a socket with no traffic either way (a client that stopped reading its answer) destroyed after
 *   IDLE_SOCKET_TIMEOUT_MS;
 * - at most MAX_CONNECTIONS open at once (Node closes connections over the cap as they arrive).
 */
/** How long after the header timeout a connection that never sent a byte is closed. */
const SILENT_GRACE_MS = 2_000;

export function applyConnectionLimits(server: Server, config: Config): void {
  const { limits, connections } = config;
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout =
    limits.requestTimeoutMs > 0
      ? Math.min(connections.headersTimeoutMs, limits.requestTimeoutMs)
      : connections.headersTimeoutMs;
  server.keepAliveTimeout = connections.keepAliveTimeoutMs;
  server.timeout = connections.idleSocketTimeoutMs;
  server.maxConnections = connections.maxConnections;
  // Later than the header timeout plus Node's check interval (1 s, src/serve.ts): a client that sent
  // part of its headers gets Node's 408 first; only one that never sent a byte is closed here.
  closeSilentConnections(server, server.headersTimeout + SILENT_GRACE_MS);
}

function closeSilentConnections(server: Server, afterMs: number): void {
  const spoke = new WeakSet<Socket>();
  server.on('request', (req) => spoke.add(req.socket));
  server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => {
      if (!spoke.has(socket)) socket.destroy();
    }, afterMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });
}
