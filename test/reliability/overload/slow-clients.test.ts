import '../support/no-secrets-in-logs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { createTestDatabase } from '../../fixtures/test-database';
import type { TestDatabase } from '../../fixtures/test-database';
import type { ServiceProcess } from '../support/service-process';
import { httpJson, newTokens, startService } from '../support/service-process';

const MAX_CONNECTIONS = 40;

interface Probe {
  readonly socket: Socket;
  /** Resolves when the server closed the connection, with what it had sent. */
  readonly closed: Promise<string>;
}

function open(port: number): Probe {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  return { socket, closed };
}

const connected = (probe: Probe) =>
  new Promise<void>((resolve) =>
    probe.socket.readyState === 'open' ? resolve() : probe.socket.once('connect', () => resolve()),
  );

/** Resolves `true` once the server has closed the connection, `false` if it is still open after `ms`. */
const closedWithin = (probe: Probe, ms: number) =>
  Promise.race([
    probe.closed.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);

/**
 * Clients that hold connections without using them: bounded by the header timeout, the keep-alive
 * timeout, the idle-socket timeout and MAX_CONNECTIONS, while other clients are still served.
 */
describe('slow and idle clients', () => {
  let database: TestDatabase;
  let service: ServiceProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startService(database.url, newTokens(), {
      HEADERS_TIMEOUT_MS: '1000',
      KEEP_ALIVE_TIMEOUT_MS: '500',
      IDLE_SOCKET_TIMEOUT_MS: '2000',
      MAX_CONNECTIONS: String(MAX_CONNECTIONS),
    });
  });
  afterAll(async () => {
    if (service.child.exitCode === null) service.child.kill('SIGKILL');
    await service.exited;
    await database.drop();
  });

  it('closes a slowloris connection (a header byte every 200 ms) while serving others', async () => {
    const slow = open(service.port);
    await connected(slow);
    slow.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const drip = setInterval(() => slow.socket.write('X'), 200);
    try {
      expect((await httpJson(`${service.baseUrl}/healthz`)).status).toBe(200);
      expect(await closedWithin(slow, 15_000)).toBe(true);
      expect(await slow.closed).not.toMatch(/^HTTP\/1\.1 200/);
    } finally {
      clearInterval(drip);
      slow.socket.destroy();
    }
  });

  it('closes connections that never send a byte, so they cannot hold MAX_CONNECTIONS', async () => {
    const silent = Array.from({ length: MAX_CONNECTIONS + 20 }, () => open(service.port));
    const closed = await Promise.all(silent.map((probe) => closedWithin(probe, 15_000)));
    expect(closed.every(Boolean)).toBe(true);
    expect((await httpJson(`${service.baseUrl}/readyz`)).status).toBe(200);
  });

  it('closes an idle keep-alive connection after its request was answered', async () => {
    const client = open(service.port);
    await connected(client);
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await closedWithin(client, 15_000)).toBe(true);
    expect(await client.closed).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it('drops a client that stops reading its answers', async () => {
    const reader = open(service.port);
    await connected(reader);
    reader.socket.pause();
    // Pipelined requests whose answers (~1 MB together) overflow the socket buffers unread.
    const request = `GET /scim/v2/Schemas HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${service.scimToken}\r\n\r\n`;
    for (let i = 0; i < 400; i++) reader.socket.write(request);
    // Past IDLE_SOCKET_TIMEOUT_MS with nothing read, then read what the server had sent before it
    // dropped the connection: fewer than the 400 answers, and the connection is gone.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    reader.socket.resume();
    expect(await closedWithin(reader, 15_000)).toBe(true);
    const answers = (await reader.closed).match(/HTTP\/1\.1 200 OK/g)?.length ?? 0;
    expect(answers).toBeLessThan(400);
    expect((await httpJson(`${service.baseUrl}/healthz`)).status).toBe(200);
  });
});
