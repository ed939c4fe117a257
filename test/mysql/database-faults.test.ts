import '../reliability/support/no-secrets-in-logs';
import type { Json, ScimClient } from '../fixtures/scim-client';
import { scim } from '../fixtures/scim-client';
import { TcpProxy } from '../fixtures/tcp-proxy';
import type { TestApp } from '../fixtures/test-app';
import { createTestDatabase } from '../fixtures/test-database';
import type { TestDatabase } from '../fixtures/test-database';
import { brokenInvariants } from '../reliability/support/consistency';
import { recordFigure } from '../reliability/support/figures';
import { INTERNALS, startReliableApp } from '../reliability/support/reliable-app';

/**
 * Runs only against MariaDB: a TCP fault proxy sits between the service and the database. Requests
 * must fail fast with 503 (GraphQL UNAVAILABLE, SCIM Error "503"), /readyz must say so, no write may
 * be half-applied, and the service must recover by itself once the database answers again.
 */
describe('database faults through a TCP proxy', () => {
  const QUERY_TIMEOUT_MS = 1500;
  let database: TestDatabase;
  let proxy: TcpProxy;
  let sut: TestApp;
  let client: ScimClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url);
    proxy = new TcpProxy(url.hostname, Number(url.port || 3306));
    await proxy.start();
    url.host = `127.0.0.1:${proxy.port}`;
    sut = await startReliableApp(
      { DB_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS), RATE_LIMIT_PER_MINUTE: '0' },
      { url: url.toString(), drop: async () => undefined },
    );
    client = scim(sut, sut.tenant.scimToken);
  });
  afterAll(async () => {
    await proxy.restore();
    await sut.close();
    await proxy.cut();
    await database.drop();
  });
  afterEach(async () => {
    await proxy.restore();
    await recovered();
    expect(await brokenInvariants(database.url)).toEqual([]);
  });

  const graphqlViewer = () =>
    sut.http
      .post('/graphql')
      .set('Authorization', `Bearer ${sut.tenant.adminToken}`)
      .send({ query: '{ users(first: 1) { totalCount } }' });

  /** The service answers again by itself: no restart, no manual reconnect. */
  async function recovered(): Promise<number> {
    const started = Date.now();
    for (let i = 0; i < 100; i++) {
      const [ready, users] = await Promise.all([sut.http.get('/readyz'), client.get('/Users?count=1')]);
      if (ready.status === 200 && users.status === 200) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the service did not recover within 10 s');
  }

  async function expectUnavailable(fault: string, withinMs: number) {
    const started = Date.now();
    const [graphql, users, ready] = await Promise.all([
      graphqlViewer(),
      client.get('/Users?count=5'),
      sut.http.get('/readyz'),
    ]);
    const elapsed = Date.now() - started;
    expect({ fault, status: graphql.status, code: graphql.body.errors?.[0]?.extensions?.code }).toEqual({
      fault,
      status: 503,
      code: 'UNAVAILABLE',
    });
    expect({ fault, status: users.status, body: users.body.status }).toEqual({
      fault,
      status: 503,
      body: '503',
    });
    expect(ready.status).toBe(503);
    for (const text of [graphql.text, users.text]) expect(text).not.toMatch(INTERNALS);
    expect(elapsed).toBeLessThan(withinMs);
    recordFigure('faults', `${fault}: slowest 503 (ms)`, elapsed);
    return elapsed;
  }

  it('answers 503 fast while connections are refused, then recovers by itself', async () => {
    await proxy.cut();
    await expectUnavailable('refused', 8_000);
    await proxy.restore();
    const recovery = await recovered();
    recordFigure('faults', 'refused: recovery after restore (ms)', recovery);
    expect(recovery).toBeLessThan(10_000);
  });

  it('answers 503 while every new connection is reset, then recovers by itself', async () => {
    // Connections the pool already holds still work; kill them so every query needs a new one.
    await proxy.cut();
    await proxy.restore();
    proxy.refuseNew();
    await expectUnavailable('reset', 8_000);
    proxy.heal();
    expect(await recovered()).toBeLessThan(10_000);
  });

  it('answers 503 within the query timeout while the network swallows everything (blackhole)', async () => {
    proxy.blackhole();
    await expectUnavailable('blackhole', QUERY_TIMEOUT_MS + 6_000);
    proxy.heal();
    const recovery = await recovered();
    recordFigure('faults', 'blackhole: recovery after heal (ms)', recovery);
    expect(recovery).toBeLessThan(10_000);
    // Connections whose statement timed out were discarded, not left wedged in the pool.
    const started = Date.now();
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => client.get('/Users?count=1').then((r) => r.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('keeps answering correctly, only slower, with 20 ms of latency each way', async () => {
    proxy.setLatency(20);
    const before = { ...proxy.delayed };
    const slow = Date.now();
    const created = await client.createUser({
      userName: 'latency@example.com',
      emails: [{ value: 'latency@example.com' }],
    });
    const listed = await client.get('/Users', { query: { filter: 'userName eq "latency@example.com"' } });
    const elapsed = Date.now() - slow;
    expect(listed.status).toBe(200);
    expect(listed.body.Resources.map((r: Json) => r.id)).toEqual([created.id]);
    // The latency really sat in the path: statements and their answers went through the delay (a
    // proxy that did nothing would count none), and the requests took at least one delayed round
    // trip (a lower bound, which load can only lengthen).
    const statements = proxy.delayed.toServer - before.toServer;
    const answers = proxy.delayed.toClient - before.toClient;
    expect(statements).toBeGreaterThanOrEqual(2);
    expect(answers).toBeGreaterThanOrEqual(2);
    expect(elapsed).toBeGreaterThanOrEqual(2 * 20);
    recordFigure('faults', 'latency 20 ms each way: create + list', {
      elapsedMs: elapsed,
      statements,
      answers,
    });
  });

  it('answers 503 when latency exceeds the query timeout (DB_QUERY_TIMEOUT_MS)', async () => {
    proxy.setLatency(QUERY_TIMEOUT_MS + 500);
    await expectUnavailable('latency beyond the query timeout', QUERY_TIMEOUT_MS * 2 + 6_000);
  });

  it('leaves no partial write when the connection is cut mid-request, at any moment', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 14; i++) {
      proxy.setLatency(15);
      const userName = `cut-${i}@example.com`;
      const pending = client.post('/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName,
        name: { givenName: 'Cut', familyName: String(i) },
        emails: [
          { value: userName, type: 'work', primary: true },
          { value: `home-${i}@example.com`, type: 'home' },
        ],
        phoneNumbers: [{ value: `+1555000${i}`, type: 'work' }],
      });
      await new Promise((resolve) => setTimeout(resolve, 10 + i * 45));
      await proxy.cut();
      const created = await pending;
      expect([201, 503]).toContain(created.status);
      if (created.status === 503) expect(created.body.status).toBe('503');
      await proxy.restore();
      await recovered();

      // Whatever the answer, the user is all there or not there at all.
      const found = await client.get('/Users', { query: { filter: `userName eq "${userName}"` } });
      expect(found.status).toBe(200);
      if (found.body.totalResults === 0) {
        expect(created.status).toBe(503);
        outcomes.push('absent');
      } else {
        const [user] = found.body.Resources;
        expect(user.name).toMatchObject({ givenName: 'Cut', familyName: String(i) });
        expect(user.emails.map((e: Json) => e.value).sort()).toEqual(
          [`home-${i}@example.com`, userName].sort(),
        );
        expect(user.phoneNumbers).toEqual([expect.objectContaining({ value: `+1555000${i}` })]);
        outcomes.push(created.status === 201 ? 'applied' : 'applied, answered 503');
      }
      expect(await brokenInvariants(database.url)).toEqual([]);
    }
    // The cut landed before, during and after the writes across the iterations.
    recordFigure('faults', 'cut mid-request: outcomes', outcomes);
    expect(outcomes).toContain('absent');
    expect(outcomes.some((o) => o.startsWith('applied'))).toBe(true);
  });
});
