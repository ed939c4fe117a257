import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWTPayload } from 'jose';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';
import { TestIdp, eventually } from '../../fixtures/test-idp';

const VIEWER = '{ viewer { subject scopes organization { slug } } }';
const AUDIENCE = 'identity';
const UNAUTHENTICATED = {
  errors: [{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }],
};
/** JWKS_MIN_REFETCH_SECONDS in these apps; waiting this long makes the next unknown kid refetch. */
const refetchAllowed = () => new Promise((resolve) => setTimeout(resolve, 1_100));
const now = () => Math.floor(Date.now() / 1000);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const claims = (idp: TestIdp, extra: JWTPayload = {}): JWTPayload => ({
  iss: idp.issuer,
  aud: AUDIENCE,
  sub: 'svc-reporting',
  org: 'default',
  scope: 'identity:read',
  exp: now() + 600,
  ...extra,
});

const viewer = (sut: TestApp, token: string) =>
  sut.http.post('/graphql').set('Authorization', `Bearer ${token}`).send({ query: VIEWER });

describe('JWTs from an OIDC provider: discovery, rotation, outages, several issuers', () => {
  let idp: TestIdp;
  let entra: TestIdp;
  let sut: TestApp;
  let key1: string;
  let key2: string;

  beforeAll(async () => {
    [idp, entra] = await Promise.all([TestIdp.start(), TestIdp.start()]);
    key1 = await idp.addKey('RS256');
    await entra.addKey('ES256');
    const issuers = join(mkdtempSync(join(tmpdir(), 'issuers-')), 'issuers.json');
    writeFileSync(
      issuers,
      JSON.stringify([
        {
          issuer: entra.issuer,
          audience: 'api://identity',
          jwksUrl: entra.jwksUrl,
          organization: 'other',
          scopeClaim: 'roles',
          scopeMap: { 'Identity.Admin': 'identity:admin' },
        },
      ]),
    );
    sut = await startTestApp({
      JWT_ISSUER: idp.issuer,
      JWT_AUDIENCE: AUDIENCE,
      JWT_ISSUERS_FILE: issuers,
      JWKS_MIN_REFETCH_SECONDS: '1',
      JWKS_REFRESH_SECONDS: '3600',
      // Generous: the first request waits for discovery and the JWKS, on a machine running other suites.
      JWKS_FETCH_TIMEOUT_MS: '5000',
      AUTH_FAILURE_LIMIT_PER_MINUTE: '0',
      METRICS_TOKEN: 'metrics-token-for-the-jwks-test',
    });
  });
  afterAll(async () => {
    await sut.close();
    await Promise.all([idp.close(), entra.close()]);
  });

  it('serves a token signed with the key OIDC discovery found, as jwt:<issuer>:<sub>', async () => {
    const res = await viewer(sut, await idp.sign(key1, claims(idp)));
    expect(res.status).toBe(200);
    expect(res.body.data.viewer).toEqual({
      subject: `jwt:${idp.issuer}:svc-reporting`,
      scopes: ['identity:read'],
      organization: { slug: 'default' },
    });
    expect(idp.discoveryFetches).toBe(1);
  });

  it('exposes each JWKS in /metrics: keys known, fetches, never stale while the IdP answers', async () => {
    const scrape = await sut.http
      .get('/metrics')
      .set('Authorization', 'Bearer metrics-token-for-the-jwks-test');
    expect(scrape.status).toBe(200);
    const labels = `issuer="${idp.issuer}",url="${idp.jwksUrl}"`;
    expect(scrape.text).toMatch(new RegExp(`^identity_jwks_keys\\{${escape(labels)}\\} [1-9]`, 'm'));
    expect(scrape.text).toMatch(new RegExp(`^identity_jwks_stale\\{${escape(labels)}\\} 0$`, 'm'));
    expect(scrape.text).toMatch(new RegExp(`^identity_jwks_fetches_total\\{${escape(labels)}\\} [1-9]`, 'm'));
  });

  it('serves a token signed with a key the IdP rotated in, without a restart', async () => {
    key2 = await idp.addKey('RS256');
    await refetchAllowed();
    const before = idp.jwksFetches;
    const res = await viewer(sut, await idp.sign(key2, claims(idp)));
    expect(res.status).toBe(200);
    expect(idp.jwksFetches).toBe(before + 1);
  });

  it('refuses a key the IdP removed once the scheduled refresh (at its Cache-Control max-age) has run', async () => {
    idp.cacheControl = 'public, max-age=2';
    await refetchAllowed();
    await viewer(sut, await idp.sign(key2, claims(idp), { kid: 'not-yet-known' }));
    idp.removeKey(key1);
    idp.cacheControl = undefined;
    const lastSuccess = async () =>
      (await sut.http.get('/readyz')).body.jwks.find((s: { issuer: string }) => s.issuer === idp.issuer)
        .lastSuccessAt;
    const before = await lastSuccess();
    await eventually(async () => (await lastSuccess()) !== before); // no token asked for it
    const removed = await viewer(sut, await idp.sign(key1, claims(idp)));
    expect({ status: removed.status, body: removed.body }).toEqual({ status: 401, body: UNAUTHENTICATED });
    expect((await viewer(sut, await idp.sign(key2, claims(idp)))).status).toBe(200);
  });

  it('keeps serving known keys while the JWKS is down, refuses unknown kids, and says so in /readyz', async () => {
    idp.behaviour = { kind: 'status', status: 503 };
    await refetchAllowed();
    const unknown = await viewer(sut, await idp.sign(key2, claims(idp), { kid: 'rotated-while-down' }));
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: 401, body: UNAUTHENTICATED });
    expect((await viewer(sut, await idp.sign(key2, claims(idp)))).status).toBe(200);
    const ready = await sut.http.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.jwks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          issuer: idp.issuer,
          url: idp.jwksUrl,
          keys: 1,
          stale: false,
          lastError: 'answered HTTP 503',
        }),
      ]),
    );
    idp.behaviour = { kind: 'keys' };
  });

  it('records what a client-credentials token changes as jwt:<issuer>:<client id>', async () => {
    const token = await idp.sign(key2, claims(idp, { sub: '0oa-provisioner', scope: 'identity:write' }));
    const created = await sut.http
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({ query: 'mutation { createUser(input: { userName: "cc-made" }) { id } }' });
    expect(created.body.errors).toBeUndefined();
    const audit = await sut.gql<{ auditEvents: { nodes: { actor: string; action: string }[] } }>(
      '{ auditEvents(first: 5) { nodes { actor action } } }',
    );
    expect(audit.data?.auditEvents.nodes).toContainEqual({
      actor: `jwt:${idp.issuer}:0oa-provisioner`,
      action: 'user.create',
    });
  });

  it('serves a second issuer with its own audience, organization and role mapping', async () => {
    const [kid] = entra.keys.map((key) => key.kid);
    const token = await entra.sign(kid, {
      ...claims(entra, { aud: 'api://identity', roles: ['Identity.Admin'], sub: 'app-1' }),
      scope: undefined,
    });
    const res = await viewer(sut, token);
    expect(res.body.data.viewer).toEqual({
      subject: `jwt:${entra.issuer}:app-1`,
      scopes: ['identity:admin'],
      organization: { slug: 'other' },
    });
  });

  it.each([
    ['the second issuer’s key claiming to be the first issuer', 'entra-as-idp'],
    ['the first issuer’s audience sent to the second issuer', 'idp-audience-at-entra'],
    ['an issuer nobody configured', 'unknown-issuer'],
  ])('refuses %s', async (_case, kind) => {
    const [entraKid] = entra.keys.map((key) => key.kid);
    const token =
      kind === 'entra-as-idp'
        ? await entra.sign(entraKid, claims(idp))
        : kind === 'idp-audience-at-entra'
          ? await entra.sign(entraKid, claims(entra))
          : await idp.sign(key2, claims(idp, { iss: 'https://elsewhere.example' }));
    const res = await viewer(sut, token);
    expect({ status: res.status, body: res.body }).toEqual({ status: 401, body: UNAUTHENTICATED });
  });
});

describe('a flood of tokens with random kids', () => {
  let idp: TestIdp;
  let sut: TestApp;
  let kid: string;

  beforeAll(async () => {
    idp = await TestIdp.start();
    kid = await idp.addKey('ES256');
    sut = await startTestApp({
      JWT_JWKS_URL: idp.jwksUrl,
      JWT_ISSUER: idp.issuer,
      JWT_AUDIENCE: AUDIENCE,
      JWKS_MIN_REFETCH_SECONDS: '3600',
      AUTH_FAILURE_LIMIT_PER_MINUTE: '0',
    });
  });
  afterAll(async () => {
    await sut.close();
    await idp.close();
  });

  it('costs at most one JWKS fetch for 1,000 tokens, each refused with the same 401', async () => {
    expect((await viewer(sut, await idp.sign(kid, claims(idp)))).status).toBe(200);
    const before = idp.jwksFetches;
    const bodies = new Set<string>();
    for (let batch = 0; batch < 20; batch += 1) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, async (_, i) =>
          viewer(sut, await idp.sign(kid, claims(idp), { kid: `random-${batch}-${i}-${Math.random()}` })),
        ),
      );
      for (const res of answers) bodies.add(`${res.status} ${JSON.stringify(res.body)}`);
    }
    expect([...bodies]).toEqual([`401 ${JSON.stringify(UNAUTHENTICATED)}`]);
    expect(idp.jwksFetches - before).toBeLessThanOrEqual(1);
    expect((await viewer(sut, await idp.sign(kid, claims(idp)))).status).toBe(200);
  }, 120_000); // a thousand requests through the whole app: seconds alone, more on a busy machine
});
