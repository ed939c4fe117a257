import '../support/no-secrets-in-logs';
import { createHmac, createPublicKey, createSign, generateKeyPairSync } from 'node:crypto';
import { SignJWT, exportJWK } from 'jose';
import type { JWTPayload } from 'jose';
import type { TestApp } from '../../fixtures/test-app';
import { TestIdp } from '../../fixtures/test-idp';
import { recordFigure } from '../support/figures';
import { logCapture } from '../support/log-capture';
import { startReliableApp } from '../support/reliable-app';

const AUDIENCE = 'identity';
const OCT_SECRET = 'a-symmetric-secret-that-a-jwks-should-never-hold';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const attackerRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const attackerEc = generateKeyPairSync('ec', { namedCurve: 'P-256' });

let idp: TestIdp;
let attacker: TestIdp;
let rsaKid: string;
let ecKid: string;
let attackerKid: string;

const claims = (extra: JWTPayload = {}): JWTPayload => ({
  iss: idp.issuer,
  aud: AUDIENCE,
  sub: 'jwks-attacker',
  org: 'default',
  scope: 'scim identity:admin',
  exp: now() + 600,
  ...extra,
});

/** HMAC over header.payload with any bytes as the key: how key-confusion tokens are made. */
function hs256(header: Record<string, unknown>, payload: JWTPayload, secret: string | Buffer): string {
  const input = `${b64({ alg: 'HS256', typ: 'JWT', ...header })}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const signedBy = (key: typeof attackerRsa.privateKey, alg: string, header: Record<string, unknown>) =>
  new SignJWT(claims()).setProtectedHeader({ alg, typ: 'JWT', ...header }).sign(key);

const rsaPublicPem = () => {
  const jwk = idp.keys.find((k) => k.kid === rsaKid)!.jwk;
  return createPublicKey({ key: jwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
};

/** Tokens an attacker can make against a service trusting the IdP's JWKS. Each must get the one 401. */
const ATTACKS: readonly [string, () => Promise<string> | string][] = [
  [
    'HS256 signed with the RSA public key (PEM) from the JWKS',
    () => hs256({ kid: rsaKid }, claims(), rsaPublicPem()),
  ],
  [
    'HS256 signed with the RSA public JWK as JSON',
    () => hs256({ kid: rsaKid }, claims(), JSON.stringify(idp.keys[0].jwk)),
  ],
  [
    'HS256 signed with the secret of an oct key the JWKS lists',
    () => hs256({ kid: 'hmac' }, claims(), OCT_SECRET),
  ],
  ['alg none with the real kid', () => `${b64({ alg: 'none', kid: rsaKid })}.${b64(claims())}.`],
  [
    'alg none with a real signature attached',
    async () => {
      const real = await idp.sign(rsaKid, claims());
      return `${b64({ alg: 'none', kid: rsaKid })}.${b64(claims())}.${real.split('.')[2]}`;
    },
  ],
  [
    'jku header pointing at the attacker’s JWKS',
    () => signedBy(attackerRsa.privateKey, 'RS256', { kid: attackerKid, jku: attacker.jwksUrl }),
  ],
  [
    'x5u header pointing at the attacker’s server',
    () => signedBy(attackerRsa.privateKey, 'RS256', { kid: attackerKid, x5u: `${attacker.url}/cert.pem` }),
  ],
  [
    'jwk header embedding the attacker’s public key',
    async () => signedBy(attackerRsa.privateKey, 'RS256', { jwk: await exportJWK(attackerRsa.publicKey) }),
  ],
  ['x5c header with a made-up chain', () => signedBy(attackerRsa.privateKey, 'RS256', { x5c: ['MIIBzz=='] })],
  [
    'the real RSA kid, signed with the attacker’s key',
    () => signedBy(attackerRsa.privateKey, 'RS256', { kid: rsaKid }),
  ],
  ['ES256 naming the RSA key’s kid', () => signedBy(attackerEc.privateKey, 'ES256', { kid: rsaKid })],
  ['RS256 naming the EC key’s kid', () => signedBy(attackerRsa.privateKey, 'RS256', { kid: ecKid })],
  [
    'a kid that is a path',
    () => signedBy(attackerRsa.privateKey, 'RS256', { kid: '../../../../etc/passwd' }),
  ],
  ['a 4 KB kid', () => signedBy(attackerRsa.privateKey, 'RS256', { kid: 'k'.repeat(4096) })],
  [
    'an unknown critical header, signed by the IdP',
    () => {
      // jose will not sign with a `crit` it does not know, so this one is signed by hand.
      const input = `${b64({ alg: 'RS256', kid: rsaKid, crit: ['x-ext'], 'x-ext': 1 })}.${b64(claims())}`;
      const key = idp.keys.find((k) => k.kid === rsaKid)!.privateKey;
      return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
    },
  ],
  ['expired, signed by the IdP', () => idp.sign(rsaKid, claims({ exp: now() - 3600 }))],
  ['no exp, signed by the IdP', () => idp.sign(rsaKid, claims({ exp: undefined }))],
  ['another audience, signed by the IdP', () => idp.sign(rsaKid, claims({ aud: 'someone-else' }))],
  ['another issuer, signed by the IdP', () => idp.sign(ecKid, claims({ iss: 'https://evil.example' }))],
  [
    'payload changed after the IdP signed it',
    async () => {
      const [header, , signature] = (await idp.sign(rsaKid, claims({ scope: 'identity:read' }))).split('.');
      return `${header}.${b64(claims())}.${signature}`;
    },
  ],
];

type Answer = { status: number; text: string; headers: Record<string, string> };
const ENDPOINTS: readonly [string, (sut: TestApp, authorization: string) => Promise<Answer>][] = [
  [
    'GraphQL',
    (sut, a) => sut.http.post('/graphql').set('Authorization', a).send({ query: '{ viewer { subject } }' }),
  ],
  ['SCIM /Users', (sut, a) => sut.http.get('/scim/v2/Users').set('Authorization', a)],
  ['SCIM 1.1 /Users', (sut, a) => sut.http.get('/scim/v1/Users').set('Authorization', a)],
];

describe('JWT attacks against JWT_JWKS_URL mode', () => {
  let sut: TestApp;
  /** Per endpoint: the 401 a plain garbage token gets, byte for byte. */
  const reference = new Map<string, string>();

  beforeAll(async () => {
    [idp, attacker] = await Promise.all([TestIdp.start(), TestIdp.start()]);
    rsaKid = await idp.addKey('RS256');
    ecKid = await idp.addKey('ES256');
    idp.extraJwks = [{ kty: 'oct', kid: 'hmac', k: Buffer.from(OCT_SECRET).toString('base64url') }];
    attackerKid = await attacker.addKey('RS256');
    logCapture.secret(OCT_SECRET);
    sut = await startReliableApp({
      JWT_JWKS_URL: idp.jwksUrl,
      JWT_ISSUER: idp.issuer,
      JWT_AUDIENCE: AUDIENCE,
      AUTH_FAILURE_LIMIT_PER_MINUTE: '0',
    });
    for (const [endpoint, send] of ENDPOINTS) {
      const res = await send(sut, 'Bearer eyJhbGciOiJSUzI1NiJ9.garbage.garbage');
      reference.set(endpoint, `${res.status} ${res.headers['www-authenticate']} ${res.text}`);
    }
  });
  afterAll(async () => {
    await sut.close();
    await Promise.all([idp.close(), attacker.close()]);
  });

  it('accepts a token the IdP signed, with either of its keys (control)', async () => {
    for (const kid of [rsaKid, ecKid]) {
      const token = await idp.sign(kid, claims());
      logCapture.secret(token);
      for (const [endpoint, send] of ENDPOINTS) {
        const res = await send(sut, `Bearer ${token}`);
        expect({ endpoint, kid, status: res.status }).toEqual({ endpoint, kid, status: 200 });
      }
    }
  });

  it.each(ATTACKS)('refuses %s with the one identical 401 on every endpoint', async (_attack, make) => {
    const token = await make();
    logCapture.secret(token, token.split('.')[2]);
    for (const [endpoint, send] of ENDPOINTS) {
      const res = await send(sut, `Bearer ${token}`);
      expect({ endpoint, answer: `${res.status} ${res.headers['www-authenticate']} ${res.text}` }).toEqual({
        endpoint,
        answer: reference.get(endpoint),
      });
    }
  });

  it('never fetched anything from the hosts the tokens pointed at', () => {
    expect(attacker.jwksFetches + attacker.discoveryFetches).toBe(0);
  });

  afterAll(() =>
    recordFigure('hostile', 'JWT attacks refused (JWT_JWKS_URL)', {
      attacks: ATTACKS.length,
      endpoints: ENDPOINTS.length,
    }),
  );
});
