import type { TestApp } from '../fixtures/test-app';
import { startTestApp } from '../fixtures/test-app';
import { TcpProxy } from '../fixtures/tcp-proxy';
import { createTestDatabase } from '../fixtures/test-database';

/** Runs only against MariaDB: SQLite is in-process and cannot go away. */
describe('database outage', () => {
  let proxy: TcpProxy;
  let sut: TestApp;

  beforeAll(async () => {
    // Create the database directly, then point the app at it through the proxy.
    const direct = await createTestDatabase();
    const url = new URL(direct.url);
    proxy = new TcpProxy(url.hostname, Number(url.port || 3306));
    await proxy.start();
    url.host = `127.0.0.1:${proxy.port}`;
    // mysql2 leaves a query's timeout timer running when its connection dies; off so jest can exit.
    url.searchParams.set('queryTimeout', '0');
    sut = await startTestApp({}, { url: url.toString(), drop: direct.drop });
  });
  afterAll(async () => {
    await proxy.restore().catch(() => undefined);
    await sut.close();
  });

  it('answers 503 UNAVAILABLE fast while the database is down and recovers by itself', async () => {
    const query = () =>
      sut.http
        .post('/graphql')
        .set('Authorization', `Bearer ${sut.tenant.adminToken}`)
        .send({ query: '{ users { totalCount } }' });
    expect((await query()).status).toBe(200);

    await proxy.cut();
    const started = Date.now();
    const down = await query();
    expect(down.status).toBe(503);
    expect(JSON.stringify(down.body)).toMatch(/UNAVAILABLE/);
    expect(JSON.stringify(down.body)).not.toMatch(/ECONNREFUSED|SELECT|at .*\.js/);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await sut.http.get('/readyz')).status).toBe(503);

    await proxy.restore();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await query()).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
    expect((await sut.http.get('/readyz')).status).toBe(200);
  });
});
