import jwt from 'jsonwebtoken';
import type { Json, ScimClient } from '../../fixtures/scim-client';
import { ENTERPRISE, expectScimError, scim, USER_SCHEMA } from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

const JWT_SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('SCIM /Me', () => {
  let sut: TestApp;
  let client: ScimClient;
  let user: Json;

  const token = (claims: Record<string, unknown>, options: jwt.SignOptions = {}, secret = JWT_SECRET) =>
    jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: '5m', ...options });
  const me = (bearer: string, query: Record<string, string> = {}) => scim(sut, bearer).get('/Me', { query });

  beforeAll(async () => {
    sut = await startTestApp({ JWT_SECRET });
    client = scim(sut, sut.tenant.scimToken);
    const manager = await client.createUser({ userName: 'me.manager@example.com' });
    user = await client.createUser({
      userName: 'me@example.com',
      displayName: 'Me Myself',
      emails: [{ value: 'me@example.com', type: 'work', primary: true }],
      [ENTERPRISE]: { department: 'Self', manager: { value: manager.id } },
    });
    await client.createGroup({ displayName: 'My Team', members: [{ value: user.id }] });
  });
  afterAll(() => sut.close());

  it('returns the user a JWT names, with its groups', async () => {
    const res = await me(token({ sub: user.id, org: 'default', scope: 'scim' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(res.headers.etag).toBe(user.meta.version);
    expect(res.body).toMatchObject({
      schemas: [USER_SCHEMA, ENTERPRISE],
      id: user.id,
      userName: 'me@example.com',
      displayName: 'Me Myself',
      meta: { resourceType: 'User', location: user.meta.location },
      groups: [expect.objectContaining({ display: 'My Team', type: 'direct' })],
    });
    expect(res.body[ENTERPRISE]).toEqual(user[ENTERPRISE]);
  });

  it('honours attributes and excludedAttributes', async () => {
    const bearer = token({ sub: user.id, org: 'default', scope: 'scim' });
    expect((await me(bearer, { attributes: 'userName' })).body).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE],
      id: user.id,
      userName: 'me@example.com',
    });
    const without = (await me(bearer, { excludedAttributes: 'groups,emails' })).body;
    expect(without.groups).toBeUndefined();
    expect(without.emails).toBeUndefined();
  });

  it('serves the user itself without the scim scope, to any scope that grants reading', async () => {
    for (const scope of ['identity:read', 'openid identity:read', 'identity:admin']) {
      const res = await me(token({ sub: user.id, org: 'default', scope }));
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(user.id);
    }
    const scp = await me(token({ sub: user.id, org: 'default', scp: ['identity:read'] }));
    expect(scp.body.id).toBe(user.id);
  });

  it('answers 403 to a JWT whose scopes grant no reading', async () => {
    expectScimError(await me(token({ sub: user.id, org: 'default', scope: 'openid profile' })), 403);
    expectScimError(await me(token({ sub: user.id, org: 'default' })), 403);
  });

  it('gives a JWT without the scim scope nothing else', async () => {
    const bearer = token({ sub: user.id, org: 'default', scope: 'openid' });
    expectScimError(await scim(sut, bearer).get('/Users'), 403);
    expectScimError(await scim(sut, bearer).get(`/Users/${user.id}`), 403);
  });

  it('a JWT with the scim scope may use the other endpoints too', async () => {
    const bearer = token({ sub: user.id, org: 'default', scope: 'scim' });
    const res = await scim(sut, bearer).get(`/Users/${user.id}`);
    expect(res.status).toBe(200);
  });

  it('answers 404 when the subject is not a user of the organization', async () => {
    expectScimError(
      await me(token({ sub: '01890000-0000-7000-8000-000000000000', org: 'default', scope: 'scim' })),
      404,
    );
    expectScimError(await me(token({ sub: 'service-account', org: 'default', scope: 'scim' })), 404);
    expectScimError(await me(token({ sub: user.id, org: 'other', scope: 'scim' })), 404);
    expectScimError(await me(sut.tenant.scimToken), 404);
  });

  it('answers 401 to a JWT that is expired, badly signed, for an unknown organization or without exp', async () => {
    const bad = [
      token({ sub: user.id, org: 'default', scope: 'scim' }, { expiresIn: -60 }),
      token(
        { sub: user.id, org: 'default', scope: 'scim' },
        {},
        'another-secret-that-is-long-enough-0123456789',
      ),
      token({ sub: user.id, org: 'nowhere', scope: 'scim' }),
      jwt.sign({ sub: user.id, org: 'default', scope: 'scim' }, JWT_SECRET, { algorithm: 'HS256' }),
      jwt.sign(
        { sub: user.id, org: 'default', scope: 'scim', exp: Math.floor(Date.now() / 1000) + 60 },
        JWT_SECRET,
        {
          algorithm: 'HS384',
        },
      ),
    ];
    for (const bearer of bad) {
      const res = await me(bearer);
      expectScimError(res, 401);
      expect(res.headers['www-authenticate']).toBeDefined();
    }
  });

  it('answers 405 to writes on /Me', async () => {
    const bearer = token({ sub: user.id, org: 'default', scope: 'scim' });
    const res = await scim(sut, bearer).put('/Me', { schemas: [USER_SCHEMA], userName: 'me@example.com' });
    expectScimError(res, 405);
    expect(res.headers.allow).toBe('GET');
  });
});
