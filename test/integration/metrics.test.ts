import type { TestApp } from '../fixtures/test-app';
import { startTestApp } from '../fixtures/test-app';
import { operatorContext } from '../../src/bootstrap';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

describe('/metrics', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ METRICS_TOKEN });
  });
  afterAll(() => sut.close());

  async function connectionsBusyOnceSettled(): Promise<number> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const text = (await sut.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text;
      const busy = Number(/^identity_db_connections_busy (\d+)$/m.exec(text)?.[1]);
      if (busy === 0 || Date.now() > deadline) return busy;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('refuses a scrape without the METRICS_TOKEN, or with another one', async () => {
    expect((await sut.http.get('/metrics')).status).toBe(401);
    const wrong = await sut.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain(METRICS_TOKEN);
  });

  it('counts SCIM requests by resource, method, status and calling token; database work; the scrypt queue', async () => {
    const scim = `Bearer ${sut.tenant.scimToken}`;
    const tokens = await sut.app.services.tokens.list(operatorContext(sut.tenant.organizationId));
    const scimTokenId = tokens.find((t) => t.scopes.includes('scim'))!.id;
    const subject = `token:${scimTokenId}`;
    await sut.http.get('/scim/v2/Groups').set('Authorization', scim);
    await sut.http.get('/scim/v2/Groups').set('Authorization', scim);
    await sut.http.get('/scim/v1/Groups').set('Authorization', scim);
    await sut.http.get('/scim/v2/Groups').set('Authorization', 'Bearer idt_not-a-real-token-0000000000');

    const text = (await sut.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text;
    expect(text).toContain(
      `identity_scim_requests_total{version="v2",resource="Groups",method="GET",status="200",caller="${subject}"} 2`,
    );
    expect(text).toContain(
      `identity_scim_requests_total{version="v1",resource="Groups",method="GET",status="200",caller="${subject}"} 1`,
    );
    expect(text).toContain(
      'identity_scim_requests_total{version="v2",resource="Groups",method="GET",status="401",caller="none"} 1',
    );
    expect(text).not.toContain(sut.tenant.scimToken);
    expect(text).toMatch(/^identity_db_work_duration_seconds_count\{kind="statement",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^identity_password_hash_queue 0$/m);
    // Every connection is given back once the requests' background writes (the token's last use,
    // the request log) are done: a leaked one would keep the gauge above 0 for good.
    expect(await connectionsBusyOnceSettled()).toBe(0);
  });

  it('counts HTTP requests by route template, method and status, with durations and process metrics', async () => {
    const scim = `Bearer ${sut.tenant.scimToken}`;
    const created = await sut.http
      .post('/scim/v2/Users')
      .set('Authorization', scim)
      .send({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'metrics@example.com' });
    expect(created.status).toBe(201);
    await sut.http.get(`/scim/v2/Users/${created.body.id}`).set('Authorization', scim);
    await sut.http.get('/scim/v2/Users/0190d6f4-0000-7000-8000-000000000000').set('Authorization', scim);
    await sut.gql('{ users { totalCount } }');

    const scrape = await sut.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(scrape.status).toBe(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = scrape.text;
    expect(text).toContain(
      'identity_http_requests_total{route="/scim/v2/Users",method="POST",status="201"} 1',
    );
    expect(text).toContain(
      'identity_http_requests_total{route="/scim/v2/Users/:id",method="GET",status="200"} 1',
    );
    expect(text).toContain(
      'identity_http_requests_total{route="/scim/v2/Users/:id",method="GET",status="404"} 1',
    );
    expect(text).toContain('identity_http_requests_total{route="/graphql",method="POST",status="200"} 1');
    // No raw path (the ids) becomes a label value.
    expect(text).not.toContain(created.body.id);
    expect(text).toMatch(
      /identity_http_request_duration_seconds_count\{route="\/scim\/v2\/Users\/:id",method="GET"\} 2/,
    );
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    for (const name of [
      'admission_in_flight',
      'admission_queued',
      'admission_shed_total',
      'admission_queue_wait_seconds',
    ])
      expect(text).toContain(`# TYPE identity_${name} `);
  });

  it('counts GraphQL operations by name, type and outcome', async () => {
    await sut.gql('query CountUsers { users { totalCount } }');
    await sut.gql('query BadGroup { group(id: "00000000-0000-7000-8000-000000000000") { nope } }');

    const text = (await sut.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text;
    expect(text).toContain(
      'identity_graphql_operations_total{operation="CountUsers",type="query",outcome="ok"} 1',
    );
    // A document that fails validation has no operation (nor type) to name.
    expect(text).toContain(
      'identity_graphql_operations_total{operation="(anonymous)",type="unknown",outcome="BAD_USER_INPUT"} 1',
    );
    expect(text).toContain(
      'identity_graphql_operation_duration_seconds_count{operation="CountUsers",type="query"} 1',
    );
  });

  it('is not served at all when neither METRICS_TOKEN nor METRICS_PORT is set', async () => {
    const open = await startTestApp();
    try {
      expect((await open.http.get('/metrics')).status).toBe(404);
    } finally {
      await open.close();
    }
  });
});
