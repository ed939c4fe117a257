import type { TestApp } from '../fixtures/test-app';
import { startTestApp } from '../fixtures/test-app';

describe('operations endpoints and HTTP behaviour', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  it('answers /healthz and /readyz while the database is reachable', async () => {
    expect((await sut.http.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await sut.http.get('/readyz');
    expect(ready.status).toBe(200);
  });

  it('echoes a safe X-Request-Id and invents one otherwise', async () => {
    const given = await sut.http.get('/healthz').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const unsafe = await sut.http.get('/healthz').set('X-Request-Id', 'bad id\twith spaces');
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers malformed JSON on /graphql with 400 BAD_USER_INPUT, not 500', async () => {
    const res = await sut.http
      .post('/graphql')
      .set('Authorization', `Bearer ${sut.tenant.adminToken}`)
      .set('Content-Type', 'application/json')
      .send('{"query": ');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers an oversized body with 413', async () => {
    const res = await sut.http
      .post('/graphql')
      .set('Authorization', `Bearer ${sut.tenant.adminToken}`)
      .send({ query: `{ viewer { subject } }`, variables: { pad: 'x'.repeat(2_000_000) } });
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('sets security headers and no CORS headers by default', async () => {
    const res = await sut.http.get('/healthz').set('Origin', 'https://evil.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers unknown paths with 404', async () => {
    expect((await sut.http.get('/nope')).status).toBe(404);
  });
});
