import '../support/no-secrets-in-logs';
import type { TestApp } from '../../fixtures/test-app';
import { bearer, startReliableApp } from '../support/reliable-app';

const viewer = { query: '{ viewer { subject } }' };

describe('per-credential rate limit (RATE_LIMIT_PER_MINUTE, memory store)', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startReliableApp({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => sut.close());

  it('answers /graphql past the limit with 429 RATE_LIMITED and Retry-After, per credential', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await sut.http.post('/graphql').set(bearer(sut.tenant.adminToken)).send(viewer)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await sut.http.post('/graphql').set(bearer(sut.tenant.adminToken)).send(viewer);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'RATE_LIMITED' } }],
    });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers['ratelimit-policy']).toBe('5;w=60');

    // Another credential of the same organization has its own budget.
    const other = await sut.http.post('/graphql').set(bearer(sut.tenant.readToken)).send(viewer);
    expect(other.status).toBe(200);
  });

  it('answers /scim/v2 past the limit with a SCIM Error, status "429"', async () => {
    const token = sut.tenant.scimToken;
    for (let i = 0; i < 5; i++) await sut.http.get('/scim/v2/ServiceProviderConfig').set(bearer(token));
    const limited = await sut.http.get('/scim/v2/Users').set(bearer(token));
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(limited.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '429',
      detail: expect.any(String),
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('shares one budget across /graphql and /scim for the same credential, Bearer or Basic', async () => {
    const token = sut.other.scimToken;
    const basic = `Basic ${Buffer.from(`okta:${token}`).toString('base64')}`;
    for (let i = 0; i < 3; i++) await sut.http.get('/scim/v2/Users').set('Authorization', basic);
    for (let i = 0; i < 2; i++) await sut.http.post('/graphql').set(bearer(token)).send(viewer);
    expect((await sut.http.get('/scim/v2/Users').set(bearer(token))).status).toBe(429);
  });

  it('does not limit /healthz and /readyz', async () => {
    for (let i = 0; i < 8; i++) expect((await sut.http.get('/readyz')).status).toBe(200);
  });
});

describe('RATE_LIMIT_PER_MINUTE=0', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startReliableApp({ RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(() => sut.close());

  it('turns the per-credential limit off', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () =>
        sut.http
          .post('/graphql')
          .set(bearer(sut.tenant.adminToken))
          .send(viewer)
          .then((r) => r.status),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});

describe('the default limit', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startReliableApp();
  });
  afterAll(() => sut.close());

  it('lets an Okta-style import run page after page without a 429 (6000 a minute)', async () => {
    // An import of 25,000 users reads 250 pages of 100 within a minute: every page is served, and
    // every one is counted against the 6000 (the limit is on, not off: `remaining` falls by one).
    const remaining: number[] = [];
    for (let page = 0; page < 250; page++) {
      const res = await sut.http
        .get(`/scim/v2/Users?startIndex=${page * 100 + 1}&count=100`)
        .set(bearer(sut.tenant.scimToken));
      expect(res.status).toBe(200);
      expect(res.headers['ratelimit-policy']).toBe('6000;w=60');
      remaining.push(Number(/remaining=(\d+)/.exec(String(res.headers.ratelimit))?.[1]));
    }
    expect(remaining).toEqual(remaining.map((_, i) => remaining[0] - i));
    expect(remaining[0]).toBeGreaterThan(6000 - 10);
  });
});

describe('failed authentications per client address (AUTH_FAILURE_LIMIT_PER_MINUTE)', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startReliableApp({ AUTH_FAILURE_LIMIT_PER_MINUTE: '10', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => sut.close());

  const guess = (i: number) => `idt_guess${String(i).padStart(24, '0')}`;

  it('turns a client guessing tokens away with 429 after 10 failures, right guess or not', async () => {
    const from = { 'X-Forwarded-For': '203.0.113.7' };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push(
        (
          await sut.http
            .get('/scim/v2/Users')
            .set(from)
            .set(bearer(guess(i)))
        ).status,
      );
    }
    expect(statuses).toEqual(Array(10).fill(401));
    const blocked = await sut.http
      .get('/scim/v2/Users')
      .set(from)
      .set(bearer(guess(11)));
    expect(blocked.status).toBe(429);
    expect(blocked.body.status).toBe('429');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right token: a guesser must not learn that a guess was right.
    const right = await sut.http.get('/scim/v2/Users').set(from).set(bearer(sut.tenant.scimToken));
    expect(right.status).toBe(429);
    const graphql = await sut.http
      .post('/graphql')
      .set(from)
      .set(bearer(guess(12)))
      .send(viewer);
    expect(graphql.status).toBe(429);
    expect(graphql.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('leaves other client addresses alone, and never counts successful requests', async () => {
    const from = { 'X-Forwarded-For': '198.51.100.20' };
    for (let i = 0; i < 30; i++) {
      const res = await sut.http
        .get('/scim/v2/ServiceProviderConfig')
        .set(from)
        .set(bearer(sut.tenant.scimToken));
      expect(res.status).toBe(200);
    }
    expect(
      (
        await sut.http
          .get('/scim/v2/Users')
          .set(from)
          .set(bearer(guess(99)))
      ).status,
    ).toBe(401);
  });
});
