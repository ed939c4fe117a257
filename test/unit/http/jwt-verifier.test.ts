import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DEFAULT_JWKS_OPTIONS, JwtVerifier } from '../../../src/http/jwt-verifier';
import type { JwtSettings } from '../../../src/http/jwt-verifier';
import { createLogger } from '../../../src/http/logger';
import { TestIdp } from '../../fixtures/test-idp';

const verifier = (settings: JwtSettings) => new JwtVerifier(settings, createLogger('silent'));

const SECRET = 'a-very-long-test-secret-of-at-least-32-chars';
const claims = { sub: 'user-1', org: 'acme', scope: 'identity:read scim' };
const hs = (payload: object, options: jwt.SignOptions = {}) =>
  jwt.sign(payload, SECRET, { algorithm: 'HS256', expiresIn: 60, ...options });

async function expectRejected(sut: JwtVerifier, token: string) {
  await expect(sut.verify(token)).rejects.toThrow(
    expect.objectContaining({ code: 'UNAUTHENTICATED', message: 'Authentication required' }),
  );
}

describe('JwtVerifier', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

  it('accepts an HS256 token and reads subject, organization and scopes', async () => {
    const sut = verifier({ secret: SECRET });
    expect(await sut.verify(hs(claims))).toEqual({
      subject: 'user-1',
      organization: 'acme',
      scopes: ['identity:read', 'scim'],
    });
  });

  it('accepts an RS256 token verified with the public key', async () => {
    const sut = verifier({ publicKey: publicPem });
    const token = jwt.sign(claims, privateKey, { algorithm: 'RS256', expiresIn: 60 });
    expect((await sut.verify(token)).subject).toBe('user-1');
  });

  it('rejects alg none', async () => {
    const sut = verifier({ secret: SECRET });
    await expectRejected(
      sut,
      jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) + 60 }, '', { algorithm: 'none' }),
    );
  });

  it('rejects an HS256 token signed with the public key (key confusion)', async () => {
    const sut = verifier({ publicKey: publicPem });
    const forged = jwt.sign(claims, publicPem, { algorithm: 'HS256', expiresIn: 60 } as jwt.SignOptions);
    await expectRejected(sut, forged);
  });

  it('rejects a token without exp', async () => {
    await expectRejected(verifier({ secret: SECRET }), jwt.sign(claims, SECRET, { algorithm: 'HS256' }));
  });

  it('rejects an expired token', async () => {
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, SECRET, {
      algorithm: 'HS256',
    });
    await expectRejected(verifier({ secret: SECRET }), expired);
  });

  it('rejects a token signed with another key', async () => {
    const other = jwt.sign(claims, 'another-secret-that-is-also-long-enough!!', {
      algorithm: 'HS256',
      expiresIn: 60,
    });
    await expectRejected(verifier({ secret: SECRET }), other);
  });

  it('rejects a tampered payload', async () => {
    const [header, , signature] = hs(claims).split('.');
    const payload = Buffer.from(JSON.stringify({ ...claims, org: 'other', exp: 9999999999 })).toString(
      'base64url',
    );
    await expectRejected(verifier({ secret: SECRET }), `${header}.${payload}.${signature}`);
  });

  it('enforces issuer and audience when configured', async () => {
    const sut = verifier({ secret: SECRET, issuer: 'https://issuer', audience: 'identity' });
    expect((await sut.verify(hs(claims, { issuer: 'https://issuer', audience: 'identity' }))).subject).toBe(
      'user-1',
    );
    await expectRejected(sut, hs(claims, { issuer: 'https://evil', audience: 'identity' }));
    await expectRejected(sut, hs(claims, { issuer: 'https://issuer', audience: 'other' }));
  });

  it('rejects every JWT when no key is configured', async () => {
    await expectRejected(verifier({}), hs(claims));
  });

  it('rejects a token without an organization claim', async () => {
    await expectRejected(verifier({ secret: SECRET }), hs({ sub: 'x', scope: 'scim' }));
  });
});

describe('JwtVerifier with a static key and a JWKS issuer side by side', () => {
  let idp: TestIdp;
  let sut: JwtVerifier;
  let kid: string;
  beforeAll(async () => {
    idp = await TestIdp.start();
    kid = await idp.addKey('ES256');
    sut = verifier({
      secret: SECRET,
      issuers: [
        { issuer: idp.issuer, audience: ['identity'], jwksUrls: [idp.jwksUrl], claims: { subject: 'sub' } },
      ],
    });
    sut.start();
  });
  afterAll(async () => {
    sut.close();
    await idp.close();
  });
  const exp = () => Math.floor(Date.now() / 1000) + 60;

  it('verifies each token with its own issuer’s keys and tells the issuers apart', async () => {
    expect(await sut.verify(hs(claims))).toEqual({
      subject: 'user-1',
      organization: 'acme',
      scopes: ['identity:read', 'scim'],
    });
    const fromIdp = await idp.sign(kid, { ...claims, iss: idp.issuer, aud: 'identity', exp: exp() });
    expect(await sut.verify(fromIdp)).toMatchObject({ subject: 'user-1', issuer: idp.issuer });
  });

  it('refuses an HS256 token with the static secret that claims to come from the JWKS issuer', async () => {
    await expectRejected(sut, hs({ ...claims, iss: idp.issuer, aud: 'identity' }));
  });

  it('reports the JWKS state and nothing for the static key', async () => {
    await sut.verify(await idp.sign(kid, { ...claims, iss: idp.issuer, aud: 'identity', exp: exp() }));
    expect(sut.jwksStatus()).toEqual([
      expect.objectContaining({ issuer: idp.issuer, keys: 1, stale: false }),
    ]);
  });
});

describe('JwtVerifier with one issuer publishing two JWKS URLs', () => {
  it('finds a key in the second set without fetching the first again', async () => {
    const [first, second] = await Promise.all([TestIdp.start(), TestIdp.start()]);
    await first.addKey('ES256');
    const kid = await second.addKey('ES256');
    const sut = verifier({
      issuer: first.issuer,
      jwksUrls: [first.jwksUrl, second.jwksUrl],
      jwks: { ...DEFAULT_JWKS_OPTIONS, minRefetchSeconds: 1 },
    });
    sut.start();
    try {
      const token = await second.sign(kid, {
        ...claims,
        iss: first.issuer,
        exp: Math.floor(Date.now() / 1000) + 60,
      });
      expect((await sut.verify(token)).issuer).toBe(first.issuer);
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // a refetch would be allowed now
      expect((await sut.verify(token)).subject).toBe('user-1');
      expect([first.jwksFetches, second.jwksFetches]).toEqual([1, 1]);
    } finally {
      sut.close();
      await Promise.all([first.close(), second.close()]);
    }
  });
});
