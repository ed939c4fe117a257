import jwt from 'jsonwebtoken';
import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

const JWT_SECRET = 'deprovisioning-test-secret-with-32-plus-chars';
const VIEWER = '{ viewer { organization { id } } }';
const CREATE_TOKEN = `mutation($userId: ID) {
  createApiToken(input: { name: "laptop", scopes: ["identity:read"], userId: $userId }) { secret token { id userId } }
}`;

/** Deactivating or deleting a user removes the access it had, over every API that can do it. */
describe('deprovisioning', () => {
  let sut: TestApp;

  beforeAll(async () => {
    // No cache: the refusal is asserted right after the change (the default remembers it 5 s).
    sut = await startTestApp({ JWT_SECRET, JWT_SUBJECT_CHECK_CACHE_MS: '0' });
  });
  afterAll(() => sut?.close());

  const createUser = async (userName: string): Promise<string> => {
    const res = await sut.gql<{ createUser: { id: string } }>(
      'mutation($u: String!) { createUser(input: { userName: $u }) { id } }',
      { u: userName },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createUser.id;
  };
  const personalToken = async (userId: string) => {
    const res = await sut.gql<{ createApiToken: { secret: string; token: { id: string; userId: string } } }>(
      CREATE_TOKEN,
      { userId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createApiToken.token.userId).toBe(userId);
    return res.data!.createApiToken;
  };
  const status = async (credential: string) =>
    (await sut.http.post('/graphql').set('Authorization', `Bearer ${credential}`).send({ query: VIEWER }))
      .status;
  const jwtFor = (sub: string) =>
    jwt.sign({ org: 'default', scope: 'identity:read' }, JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: 60,
      subject: sub,
    });
  const scim = (method: 'patch' | 'put' | 'delete' | 'get', path: string, body?: object) =>
    sut.http[method](path).set('Authorization', `Bearer ${sut.tenant.scimToken}`).send(body);
  const eventsAbout = async (resourceId: string) => {
    const res = await sut.gql<{ events: { nodes: { type: string }[] } }>(
      'query($r: ID) { events(resourceId: $r) { nodes { type } } }',
      { r: resourceId },
    );
    return res.data!.events.nodes.map((e) => e.type);
  };
  const feedSince = async (after: string | null) => {
    const res = await sut.gql<{
      events: {
        nodes: { type: string; resourceId: string; channel: string; data: Record<string, unknown> }[];
        pageInfo: { endCursor: string | null };
      };
    }>(
      'query($a: String) { events(after: $a, first: 1000) { nodes { type resourceId channel data } pageInfo { endCursor } } }',
      { a: after },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.events;
  };
  const latestCursor = async () => {
    let cursor: string | null = null;
    for (;;) {
      const page = await feedSince(cursor);
      if (page.nodes.length === 0) return page.pageInfo.endCursor;
      cursor = page.pageInfo.endCursor;
    }
  };

  const deprovisioners: [string, (id: string, userName: string) => Promise<void>][] = [
    [
      'SCIM 2.0 PATCH active=false',
      async (id) => {
        const res = await scim('patch', `/scim/v2/Users/${id}`, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'active', value: false }],
        });
        expect(res.status).toBe(200);
      },
    ],
    [
      'SCIM 1.1 PUT active=false',
      async (id, userName) => {
        const res = await scim('put', `/scim/v1/Users/${id}`, {
          schemas: ['urn:scim:schemas:core:1.0'],
          userName,
          active: false,
        });
        expect(res.status).toBe(200);
      },
    ],
    [
      'SCIM 1.1 PATCH active=false',
      async (id) => {
        const res = await scim('patch', `/scim/v1/Users/${id}`, {
          schemas: ['urn:scim:schemas:core:1.0'],
          id,
          active: false,
        });
        expect(res.status).toBe(200);
      },
    ],
    [
      'SCIM 2.0 PUT active=false',
      async (id, userName) => {
        const res = await scim('put', `/scim/v2/Users/${id}`, {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName,
          active: false,
        });
        expect(res.status).toBe(200);
      },
    ],
    [
      'GraphQL updateUser(active: false)',
      async (id) => {
        const res = await sut.gql(
          'mutation($id: ID!) { updateUser(id: $id, input: { active: false }) { id } }',
          {
            id,
          },
        );
        expect(res.errors).toBeUndefined();
      },
    ],
    [
      'GraphQL setUserActive(false)',
      async (id) => {
        const res = await sut.gql('mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }', {
          id,
        });
        expect(res.errors).toBeUndefined();
      },
    ],
    [
      'SCIM 2.0 DELETE',
      async (id) => expect((await scim('delete', `/scim/v2/Users/${id}`)).status).toBe(204),
    ],
    [
      'SCIM 1.1 DELETE',
      async (id) => expect((await scim('delete', `/scim/v1/Users/${id}`)).status).toBe(204),
    ],
    [
      'GraphQL deleteUser',
      async (id) =>
        expect((await sut.gql('mutation($id: ID!) { deleteUser(id: $id) }', { id })).errors).toBeUndefined(),
    ],
  ];

  it.each(deprovisioners)(
    '%s revokes personal tokens and refuses the user’s JWTs',
    async (how, deprovision) => {
      const userName = `${how.replace(/\W+/g, '-')}@example.com`;
      const id = await createUser(userName);
      const { secret, token } = await personalToken(id);
      const otherToken = await personalToken(await createUser(`bystander-${userName}`));
      expect(await status(secret)).toBe(200);
      expect(await status(jwtFor(id))).toBe(200);
      const before = await latestCursor();

      await deprovision(id, userName);

      expect(await status(secret)).toBe(401);
      expect(await status(otherToken.secret)).toBe(200);
      const tokens = await sut.gql<{ apiTokens: { id: string; revokedAt: string | null }[] }>(
        '{ apiTokens { id revokedAt } }',
      );
      expect(tokens.data!.apiTokens.find((t) => t.id === token.id)!.revokedAt).not.toBeNull();
      expect(await eventsAbout(token.id)).toEqual(['token.created', 'token.revoked']);
      // One change: the user's event, then its personal token's revocation, and nothing else —
      // a deactivation is user.deactivated, never (only) user.updated.
      const deleting = /DELETE|deleteUser/.test(how);
      const change = (await feedSince(before)).nodes;
      expect(change.map((e) => [e.type, e.resourceId])).toEqual([
        [deleting ? 'user.deleted' : 'user.deactivated', id],
        ['token.revoked', token.id],
      ]);
      const channel = how.startsWith('SCIM 1.1') ? 'scim:1.1' : how.startsWith('SCIM') ? 'scim' : 'graphql';
      expect(change.every((e) => e.channel === channel)).toBe(true);
      if (!deleting)
        expect(change[0].data).toMatchObject({ changedAttributes: ['active'], previous: { active: true } });
      expect(await status(jwtFor(id))).toBe(401);
    },
  );

  const reactivators: [string, (id: string) => Promise<void>][] = [
    [
      'GraphQL setUserActive(true)',
      async (id) => {
        const res = await sut.gql('mutation($id: ID!) { setUserActive(id: $id, active: true) { id } }', {
          id,
        });
        expect(res.errors).toBeUndefined();
      },
    ],
    [
      'SCIM 2.0 PATCH active=true',
      async (id) => {
        const res = await scim('patch', `/scim/v2/Users/${id}`, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'active', value: true }],
        });
        expect(res.status).toBe(200);
      },
    ],
    [
      'SCIM 1.1 PATCH active=true',
      async (id) => {
        const res = await scim('patch', `/scim/v1/Users/${id}`, {
          schemas: ['urn:scim:schemas:core:1.0'],
          id,
          active: true,
        });
        expect(res.status).toBe(200);
      },
    ],
  ];

  it.each(reactivators)(
    '%s restores neither the revoked tokens nor anything else revoked; the JWT and new tokens work',
    async (how, reactivate) => {
      const id = await createUser(`comeback-${how.replace(/\W+/g, '-')}@example.com`);
      const { secret } = await personalToken(id);
      await sut.gql('mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }', { id });
      expect(await status(jwtFor(id))).toBe(401);

      await reactivate(id);

      expect(await status(secret)).toBe(401);
      expect((await eventsAbout(id)).slice(-2)).toEqual(['user.deactivated', 'user.reactivated']);
      expect(await status(jwtFor(id))).toBe(200);
      expect(await status((await personalToken(id)).secret)).toBe(200);
    },
  );

  it('keeps working for JWTs whose subject never named a user', async () => {
    expect(await status(jwtFor('0190a2b4-0000-7000-8000-00000000abcd'))).toBe(200);
    expect(await status(jwtFor('svc-reporting'))).toBe(200);
  });

  it('refuses a personal token for an unknown, inactive or other organization’s user', async () => {
    const inactive = await createUser('inactive@example.com');
    await sut.gql('mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }', { id: inactive });
    const theirs = await sut.gql<{ createUser: { id: string } }>(
      'mutation { createUser(input: { userName: "theirs@example.com" }) { id } }',
      {},
      sut.other.adminToken,
    );
    for (const userId of [
      inactive,
      theirs.data!.createUser.id,
      '0190a2b4-0000-7000-8000-00000000ffff',
      'nope',
    ]) {
      expectOneError(await sut.gql(CREATE_TOKEN, { userId }), 'BAD_USER_INPUT', 'userId');
    }
  });
});
