import type { TestApp } from '../fixtures/test-app';
import { startTestApp } from '../fixtures/test-app';
import { ERROR_SCHEMA } from '../fixtures/scim-client';
import { createTestDatabase, isMysqlTest } from '../fixtures/test-database';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

/** The database made busy: SQLite's one connection, or a MariaDB pool of one, held by a transaction. */
async function databaseWithOneConnection() {
  const database = await createTestDatabase();
  if (!isMysqlTest()) return database;
  const url = new URL(database.url);
  url.searchParams.set('poolSize', '1');
  return { url: url.toString(), drop: database.drop };
}

function holdTheDatabase(sut: TestApp) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let begun!: () => void;
  const holding = new Promise<void>((resolve) => (begun = resolve));
  const done = sut.app.store.transaction(async () => {
    begun();
    await released;
  });
  return { holding, release: () => (release(), done) };
}

const scrape = async (sut: TestApp) =>
  (await sut.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text;

const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('overload', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(
      { MAX_IN_FLIGHT: '1', MAX_QUEUE: '0', METRICS_TOKEN },
      await databaseWithOneConnection(),
    );
  });
  afterAll(() => sut.close());

  it('refuses what exceeds MAX_IN_FLIGHT with 503 + Retry-After in each protocol shape, stays ready, and serves again after', async () => {
    const scim = `Bearer ${sut.tenant.scimToken}`;
    expect((await sut.http.get('/scim/v2/Users').set('Authorization', scim)).status).toBe(200);
    const lock = holdTheDatabase(sut);
    await lock.holding;
    let firstDone = false;
    const first = sut.http
      .get('/scim/v2/Users')
      .set('Authorization', scim)
      .then((answer) => ((firstDone = true), answer));
    while (sample(await scrape(sut), 'identity_admission_in_flight') !== 1)
      await new Promise((resolve) => setTimeout(resolve, 10));

    const v2 = await sut.http.get('/scim/v2/Users').set('Authorization', scim);
    expect(v2.status).toBe(503);
    expect(v2.headers['retry-after']).toBe('1');
    expect(JSON.parse(v2.text)).toMatchObject({ schemas: [ERROR_SCHEMA], status: '503' });

    const v1 = await sut.http.get('/scim/v1/Users').set('Authorization', scim);
    expect(v1.status).toBe(503);
    // One slot, no queue: one refused client is told to come back in each coming second.
    expect(['1', '2']).toContain(v1.headers['retry-after']);
    expect(JSON.parse(v1.text)).toMatchObject({ Errors: [{ code: '503' }] });

    const graphql = await sut.http
      .post('/graphql')
      .set('Authorization', `Bearer ${sut.tenant.adminToken}`)
      .send({ query: '{ users { totalCount } }' });
    expect(graphql.status).toBe(503);
    expect(['1', '2', '3']).toContain(graphql.headers['retry-after']);
    expect(graphql.body.errors[0].extensions.code).toBe('UNAVAILABLE');

    // Readiness does not queue behind the held database: it answers, 200, while the lock is held.
    const ready = await sut.http.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'overloaded', overloaded: true, inFlight: 1 });
    expect(firstDone).toBe(false);

    const metrics = await scrape(sut);
    expect(sample(metrics, 'identity_admission_shed_total{reason="queue_full"}')).toBe(3);
    expect(sample(metrics, 'identity_http_refusals_total{reason="overloaded"}')).toBe(3);
    expect(sample(metrics, 'identity_overloaded')).toBe(1);
    expect(sample(metrics, 'identity_dependency_up')).toBe(1);

    await lock.release();
    expect((await first).status).toBe(200);
    expect((await sut.http.get('/scim/v2/Users').set('Authorization', scim)).status).toBe(200);
  });
});
