import jwt from 'jsonwebtoken';
import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

const JWT_SECRET = 'integration-test-secret-with-32-plus-chars';
const VIEWER = '{ viewer { subject scopes organization { slug } } }';
const CREATE_TOKEN = `mutation($input: ApiTokenInput!) { createApiToken(input: $input) { secret token { id prefix name scopes } } }`;

describe('authentication, scopes and API tokens', () => {
  let sut: TestApp;
  /** The service's clock runs this far ahead of the wall clock (expiry is tested without waiting). */
  let clockAheadMs = 0;
  beforeAll(async () => {
    sut = await startTestApp(
      { JWT_SECRET, JWT_ISSUER: 'https://issuer.test', JWT_AUDIENCE: 'identity' },
      undefined,
      { clock: () => new Date(Date.now() + clockAheadMs) },
    );
  });
  afterAll(() => sut.close());

  const post = (authorization?: string) => {
    const req = sut.http.post('/graphql').send({ query: VIEWER });
    return authorization === undefined ? req : req.set('Authorization', authorization);
  };
  const sign = (claims: object, options: jwt.SignOptions = {}) =>
    jwt.sign({ org: 'default', scope: 'identity:read', ...claims }, JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: 60,
      issuer: 'https://issuer.test',
      audience: 'identity',
      subject: 'svc-reporting',
      ...options,
    });

  it.each([
    ['no Authorization header', undefined],
    ['an unknown API token', 'Bearer idt_thisTokenDoesNotExistAnywhere000'],
    ['a non-bearer scheme', 'Token abc'],
    ['garbage', 'Bearer not.a.jwt'],
    [
      'a JWT with alg none',
      `Bearer ${jwt.sign({ org: 'default', exp: 9999999999, sub: 'x' }, '', { algorithm: 'none' })}`,
    ],
    [
      'a JWT signed with another key',
      `Bearer ${jwt.sign({ org: 'default', sub: 'x' }, 'k'.repeat(40), { expiresIn: 60 })}`,
    ],
  ])('answers %s with 401 and no detail', async (_name, authorization) => {
    const res = await post(authorization);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.body).toEqual({
      errors: [{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('accepts a valid JWT and takes organization and scopes from its claims', async () => {
    const res = await post(`Bearer ${sign({})}`);
    expect(res.status).toBe(200);
    expect(res.body.data.viewer).toEqual({
      subject: 'jwt:svc-reporting',
      scopes: ['identity:read'],
      organization: { slug: 'default' },
    });
  });

  it('rejects JWTs that are expired, for another issuer or audience, or name an unknown organization', async () => {
    for (const token of [
      sign({}, { expiresIn: -10 }),
      sign({}, { issuer: 'https://evil.test' }),
      sign({}, { audience: 'another' }),
      sign({ org: 'no-such-org' }),
    ]) {
      expect((await post(`Bearer ${token}`)).status).toBe(401);
    }
  });

  it('forbids writes to a read-only token with FORBIDDEN', async () => {
    const result = await sut.gql(
      `mutation { createUser(input: { userName: "nope" }) { id } }`,
      {},
      sut.tenant.readToken,
    );
    expectOneError(result, 'FORBIDDEN');
  });

  it('forbids token management to a SCIM token', async () => {
    expectOneError(await sut.gql('{ apiTokens { id } }', {}, sut.tenant.scimToken), 'FORBIDDEN');
  });

  it('shows a new secret exactly once, never in lists, and it works at once', async () => {
    const created = await sut.gql<{
      createApiToken: { secret: string; token: { id: string; prefix: string } };
    }>(CREATE_TOKEN, {
      input: { name: 'reporting', scopes: ['identity:read'] },
    });
    const { secret, token } = created.data!.createApiToken;
    expect(secret).toMatch(/^idt_/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    const listed = await sut.gql<{ apiTokens: Record<string, unknown>[] }>(
      '{ apiTokens { id prefix name scopes lastUsedAt } }',
    );
    expect(JSON.stringify(listed.data)).not.toContain(secret);
    expect((await post(`Bearer ${secret}`)).status).toBe(200);
    const after = await sut.gql<{ apiTokens: { id: string; lastUsedAt: string | null }[] }>(
      '{ apiTokens { id lastUsedAt } }',
    );
    expect(after.data!.apiTokens.find((t) => t.id === token.id)!.lastUsedAt).not.toBeNull();
  });

  it('rotates a token: the old secret stops working at once, the new one works, data is untouched', async () => {
    const created = await sut.gql<{ createApiToken: { secret: string; token: { id: string } } }>(
      CREATE_TOKEN,
      {
        input: { name: 'rotating', scopes: ['identity:write'] },
      },
    );
    const { secret: oldSecret, token } = created.data!.createApiToken;
    await sut.gql(
      `mutation { createUser(input: { userName: "made-before-rotation" }) { id } }`,
      {},
      oldSecret,
    );
    const rotated = await sut.gql<{ rotateApiToken: { secret: string } }>(
      `mutation($id: ID!) { rotateApiToken(id: $id) { secret } }`,
      {
        id: token.id,
      },
    );
    const newSecret = rotated.data!.rotateApiToken.secret;
    expect(newSecret).not.toBe(oldSecret);
    expect((await post(`Bearer ${oldSecret}`)).status).toBe(401);
    expect((await post(`Bearer ${newSecret}`)).status).toBe(200);
    const users = await sut.gql<{ users: { totalCount: number } }>(
      `{ users(filter: { condition: { attribute: "userName", op: EQ, value: "made-before-rotation" } }) { totalCount } }`,
    );
    expect(users.data!.users.totalCount).toBe(1);
  });

  it('revokes a token: it stops working at once', async () => {
    const created = await sut.gql<{ createApiToken: { secret: string; token: { id: string } } }>(
      CREATE_TOKEN,
      {
        input: { name: 'revoked', scopes: ['identity:read'] },
      },
    );
    const { secret, token } = created.data!.createApiToken;
    const revoked = await sut.gql<{ revokeApiToken: { revokedAt: string } }>(
      `mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`,
      { id: token.id },
    );
    expect(revoked.data!.revokeApiToken.revokedAt).toBeTruthy();
    expect((await post(`Bearer ${secret}`)).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const created = await sut.gql<{ createApiToken: { secret: string } }>(CREATE_TOKEN, {
      input: { name: 'short-lived', scopes: ['identity:read'], expiresAt: expiresAt.toISOString() },
    });
    const { secret } = created.data!.createApiToken;
    expect((await post(`Bearer ${secret}`)).status).toBe(200);
    try {
      clockAheadMs = 59_000; // a second before expiry: still served
      expect((await post(`Bearer ${secret}`)).status).toBe(200);
      clockAheadMs = 61_000; // a second after
      expect((await post(`Bearer ${secret}`)).status).toBe(401);
    } finally {
      clockAheadMs = 0;
    }
  });

  it('rejects unknown scopes with BAD_USER_INPUT naming the field', async () => {
    expectOneError(
      await sut.gql(CREATE_TOKEN, { input: { name: 'x', scopes: ['root'] } }),
      'BAD_USER_INPUT',
      'scopes',
    );
  });
});
