import { Writable } from 'node:stream';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createApp } from '../../src/app';
import type { App } from '../../src/app';
import { bootstrapFirstStart, operatorContext } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/http/logger';
import { newTokenSecret } from '../fixtures/test-app';
import { createTestDatabase } from '../fixtures/test-database';

const JWT_SECRET = 'diagnostics-secret-of-at-least-32-chars!';
const WRONG_KEY = 'another-secret-also-at-least-32-chars!!';
const IDP = { kid: 'key-1', iss: 'https://idp.example' };
const in1h = () => Math.floor(Date.now() / 1000) + 3600;

/**
 * Every refused credential gets the same answer; the operator's debug log says which kind of
 * refusal it was, with the token prefix or the JWT's kid/iss only.
 */
describe('authentication diagnostics', () => {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  let app: App;
  let drop: () => Promise<void>;
  const admin = newTokenSecret();
  const unknown = newTokenSecret();
  let revoked: string;
  let expired: string;
  /** The answer to a request without credentials: every other refusal must be byte-identical. */
  const REFERENCE = { graphql: '', scim: '' };

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          raw.push(line);
          lines.push(JSON.parse(line));
        }
        done();
      },
    });
    const config = loadConfig({ DATABASE_URL: database.url, JWT_SECRET, JWT_ISSUER: 'https://idp.example' });
    app = await createApp(config, { logger: createLogger('debug', sink) });
    const boot = await bootstrapFirstStart(app.services, { organizationSlug: 'default', adminToken: admin });
    const org = await app.services.organizations.getBySlug(boot!.organizationSlug);
    const ctx = operatorContext(org.id);
    const issued = await app.services.tokens.create(ctx, { name: 'gone', scopes: ['scim'] });
    await app.services.tokens.revoke(ctx, issued.token.id);
    revoked = issued.secret;
    const soon = await app.services.tokens.create(ctx, {
      name: 'soon',
      scopes: ['scim'],
      expiresAt: new Date(Date.now() + 1500),
    });
    expired = soon.secret;
    await new Promise((resolve) => setTimeout(resolve, 1600));
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const signed = (claims: object, key = JWT_SECRET, kid = 'key-1') =>
    jwt.sign({ sub: 'u1', org: 'default', scope: 'identity:read', ...claims }, key, {
      algorithm: 'HS256',
      keyid: kid,
    });

  const cases: [string, () => string | undefined, string, () => Record<string, string>][] = [
    ['no header', () => undefined, 'missing-header', () => ({})],
    ['a scheme alone', () => 'Bearer', 'malformed-header', () => ({})],
    ['an unsupported scheme', () => 'Digest abc', 'unsupported-scheme', () => ({})],
    [
      'an unknown API token',
      () => `Bearer ${unknown}`,
      'unknown-token',
      () => ({ tokenPrefix: unknown.slice(0, 12) }),
    ],
    [
      'a revoked API token',
      () => `Bearer ${revoked}`,
      'revoked-token',
      () => ({ tokenPrefix: revoked.slice(0, 12) }),
    ],
    [
      'an expired API token',
      () => `Bearer ${expired}`,
      'expired-token',
      () => ({ tokenPrefix: expired.slice(0, 12) }),
    ],
    [
      'a JWT with a wrong signature',
      () => `Bearer ${signed({ iss: 'https://idp.example' }, WRONG_KEY)}`,
      'jwt-signature',
      () => IDP,
    ],
    [
      'an expired JWT',
      () => `Bearer ${signed({ iss: 'https://idp.example', exp: 1000 })}`,
      'jwt-expired',
      () => IDP,
    ],
    [
      'a JWT from another issuer',
      () => `Bearer ${signed({ iss: 'https://evil.example', exp: in1h() })}`,
      'jwt-issuer',
      () => ({ kid: 'key-1', iss: 'https://evil.example' }),
    ],
    ['a JWT without exp', () => `Bearer ${signed({ iss: 'https://idp.example' })}`, 'jwt-claims', () => IDP],
    [
      'a JWT for an unknown organization',
      () => `Bearer ${signed({ iss: 'https://idp.example', exp: in1h(), org: 'nope' })}`,
      'unknown-organization',
      () => IDP,
    ],
    ['garbage', () => 'Bearer not.a.jwt', 'jwt-malformed', () => ({})],
  ];

  it.each(cases)(
    '%s: the same 401 on both APIs, the reason in the debug log',
    async (_name, header, reason, ids) => {
      const value = header();
      const before = raw.length;
      const graphql = request(app.express).post('/graphql').send({ query: '{ viewer { id } }' });
      const scim = request(app.express).get('/scim/v2/Users');
      if (value !== undefined) {
        graphql.set('Authorization', value);
        scim.set('Authorization', value);
      }
      const [g, s] = await Promise.all([graphql, scim]);
      expect([g.status, g.text]).toEqual([401, REFERENCE.graphql]);
      expect([s.status, s.text]).toEqual([401, REFERENCE.scim]);
      await new Promise((resolve) => app.logger.flush(() => resolve(undefined)));
      const rejections = lines.slice(before).filter((l) => l.msg === 'authentication rejected');
      expect(rejections).toHaveLength(2);
      for (const line of rejections) expect(line.auth).toEqual({ reason, ...ids() });
      const text = raw.slice(before).join('\n');
      if (value?.startsWith('Bearer ')) expect(text).not.toContain(value.slice('Bearer '.length));
    },
  );

  beforeAll(async () => {
    REFERENCE.graphql = (
      await request(app.express).post('/graphql').send({ query: '{ viewer { id } }' })
    ).text;
    REFERENCE.scim = (await request(app.express).get('/scim/v2/Users')).text;
  });
});
