import request from 'supertest';
import { createApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/http/logger';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';
import type { TestDatabase } from '../../fixtures/test-database';
import { createTestDatabase } from '../../fixtures/test-database';

const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const HEALTH = `query($id: ID!) { connection(id: $id) {
  lastRequestAt lastSuccessAt lastErrorAt lastError { status detail }
  total: requestCounts { ok clientError serverError }
  day: requestCounts(window: LAST_24_HOURS) { ok clientError serverError }
  usersCreated groupsCreated tokenLastUsedAt } }`;

/** Health counters of a connection: aggregated in memory, flushed in batches and on shutdown. */
describe('connection health', () => {
  let db: TestDatabase;
  let sut: TestApp;
  let connectionId: string;
  let secret: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    // A flush interval longer than the test: every write of the counters below comes from close().
    sut = await startTestApp({ CONNECTION_HEALTH_FLUSH_MS: '600000' }, { url: db.url, drop: async () => {} });
    const created = await sut.gql<{ createConnection: { secret: string; connection: { id: string } } }>(
      `mutation { createConnection(input: { name: "Okta", kind: OKTA_SCIM2 }) { secret connection { id } } }`,
    );
    ({ secret } = created.data!.createConnection);
    connectionId = created.data!.createConnection.connection.id;
  });
  afterAll(() => db.drop());

  const scim = () => ({ Authorization: `Bearer ${secret}` });

  it('a fresh connection has no requests, no errors and zero counts', async () => {
    const result = await sut.gql(HEALTH, { id: connectionId });
    expect(result.data!.connection).toEqual({
      lastRequestAt: null,
      lastSuccessAt: null,
      lastErrorAt: null,
      lastError: null,
      total: { ok: 0, clientError: 0, serverError: 0 },
      day: { ok: 0, clientError: 0, serverError: 0 },
      usersCreated: 0,
      groupsCreated: 0,
      tokenLastUsedAt: null,
    });
  });

  it('counts a burst of 1,000 requests by outcome without one counter write during it', async () => {
    sut.queries.length = 0;
    const sends: (() => request.Test)[] = [];
    for (let i = 0; i < 900; i++)
      sends.push(() => sut.http.get('/scim/v2/ServiceProviderConfig').set(scim()));
    for (let i = 0; i < 60; i++) {
      sends.push(() =>
        sut.http
          .post('/scim/v2/Users')
          .set(scim())
          .send({ schemas: [SCIM_USER], userName: `burst-${i}@example.com` }),
      );
    }
    for (let i = 0; i < 40; i++) {
      sends.push(() => sut.http.get('/scim/v2/Users/01890000-0000-7000-8000-000000000000').set(scim()));
    }
    const statuses: number[] = [];
    for (let i = 0; i < sends.length; i += 50) {
      const batch = await Promise.all(sends.slice(i, i + 50).map((send) => send()));
      statuses.push(...batch.map((res) => res.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(900);
    expect(statuses.filter((s) => s === 201)).toHaveLength(60);
    expect(statuses.filter((s) => s === 404)).toHaveLength(40);
    expect(sut.queries.filter((q) => /connection_(health|hourly_counts)/.test(q))).toEqual([]);

    const result = await sut.gql(HEALTH, { id: connectionId });
    expect(result.data!.connection).toMatchObject({
      total: { ok: 960, clientError: 40, serverError: 0 },
      day: { ok: 960, clientError: 40, serverError: 0 },
      usersCreated: 60,
      groupsCreated: 0,
      lastError: { status: 404, detail: expect.stringContaining('01890000-0000-7000-8000-000000000000') },
    });
    const health = result.data!.connection as Record<string, string>;
    expect(health.lastRequestAt).not.toBeNull();
    expect(health.lastSuccessAt).not.toBeNull();
    expect(health.lastErrorAt).not.toBeNull();
  }, 120_000);

  it('keeps the counts across a restart: shutdown flushes them, the next instance reads them', async () => {
    const before = await sut.gql(HEALTH, { id: connectionId });
    await sut.app.close();
    const again = await createApp(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), {
      logger: createLogger('silent'),
    });
    try {
      const res = await request(again.express)
        .post('/graphql')
        .set('Authorization', `Bearer ${sut.tenant.adminToken}`)
        .send({ query: HEALTH, variables: { id: connectionId } });
      expect(res.body.data).toEqual(before.data);
      // The new instance adds to what the old one stored.
      await request(again.express).get('/scim/v2/Users?count=1').set(scim());
      await again.services.connectionHealth.flush();
      const after = await request(again.express)
        .post('/graphql')
        .set('Authorization', `Bearer ${sut.tenant.adminToken}`)
        .send({ query: HEALTH, variables: { id: connectionId } });
      expect(after.body.data.connection.total).toEqual({ ok: 961, clientError: 40, serverError: 0 });
    } finally {
      await again.close();
    }
  });
});
