import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwtVerifier } from '../../../src/http/jwt-verifier';

const SECRET = 'a-very-long-test-secret-of-at-least-32-chars';
const claims = { sub: 'user-1', org: 'acme', scope: 'identity:read scim' };
const hs = (payload: object, options: jwt.SignOptions = {}) =>
  jwt.sign(payload, SECRET, { algorithm: 'HS256', expiresIn: 60, ...options });

function expectRejected(sut: JwtVerifier, token: string) {
  expect(() => sut.verify(token)).toThrow(
    expect.objectContaining({ code: 'UNAUTHENTICATED', message: 'Authentication required' }),
  );
}

describe('JwtVerifier', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

  it('accepts an HS256 token and reads subject, organization and scopes', () => {
    const sut = new JwtVerifier({ secret: SECRET });
    expect(sut.verify(hs(claims))).toEqual({
      subject: 'user-1',
      organization: 'acme',
      scopes: ['identity:read', 'scim'],
    });
  });

  it('accepts an RS256 token verified with the public key', () => {
    const sut = new JwtVerifier({ publicKey: publicPem });
    const token = jwt.sign(claims, privateKey, { algorithm: 'RS256', expiresIn: 60 });
    expect(sut.verify(token).subject).toBe('user-1');
  });

  it('rejects alg none', () => {
    const sut = new JwtVerifier({ secret: SECRET });
    expectRejected(
      sut,
      jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) + 60 }, '', { algorithm: 'none' }),
    );
  });

  it('rejects an HS256 token signed with the public key (key confusion)', () => {
    const sut = new JwtVerifier({ publicKey: publicPem });
    const forged = jwt.sign(claims, publicPem, { algorithm: 'HS256', expiresIn: 60 } as jwt.SignOptions);
    expectRejected(sut, forged);
  });

  it('rejects a token without exp', () => {
    expectRejected(new JwtVerifier({ secret: SECRET }), jwt.sign(claims, SECRET, { algorithm: 'HS256' }));
  });

  it('rejects an expired token', () => {
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, SECRET, {
      algorithm: 'HS256',
    });
    expectRejected(new JwtVerifier({ secret: SECRET }), expired);
  });

  it('rejects a token signed with another key', () => {
    const other = jwt.sign(claims, 'another-secret-that-is-also-long-enough!!', {
      algorithm: 'HS256',
      expiresIn: 60,
    });
    expectRejected(new JwtVerifier({ secret: SECRET }), other);
  });

  it('rejects a tampered payload', () => {
    const [header, , signature] = hs(claims).split('.');
    const payload = Buffer.from(JSON.stringify({ ...claims, org: 'other', exp: 9999999999 })).toString(
      'base64url',
    );
    expectRejected(new JwtVerifier({ secret: SECRET }), `${header}.${payload}.${signature}`);
  });

  it('enforces issuer and audience when configured', () => {
    const sut = new JwtVerifier({ secret: SECRET, issuer: 'https://issuer', audience: 'identity' });
    expect(sut.verify(hs(claims, { issuer: 'https://issuer', audience: 'identity' })).subject).toBe('user-1');
    expectRejected(sut, hs(claims, { issuer: 'https://evil', audience: 'identity' }));
    expectRejected(sut, hs(claims, { issuer: 'https://issuer', audience: 'other' }));
  });

  it('rejects every JWT when no key is configured', () => {
    expectRejected(new JwtVerifier({}), hs(claims));
  });

  it('rejects a token without an organization claim', () => {
    expectRejected(new JwtVerifier({ secret: SECRET }), hs({ sub: 'x', scope: 'scim' }));
  });
});
