import { discoveredJwks } from '../../../../src/http/jwt/oidc-discovery';
import { TestIdp } from '../../../fixtures/test-idp';

const LIMITS = { timeoutMs: 1000, maxBytes: 64 * 1024 };

describe('OIDC discovery of the JWKS', () => {
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await TestIdp.start();
  });
  afterAll(() => idp.close());
  beforeEach(() => idp.reset());

  it('finds jwks_uri in the issuer’s discovery document, once', async () => {
    const sut = discoveredJwks(idp.issuer, [], LIMITS);
    expect(await sut(false)).toBe(idp.jwksUrl);
    expect(await sut(false)).toBe(idp.jwksUrl);
    expect(idp.discoveryFetches).toBe(1);
  });

  it('asks again after a failed JWKS fetch (the IdP may have moved its keys)', async () => {
    const sut = discoveredJwks(idp.issuer, [], LIMITS);
    await sut(false);
    idp.jwksUri = `${idp.url}/moved`;
    expect(await sut(true)).toBe(`${idp.url}/moved`);
  });

  it('refuses a jwks_uri on another host unless that host is allowed explicitly', async () => {
    const elsewhere = `http://localhost:${new URL(idp.url).port}/jwks`;
    idp.jwksUri = elsewhere;
    await expect(discoveredJwks(idp.issuer, [], LIMITS)(false)).rejects.toThrow(
      /another host \(localhost:\d+\); not allowed/,
    );
    const allowed = [new URL(elsewhere).host];
    expect(await discoveredJwks(idp.issuer, allowed, LIMITS)(false)).toBe(elsewhere);
  });

  it('refuses a document that names another issuer', async () => {
    const sut = discoveredJwks(`${idp.issuer}/realms/other`, [], LIMITS);
    await expect(sut(false)).rejects.toThrow(/(another issuer|HTTP 404)/);
    await expect(discoveredJwks(`${idp.url}/`, [], LIMITS)(false)).rejects.toThrow(/another issuer/);
  });
});
