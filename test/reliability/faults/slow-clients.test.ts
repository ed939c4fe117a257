import '../support/no-secrets-in-logs';
import { connect } from 'node:net';
import { createTestDatabase } from '../../fixtures/test-database';
import type { TestDatabase } from '../../fixtures/test-database';
import { recordFigure } from '../support/figures';
import type { ServiceProcess } from '../support/service-process';
import { httpJson, newTokens, startService } from '../support/service-process';

/** A stalled socket still open after this is held "forever" (15 × REQUEST_TIMEOUT_MS): a hang, not a slow answer. */
const HANG = 30_000;

/**
 * A client that stops sending in the middle of a request must not hold a socket forever: the HTTP
 * server's `headersTimeout` and `requestTimeout` (both from REQUEST_TIMEOUT_MS) end it, while other
 * clients are served. Raw sockets, so the test controls every byte the server gets.
 */
describe('slow clients against the real process', () => {
  let database: TestDatabase;
  let service: ServiceProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startService(database.url, newTokens(), { REQUEST_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    if (service.child.exitCode === null) service.child.kill('SIGTERM');
    await service.exited;
    await database.drop();
  });

  /** Sends `bytes`, then nothing more; resolves with everything the server sent until it closed. */
  const stall = (bytes: string) =>
    new Promise<{ reply: string; servedMeanwhile: number[] }>((resolve, reject) => {
      const servedMeanwhile: number[] = [];
      let reply = '';
      const socket = connect(service.port, '127.0.0.1', () => {
        socket.write(bytes);
        // While this client stalls, others are served: the stall holds one socket, not the process.
        void httpJson(`${service.baseUrl}/healthz`).then((answer) => servedMeanwhile.push(answer.status));
      });
      socket.on('data', (chunk: Buffer) => (reply += chunk.toString()));
      socket.on('error', reject);
      socket.on('close', () => resolve({ reply, servedMeanwhile }));
    });

  it(
    'closes a connection whose headers never end, answering 408',
    async () => {
      const started = Date.now();
      const { reply, servedMeanwhile } = await stall(
        `POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${service.scimToken}\r\n`,
      );
      expect(reply).toMatch(/^HTTP\/1\.1 408 /);
      expect(servedMeanwhile).toEqual([200]);
      recordFigure('limits', 'headers never finished: connection closed after (ms)', Date.now() - started);
    },
    HANG,
  );

  it(
    'closes a connection whose body never ends, with an answer and no user created',
    async () => {
      const body = JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'stalled',
      });
      const started = Date.now();
      const { reply, servedMeanwhile } = await stall(
        `POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${service.scimToken}\r\n` +
          `Content-Type: application/scim+json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
      );
      expect(reply).toMatch(/^HTTP\/1\.1 (408|503) /);
      expect(servedMeanwhile).toEqual([200]);
      const users = await httpJson(`${service.baseUrl}/scim/v2/Users?filter=userName%20eq%20%22stalled%22`, {
        token: service.scimToken,
      });
      expect(users.status).toBe(200);
      expect(users.body).toMatchObject({ totalResults: 0 });
      recordFigure('limits', 'body never finished: connection closed after (ms)', Date.now() - started);
    },
    HANG,
  );
});
