import { JwksSource } from '../../../../src/http/jwt/jwks-source';
import type { JwksSettings } from '../../../../src/http/jwt/jwks-source';
import { createLogger } from '../../../../src/http/logger';
import { TestIdp, eventually } from '../../../fixtures/test-idp';

const SETTINGS: JwksSettings = {
  refreshSeconds: 3600,
  staleSeconds: 600,
  minRefetchSeconds: 30,
  fetchTimeoutMs: 1500,
  maxBytes: 512 * 1024,
  maxKeys: 100,
};
const TOKEN = { payload: '', signature: '' };

describe('JwksSource', () => {
  let idp: TestIdp;
  let sut: JwksSource;
  let clock: number;
  let lines: string[];
  let known: string;

  const header = (kid: string) => ({ alg: 'RS256', kid });
  const hasKey = async (kid: string) => (await sut.keyFor(header(kid), TOKEN)) !== undefined;

  beforeAll(async () => {
    idp = await TestIdp.start();
    known = await idp.addKey();
  });
  afterAll(() => idp.close());

  beforeEach(() => {
    idp.reset(known);
    clock = 1_000_000;
    lines = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    sut = new JwksSource(
      async () => idp.jwksUrl,
      idp.issuer,
      SETTINGS,
      logger,
      () => clock,
    );
    sut.start();
  });
  afterEach(() => sut.close());

  it('verifies with a key fetched at start, without fetching again', async () => {
    expect(await hasKey(known)).toBe(true);
    expect(await hasKey(known)).toBe(true);
    expect(idp.jwksFetches).toBe(1);
    expect(sut.status()).toMatchObject({ url: idp.jwksUrl, keys: 1, stale: false, fetches: 1, failures: 0 });
  });

  it('fetches at once for an unknown kid after the refetch interval, and finds a rotated-in key', async () => {
    await hasKey(known);
    clock += SETTINGS.minRefetchSeconds * 1000;
    const rotated = await idp.addKey();
    expect(await hasKey(rotated)).toBe(true);
    expect(idp.jwksFetches).toBe(2);
  });

  it('fetches at most once per interval however many unknown kids arrive, even all at once', async () => {
    await hasKey(known);
    clock += SETTINGS.minRefetchSeconds * 1000;
    const found = await Promise.all(Array.from({ length: 1000 }, (_, i) => hasKey(`random-${i}`)));
    expect(found.every((f) => !f)).toBe(true);
    expect(idp.jwksFetches).toBe(2);
    for (let i = 0; i < 100; i += 1) await hasKey(`later-${i}`);
    expect(idp.jwksFetches).toBe(2);
  });

  it.each([
    ['answers 503', { kind: 'status', status: 503 } as const, /HTTP 503/],
    ['drops the connection', { kind: 'reset' } as const, /unreachable/],
    ['answers too slowly', { kind: 'slow', ms: 10_000 } as const, /within 1500 ms/],
    ['answers with something not JSON', { kind: 'body', body: '<html>oops</html>' } as const, /not JSON/],
    ['answers 10 MB', { kind: 'body', body: Buffer.alloc(10 * 1024 * 1024, 32) } as const, /larger than/],
    [
      'lists 10,000 keys',
      {
        kind: 'body',
        body: JSON.stringify({ keys: Array.from({ length: 10_000 }, () => ({ kty: 'RSA' })) }),
      } as const,
      /10000 keys, more than 100/,
    ],
    ['has no keys array', { kind: 'body', body: '{"kys":[]}' } as const, /not a JWKS/],
    [
      'lists only keys missing their fields',
      {
        kind: 'body',
        body: JSON.stringify({
          keys: [
            { kty: 'RSA', kid: 'x', e: 'AQAB' },
            { kty: 'EC', kid: 'y' },
          ],
        }),
      } as const,
      /no usable key/,
    ],
  ])(
    'keeps the known keys when the JWKS %s, and says why in the log and status',
    async (_case, behaviour, reason) => {
      await hasKey(known);
      idp.behaviour = behaviour;
      clock += SETTINGS.minRefetchSeconds * 1000;
      expect(await hasKey('unknown-kid')).toBe(false);
      expect(await hasKey(known)).toBe(true);
      const status = sut.status();
      expect(status).toMatchObject({ keys: 1, stale: false, failures: 1 });
      expect(status.lastError).toMatch(reason);
      expect(lines.join('\n')).toMatch(/JWKS fetch failed .*keeping 1 known keys/);
    },
  );

  it('leaves out duplicate kids, oct keys and malformed keys, and keeps the rest', async () => {
    idp.extraJwks = [
      { ...idp.jwks().keys[0], n: 'AQAB' },
      { kty: 'oct', kid: 'symmetric', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0' },
      { kty: 'RSA', kid: 'half', e: 'AQAB' },
    ];
    const second = await idp.addKey('ES256');
    clock += SETTINGS.minRefetchSeconds * 1000;
    expect(await sut.keyFor({ alg: 'ES256', kid: second }, TOKEN)).toBeDefined();
    expect(await sut.keyFor({ alg: 'HS256', kid: 'symmetric' }, TOKEN)).toBeUndefined();
    expect(sut.status().keys).toBe(2);
    const log = lines.join('\n');
    expect(log).toMatch(/duplicate kid/);
    expect(log).toMatch(/symmetric \(oct\)/);
    expect(log).toMatch(/half: malformed/);
  });

  it('stops using known keys once they are older than the stale limit while the JWKS is down', async () => {
    await hasKey(known);
    idp.behaviour = { kind: 'status', status: 500 };
    clock += (SETTINGS.staleSeconds + 1) * 1000;
    expect(await hasKey(known)).toBe(false);
    expect(sut.status()).toMatchObject({ stale: true, failures: 1 });
  });

  it('picks up a recovered JWKS on the next fetch', async () => {
    await hasKey(known);
    idp.behaviour = { kind: 'reset' };
    clock += SETTINGS.minRefetchSeconds * 1000;
    await hasKey('unknown');
    idp.behaviour = { kind: 'keys' };
    const rotated = await idp.addKey();
    clock += SETTINGS.minRefetchSeconds * 1000;
    expect(await hasKey(rotated)).toBe(true);
    expect(sut.status().lastError).toBeUndefined();
    await eventually(() => lines.some((line) => line.includes('JWKS fetched again')));
  });
});
