import '../support/no-secrets-in-logs';
import type { TestApp } from '../../fixtures/test-app';
import { bearer, BULK_REQUEST, INTERNALS, SCIM_USER, startReliableApp } from '../support/reliable-app';

const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe('body limits, security headers, CORS and trust proxy', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startReliableApp({ BODY_LIMIT_BYTES: '65536', SCIM_BULK_MAX_OPERATIONS: '3' });
  });
  afterAll(() => sut.close());

  it('answers an oversized SCIM body with a SCIM Error, status "413"', async () => {
    const res = await sut.http
      .post('/scim/v2/Users')
      .set(bearer(sut.tenant.scimToken))
      .set('Content-Type', 'application/scim+json')
      .send({ schemas: [SCIM_USER], userName: 'big', displayName: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '413' });
  });

  it('answers an oversized GraphQL body with 413 BAD_USER_INPUT', async () => {
    const res = await sut.http
      .post('/graphql')
      .set(bearer(sut.tenant.adminToken))
      .send({ query: '{ viewer { subject } }', variables: { pad: 'x'.repeat(70_000) } });
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers a Bulk request over maxOperations with a SCIM Error, status "413"', async () => {
    const operations = Array.from({ length: 4 }, (_, i) => ({
      method: 'POST',
      path: '/Users',
      bulkId: `b${i}`,
      data: { schemas: [SCIM_USER], userName: `bulk-over-${i}` },
    }));
    const res = await sut.http
      .post('/scim/v2/Bulk')
      .set(bearer(sut.tenant.scimToken))
      .send({ schemas: [BULK_REQUEST], operations });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '413' });
    const listed = await sut.http
      .get('/scim/v2/Users?filter=userName sw "bulk-over-"')
      .set(bearer(sut.tenant.scimToken));
    expect(listed.body.totalResults).toBe(0);
  });

  it('advertises the Bulk limits it enforces', async () => {
    const res = await sut.http.get('/scim/v2/ServiceProviderConfig').set(bearer(sut.tenant.scimToken));
    expect(res.body.bulk).toMatchObject({ supported: true, maxOperations: 3, maxPayloadSize: 65536 });
  });

  it('sets helmet headers on every API answer, errors included', async () => {
    for (const res of [
      await sut.http.get('/healthz'),
      await sut.http.get('/scim/v2/Users'),
      await sut.http.post('/graphql').send({ query: '{ viewer { subject } }' }),
    ]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('sends no CORS headers when CORS_ORIGINS is unset, for simple and preflight requests', async () => {
    const simple = await sut.http.post('/graphql').set('Origin', 'https://evil.example').send({});
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await sut.http
      .options('/graphql')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('ignores X-Forwarded-Proto without TRUST_PROXY (meta.location keeps the real scheme)', async () => {
    const created = await sut.http
      .post('/scim/v2/Users')
      .set(bearer(sut.tenant.scimToken))
      .set('X-Forwarded-Proto', 'https')
      .send({ schemas: [SCIM_USER], userName: 'proxy-ignored' });
    expect(created.status).toBe(201);
    expect(created.body.meta.location).toMatch(/^http:\/\//);
  });
});

describe('CORS_ORIGINS and TRUST_PROXY when configured', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startReliableApp({ CORS_ORIGINS: 'https://admin.example', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => sut.close());

  it('allows only the listed origin', async () => {
    const allowed = await sut.http
      .options('/graphql')
      .set('Origin', 'https://admin.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://admin.example');
    const other = await sut.http.post('/graphql').set('Origin', 'https://evil.example').send({});
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('believes X-Forwarded-Proto from a trusted proxy', async () => {
    const created = await sut.http
      .post('/scim/v2/Users')
      .set(bearer(sut.tenant.scimToken))
      .set('X-Forwarded-Proto', 'https')
      .send({ schemas: [SCIM_USER], userName: 'proxy-trusted' });
    expect(created.body.meta.location).toMatch(/^https:\/\//);
  });
});

describe('request timeout (REQUEST_TIMEOUT_MS) and draining', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startReliableApp({ REQUEST_TIMEOUT_MS: '250', RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(() => sut.close());

  // Each create hashes a password with scrypt (~100 ms): 10 of them take well over 250 ms.
  const slowBulk = (prefix: string) => ({
    schemas: [BULK_REQUEST],
    operations: Array.from({ length: 10 }, (_, i) => ({
      method: 'POST',
      path: '/Users',
      bulkId: `b${i}`,
      data: {
        schemas: [SCIM_USER],
        userName: `${prefix}-${i}`,
        password: `pw-${prefix}-${i}-long-enough`,
        emails: [{ value: `${prefix}-${i}@example.com`, primary: true }],
      },
    })),
  });

  it('answers a SCIM request still running after the timeout with a SCIM 503, and loses no write', async () => {
    const res = await sut.http.post('/scim/v2/Bulk').set(bearer(sut.tenant.scimToken)).send(slowBulk('slow'));
    const answeredAt = new Date();
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '503' });
    expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);

    // The work goes on and completes: every operation ends up fully applied (user, email, audit event).
    const done = await eventually(async () => {
      const list = await sut.http
        .get('/scim/v2/Users?filter=userName sw "slow-"&count=100')
        .set(bearer(sut.tenant.scimToken));
      return list.body.totalResults === 10 ? list.body.Resources : undefined;
    });
    type Created = { id: string; userName: string; emails: { value: string }[]; meta: { created: string } };
    for (const user of done as Created[]) {
      expect(user.emails).toEqual([expect.objectContaining({ value: `${user.userName}@example.com` })]);
    }
    // The 503 came while the work was still running (not once it was done): the last user was
    // created after the answer arrived. Same clock, an ordering rather than a duration.
    const lastCreated = Math.max(...(done as Created[]).map((u) => Date.parse(u.meta.created)));
    expect(lastCreated).toBeGreaterThan(answeredAt.getTime());
    const audit = await sut.gql<{ auditEvents: { nodes: { action: string }[] } }>(
      `{ auditEvents(filter: { action: "user.create" }, first: 100) { nodes { action } } }`,
    );
    expect(audit.data!.auditEvents.nodes.length).toBeGreaterThanOrEqual(10);
  });

  it('answers a GraphQL request still running after the timeout with 503 UNAVAILABLE', async () => {
    const creates = Array.from(
      { length: 10 },
      (_, i) =>
        `u${i}: createUser(input: { userName: "gql-slow-${i}", password: "pw-gql-slow-${i}-long" }) { id }`,
    ).join(' ');
    const res = await sut.http
      .post('/graphql')
      .set(bearer(sut.tenant.adminToken))
      .send({ query: `mutation { ${creates} }` });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'UNAVAILABLE' } }],
    });
    // The process keeps serving once the late answer has been dropped: wait for the work itself
    // (all 10 users exist) rather than for a guessed duration.
    await eventually(async () => {
      const users = await sut.gql<{ users: { totalCount: number } }>(
        '{ users(filter: { condition: { attribute: "userName", op: SW, value: "gql-slow-" } }, first: 0) { totalCount } }',
      );
      return users.data?.users.totalCount === 10 ? true : undefined;
    });
    expect((await sut.http.get('/readyz')).status).toBe(200);
    const after = await sut.gql('{ viewer { subject } }');
    expect(after.status).toBe(200);
  });

  it('refuses new requests with 503 and Connection: close while draining', async () => {
    sut.app.lifecycle.beginDraining();
    const graphql = await sut.http
      .post('/graphql')
      .set(bearer(sut.tenant.adminToken))
      .send({ query: '{ viewer { subject } }' });
    expect(graphql.status).toBe(503);
    expect(graphql.headers.connection).toBe('close');
    expect(graphql.body.errors[0].extensions.code).toBe('UNAVAILABLE');
    const scim = await sut.http.get('/scim/v2/Users').set(bearer(sut.tenant.scimToken));
    expect(scim.status).toBe(503);
    expect(scim.body.status).toBe('503');
    expect((await sut.http.get('/readyz')).status).toBe(503);
  });
});

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
