import '../support/no-secrets-in-logs';
import { Agent } from 'node:http';
import { createTestDatabase } from '../../fixtures/test-database';
import type { TestDatabase } from '../../fixtures/test-database';
import { brokenInvariants, countRows } from '../support/consistency';
import { recordFigure } from '../support/figures';
import { heldPipeline, heldPost } from '../support/held-request';
import { logCapture } from '../support/log-capture';
import { SCIM_USER } from '../support/reliable-app';
import type { ServiceProcess } from '../support/service-process';
import { httpJson, newTokens, startService } from '../support/service-process';

const IN_FLIGHT = 24;

/**
 * SIGTERM while requests are running: every request already received completes with its real
 * answer, new connections are refused, requests that still arrive on open connections get 503 with
 * `Connection: close`, and the process exits 0 once the last one is answered.
 */
describe('SIGTERM under load', () => {
  let database: TestDatabase;
  let service: ServiceProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The drain waits for 24 scrypt hashes, which take over 10 s on a loaded 2-core machine; the
    // shutdown timeout must not cut them off (that is a different behaviour, tested nowhere here).
    service = await startService(database.url, newTokens(), { SHUTDOWN_TIMEOUT_MS: '90000' });
  });
  afterAll(async () => {
    if (service.child.exitCode === null) service.child.kill('SIGKILL');
    await service.exited;
    await database.drop();
  });

  it('finishes in-flight requests, refuses new ones cleanly and exits 0', async () => {
    // Open the connections first, so every request below is surely received before the signal.
    const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT + 1 });
    await Promise.all(
      Array.from({ length: IN_FLIGHT + 1 }, () => httpJson(`${service.baseUrl}/healthz`, { agent })),
    );
    // Two requests held in flight by the test (their bodies not yet complete): one keeps the process
    // draining for as long as the test needs, the other's keep-alive connection is used afterwards.
    const keeper = await heldPost(
      `${service.baseUrl}/scim/v2/Users`,
      service.scimToken,
      user('keeper'),
      false,
    );
    const { hostname, port } = new URL(service.baseUrl);
    const reused = await heldPipeline(
      hostname,
      Number(port),
      '/scim/v2/Users',
      service.scimToken,
      user('reused'),
    );
    // Each create hashes a password with scrypt (~100 ms on libuv's 4 threads): together ~1 s of work.
    const inFlight = Array.from({ length: IN_FLIGHT }, (_, i) =>
      httpJson(`${service.baseUrl}/scim/v2/Users`, {
        method: 'POST',
        token: service.scimToken,
        agent,
        body: user(`${i}`),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    const signalled = Date.now();
    service.child.kill('SIGTERM');

    // The listener closes: new connections are refused (a connection accepted in the instant the
    // listener closes may be reset). Until then, the first few may still have been served.
    const refusals: string[] = [];
    let refusedAfter = 0;
    while (refusedAfter === 0 && Date.now() - signalled < 10_000) {
      const outcome = await httpJson(`${service.baseUrl}/scim/v2/Users`, { token: service.scimToken }).then(
        (answer) => `${answer.status} ${answer.headers.connection}`,
        (error: NodeJS.ErrnoException) => error.code ?? error.message,
      );
      refusals.push(outcome);
      if (outcome === 'ECONNREFUSED') refusedAfter = Date.now() - signalled;
      else await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(refusedAfter).toBeGreaterThan(0);
    const served = refusals.filter((r) => r.startsWith('200'));
    for (const outcome of refusals.slice(served.length))
      expect(['503 close', 'ECONNREFUSED', 'ECONNRESET']).toContain(outcome);

    // The held request on its open connection completes with its real answer; the next request on
    // that same connection, arriving while the process drains, is refused with 503 and
    // Connection: close (the draining middleware) — not served, which would keep the client on a
    // dying instance. The two are pipelined, so the connection is never idle in between.
    const next = `GET /scim/v2/Users HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${service.scimToken}\r\n\r\n`;
    const { answers: onOpenConnection } = await reused.finishWith(next);
    expect(onOpenConnection.map((a) => [a.status, a.headers.connection])).toEqual([
      [201, 'keep-alive'],
      [503, 'close'],
    ]);
    expect(service.child.exitCode).toBeNull();

    const [kept, ...answers] = await Promise.all([keeper.finish(), ...inFlight]);
    expect(kept.status).toBe(201);
    expect(answers.map((a) => a.status)).toEqual(Array(IN_FLIGHT).fill(201));
    const drained = Date.now() - signalled;
    agent.destroy();

    expect(await service.exited).toBe(0);
    const exitedAfter = Date.now() - signalled;
    expect(logCapture.lines.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
    expect(await countRows(database.url, "SELECT COUNT(*) FROM users WHERE user_name LIKE 'term-%'")).toBe(
      IN_FLIGHT + 2,
    );
    expect(await brokenInvariants(database.url)).toEqual([]);
    recordFigure('faults', 'SIGTERM: in-flight completed, new requests refused, timings (ms)', {
      completed: IN_FLIGHT + 2,
      refusedAfterMs: refusedAfter,
      newRequests: refusals,
      onOpenConnection: onOpenConnection.map((a) => `${a.status} ${a.headers.connection}`),
      drainedMs: drained,
      exitedMs: exitedAfter,
    });
  });
});

function user(suffix: string) {
  return {
    schemas: [SCIM_USER],
    userName: `term-${suffix}@example.com`,
    password: `term-password-${suffix}-long`,
  };
}
