import '../support/no-secrets-in-logs';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { TestApp } from '../../fixtures/test-app';
import { recordFigure } from '../support/figures';
import { logCapture } from '../support/log-capture';
import { startReliableApp } from '../support/reliable-app';

const SECRET = 'a-jwt-secret-of-at-least-32-characters!';
const ISSUER = 'https://issuer.example';
const AUDIENCE = 'identity';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const RSA_PUBLIC = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const RSA_PRIVATE = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({
  sub: 'jwt-attacker',
  org: 'default',
  scope: 'scim identity:admin',
  iss: ISSUER,
  aud: AUDIENCE,
  exp: now() + 600,
  ...extra,
});

/** A token whose payload was changed after signing: the original signature is kept. */
function tampered(token: string, change: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return [header, b64({ ...decoded, ...change }), signature].join('.');
}

function withoutClaim(name: string): Record<string, unknown> {
  const all: Record<string, unknown> = claims();
  delete all[name];
  return all;
}

/** HS256 by hand, so the key may be anything (jsonwebtoken refuses an empty one). */
function hmacToken(header: Record<string, unknown>, payload: object, key: string): string {
  const signed = `${b64({ alg: 'HS256', typ: 'JWT', ...header })}.${b64(payload)}`;
  return `${signed}.${createHmac('sha256', key).update(signed).digest('base64url')}`;
}

const hs = (payload: object, options: jwt.SignOptions = {}) =>
  jwt.sign(payload, SECRET, { algorithm: 'HS256', ...options });
const valid = () => hs(claims());

/** Attacks on a service configured with JWT_SECRET (HS256), JWT_ISSUER and JWT_AUDIENCE. */
const HS_ATTACKS: readonly [string, () => string][] = [
  ['alg none, no signature', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
  [
    'alg none, with a signature',
    () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.${valid().split('.')[2]}`,
  ],
  ['alg "None"', () => `${b64({ alg: 'None', typ: 'JWT' })}.${b64(claims())}.`],
  [
    'signed with another secret',
    () => jwt.sign(claims(), 'another-secret-of-at-least-32-characters', { algorithm: 'HS256' }),
  ],
  [
    'HS512 with the right secret (algorithm not allowed)',
    () => jwt.sign(claims(), SECRET, { algorithm: 'HS512' }),
  ],
  ['RS256 with some private key', () => jwt.sign(claims(), RSA_PRIVATE, { algorithm: 'RS256' })],
  ['expired an hour ago', () => hs(claims({ exp: now() - 3600 }))],
  ['no exp', () => hs(withoutClaim('exp'))],
  ['not valid before an hour from now', () => hs(claims({ nbf: now() + 3600 }))],
  ['wrong issuer', () => hs(claims({ iss: 'https://evil.example' }))],
  ['no issuer', () => hs(withoutClaim('iss'))],
  ['wrong audience', () => hs(claims({ aud: 'someone-else' }))],
  ['no audience', () => hs(withoutClaim('aud'))],
  [
    'tampered: organization changed',
    () => tampered(hs(claims({ scope: 'identity:read' })), { org: 'other' }),
  ],
  [
    'tampered: scopes raised',
    () => tampered(hs(claims({ scope: 'identity:read' })), { scope: 'scim identity:admin' }),
  ],
  ['tampered: expiry extended', () => tampered(hs(claims({ exp: now() - 60 })), { exp: now() + 3600 })],
  [
    'tampered header: alg none, signature kept',
    () => [b64({ alg: 'none', typ: 'JWT' }), ...valid().split('.').slice(1)].join('.'),
  ],
  ['signature stripped', () => valid().split('.').slice(0, 2).join('.') + '.'],
  ['organization that does not exist', () => hs(claims({ org: 'no-such-org' }))],
  ['no organization claim', () => hs(withoutClaim('org'))],
  // kid injection: a verifier that looked the key up by kid would find a key the attacker knows —
  // the empty content of /dev/null, or the literal an injected SQL query selects.
  [
    'kid naming /dev/null, signed with its (empty) content',
    () => hmacToken({ kid: '../../../../dev/null' }, claims(), ''),
  ],
  [
    "kid injecting SQL that selects the key 'x', signed with 'x'",
    () => hmacToken({ kid: "nope' UNION SELECT 'x' -- " }, claims(), 'x'),
  ],
  [
    'kid naming the configured secret by a path, signed with the path',
    () => hmacToken({ kid: '/proc/self/environ' }, claims(), '/proc/self/environ'),
  ],
  ['garbage', () => 'eyJhbGciOiJIUzI1NiJ9.garbage.garbage'],
  ['8 KB token', () => hs(claims({ pad: 'x'.repeat(9000) }))],
];

/** Attacks on a service configured with JWT_PUBLIC_KEY (RS256/ES256). */
const RS_ATTACKS: readonly [string, () => string][] = [
  [
    'HS256 signed with the public key as the secret (key confusion)',
    () =>
      jwt.sign(claims(), RSA_PUBLIC, { algorithm: 'HS256', allowInsecureKeySizes: true } as jwt.SignOptions),
  ],
  ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
  [
    'RS256 signed with another private key',
    () =>
      jwt.sign(claims(), otherRsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), {
        algorithm: 'RS256',
      }),
  ],
  [
    'ES256 signed with an unrelated key',
    () =>
      jwt.sign(claims(), ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), {
        algorithm: 'ES256',
      }),
  ],
  ['expired RS256', () => jwt.sign(claims({ exp: now() - 3600 }), RSA_PRIVATE, { algorithm: 'RS256' })],
  [
    'tampered RS256',
    () =>
      tampered(jwt.sign(claims({ scope: 'identity:read' }), RSA_PRIVATE, { algorithm: 'RS256' }), {
        scope: 'scim identity:admin',
      }),
  ],
];

interface Answer {
  status: number;
  text: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}
type Endpoint = readonly [string, (sut: TestApp, authorization: string) => Promise<Answer>];

/** The same credential on every API that accepts a JWT. */
const ENDPOINTS: readonly Endpoint[] = [
  [
    'GraphQL',
    (sut, a) => sut.http.post('/graphql').set('Authorization', a).send({ query: '{ viewer { subject } }' }),
  ],
  ['SCIM /Users', (sut, a) => sut.http.get('/scim/v2/Users').set('Authorization', a)],
  ['SCIM /Me', (sut, a) => sut.http.get('/scim/v2/Me').set('Authorization', a)],
  [
    'SCIM /Bulk',
    (sut, a) =>
      sut.http
        .post('/scim/v2/Bulk')
        .set('Authorization', a)
        .send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [] }),
  ],
  ['SCIM 1.1 /Users', (sut, a) => sut.http.get('/scim/v1/Users').set('Authorization', a)],
];

/**
 * 401, and byte for byte the answer an unknown API token gets on that endpoint (body, content type,
 * WWW-Authenticate): nothing in it can tell an attacker which check failed.
 */
function expectRejected(endpoint: string, res: Answer, reference: Answer) {
  expect({ endpoint, status: res.status }).toEqual({ endpoint, status: 401 });
  expect({
    endpoint,
    body: res.text,
    type: res.headers['content-type'],
    challenge: res.headers['www-authenticate'],
  }).toEqual({
    endpoint,
    body: reference.text,
    type: reference.headers['content-type'],
    challenge: reference.headers['www-authenticate'],
  });
}

describe.each([
  [
    'JWT_SECRET (HS256) with issuer and audience',
    { JWT_SECRET: SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE },
    HS_ATTACKS,
    valid,
  ],
  [
    'JWT_PUBLIC_KEY (RS256)',
    { JWT_PUBLIC_KEY: RSA_PUBLIC, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE },
    RS_ATTACKS,
    () => jwt.sign(claims(), RSA_PRIVATE, { algorithm: 'RS256' }),
  ],
])('JWT attacks against %s', (_name, env, attacks, validToken) => {
  let sut: TestApp;
  const reference = new Map<string, Answer>();
  const unknownToken = `Bearer idt_${'A'.repeat(32)}`;
  beforeAll(async () => {
    // Failed authentications are limited per address; here every attack must reach the verifier.
    sut = await startReliableApp({ ...env, AUTH_FAILURE_LIMIT_PER_MINUTE: '0' });
    for (const [endpoint, send] of ENDPOINTS) reference.set(endpoint, await send(sut, unknownToken));
    reference.set(
      'SCIM /Users (Basic)',
      await sut.http.get('/scim/v2/Users').set('Authorization', unknownToken),
    );
    for (const answer of reference.values()) {
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toBeDefined();
    }
    expect(reference.get('GraphQL')!.body).toEqual({
      errors: [{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });
  afterAll(() => sut.close());

  it('accepts a valid token on every endpoint (control)', async () => {
    const token = validToken();
    logCapture.secret(token);
    for (const [endpoint, send] of ENDPOINTS.filter(([e]) => e !== 'SCIM /Me')) {
      const res = await send(sut, `Bearer ${token}`);
      expect({ endpoint, authenticated: res.status !== 401 && res.status !== 403 }).toEqual({
        endpoint,
        authenticated: true,
      });
    }
  });

  it.each(attacks)(
    'refuses %s with 401 on every endpoint, saying nothing about why',
    async (_attack, make) => {
      const token = make();
      logCapture.secret(token, token.split('.')[2]);
      for (const [endpoint, send] of ENDPOINTS)
        expectRejected(endpoint, await send(sut, `Bearer ${token}`), reference.get(endpoint)!);
      // Okta's Basic template: the JWT as the password is no way around the checks either.
      if (token.length > 8000) return; // the header would exceed Node's limit: 431 before any check
      const basic = `Basic ${Buffer.from(`okta:${token}`).toString('base64')}`;
      logCapture.secret(basic.slice(6));
      expectRejected(
        'SCIM /Users (Basic)',
        await sut.http.get('/scim/v2/Users').set('Authorization', basic),
        reference.get('SCIM /Users (Basic)')!,
      );
    },
  );

  afterAll(() =>
    recordFigure('hostile', `JWT attacks refused (${_name})`, {
      attacks: attacks.length,
      endpoints: ENDPOINTS.length + 1,
    }),
  );
});
