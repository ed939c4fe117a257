import jwt from 'jsonwebtoken';
import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

const FEED = `query Feed($after: String, $types: [String!], $resourceId: ID, $first: Int) {
  events(after: $after, types: $types, resourceId: $resourceId, first: $first) {
    nodes { id type resourceId version occurredAt actor connectionId channel organizationId data }
    pageInfo { endCursor hasNextPage }
  }
}`;

interface FeedEvent {
  id: string;
  type: string;
  resourceId: string;
  version: number | null;
  actor: string;
  connectionId: string | null;
  channel: string;
  organizationId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are asserted field by field
  data: Record<string, any>;
}
interface FeedPage {
  events: { nodes: FeedEvent[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

/** What a user payload holds beyond the fields the test selected (left as they are). */
const SELECTED = new Set([
  'id',
  'userName',
  'externalId',
  'active',
  'displayName',
  'title',
  'locale',
  'timezone',
  'hasPassword',
  'version',
  'createdAt',
  'updatedAt',
  'name',
  'emails',
  'phoneNumbers',
  'addresses',
  'extensions',
  'organizationId',
]);
const rest = (event: FeedEvent) =>
  Object.fromEntries(
    Object.entries(event.data.user as Record<string, unknown>).filter(([key]) => !SELECTED.has(key)),
  );

describe('the events feed', () => {
  let sut: TestApp;
  let now = Date.parse('2026-01-01T00:00:00Z');

  const JWT_SECRET = 'events-feed-test-secret-with-32-plus-chars';

  beforeAll(async () => {
    sut = await startTestApp({ JWT_SECRET }, undefined, { clock: () => new Date(now) });
  });
  afterAll(() => sut?.close());

  const feed = async (variables: Record<string, unknown> = {}, token?: string) => {
    const result = await sut.gql<FeedPage>(FEED, variables, token);
    expect(result.errors).toBeUndefined();
    return result.data!.events;
  };
  const latestCursor = async () => {
    let cursor: string | null = null;
    for (let page = await feed({ first: 1000 }); ; page = await feed({ after: cursor, first: 1000 })) {
      cursor = page.pageInfo.endCursor ?? cursor;
      if (!page.pageInfo.hasNextPage) return cursor;
    }
  };
  const createUser = async (userName: string) => {
    const result = await sut.gql<{ createUser: { id: string } }>(
      'mutation($u: String!) { createUser(input: { userName: $u, password: "Secret-passw0rd!", displayName: "Ada" }) { id } }',
      { u: userName },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createUser.id;
  };

  it('tells a user’s life in order: created, updated with previous values, deactivated, reactivated, deleted', async () => {
    const start = await latestCursor();
    const id = await createUser('ada@example.com');
    await sut.gql('mutation($id: ID!) { updateUser(id: $id, input: { displayName: "Ada L." }) { id } }', {
      id,
    });
    await sut.gql('mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }', { id });
    await sut.gql('mutation($id: ID!) { setUserActive(id: $id, active: true) { id } }', { id });
    await sut.gql('mutation($id: ID!) { deleteUser(id: $id) }', { id });

    const { nodes } = await feed({ after: start, resourceId: id });
    expect(nodes.map((e) => [e.type, e.version])).toEqual([
      ['user.created', 1],
      ['user.updated', 2],
      ['user.deactivated', 3],
      ['user.reactivated', 4],
      ['user.deleted', 5],
    ]);
    expect(nodes[0].data.user).toMatchObject({
      id,
      userName: 'ada@example.com',
      active: true,
      hasPassword: true,
    });
    expect(nodes[1].data).toMatchObject({
      changedAttributes: ['displayName'],
      previous: { displayName: 'Ada' },
      user: { displayName: 'Ada L.' },
    });
    expect(nodes[2].data).toMatchObject({ changedAttributes: ['active'], previous: { active: true } });
    expect(
      nodes.every((e) => e.channel === 'graphql' && e.organizationId === sut.tenant.organizationId),
    ).toBe(true);
    expect(new Set(nodes.map((e) => e.id)).size).toBe(5);
    expect(JSON.stringify(nodes)).not.toMatch(/Secret-passw0rd|scrypt|passwordHash/);
  });

  it('carries the user as GraphQL returns it; a password change is named but never valued', async () => {
    const start = await latestCursor();
    const FIELDS = `id userName externalId active displayName title locale timezone hasPassword version createdAt updatedAt
      name { formatted familyName givenName middleName honorificPrefix honorificSuffix } emails { value type primary display }
      phoneNumbers { value type primary display } addresses { formatted streetAddress locality region postalCode country type primary }
      extensions`;
    const created = await sut.gql<{ createUser: Record<string, unknown> }>(
      `mutation { createUser(input: {
        userName: "full@example.com", externalId: "ext-1", displayName: "Full Person", title: "Engineer",
        locale: "en-GB", timezone: "Europe/London", name: { givenName: "Full", familyName: "Person" },
        emails: [{ value: "full@example.com", type: "work", primary: true }],
        phoneNumbers: [{ value: "+44 20 7946 0000", type: "work" }],
        addresses: [{ locality: "London", country: "GB", type: "work" }]
      }) { ${FIELDS} } }`,
    );
    expect(created.errors).toBeUndefined();
    const user = created.data!.createUser;
    const changed = await sut.gql<{ updateUser: Record<string, unknown> }>(
      `mutation($id: ID!) { updateUser(id: $id, input: { password: "N3w-Secret-passw0rd!" }) { ${FIELDS} } }`,
      { id: user.id },
    );
    expect(changed.errors).toBeUndefined();

    const { nodes } = await feed({ after: start, resourceId: user.id as string });
    expect(nodes.map((e) => e.type)).toEqual(['user.created', 'user.updated']);
    expect(nodes[0].data.user).toEqual({
      ...user,
      organizationId: sut.tenant.organizationId,
      ...rest(nodes[0]),
    });
    expect(nodes[1].data.user).toMatchObject({ ...changed.data!.updateUser, hasPassword: true });
    // The payload's keys keep their order (webhook receivers may compare or sign the JSON as sent):
    // the attributes as the domain lists them, then the record's own fields.
    for (const node of nodes) {
      const keys = Object.keys(node.data.user as object);
      expect(keys.slice(0, 4)).toEqual(['userName', 'externalId', 'active', 'name']);
      expect(keys.slice(-7)).toEqual([
        'extensions',
        'id',
        'organizationId',
        'version',
        'createdAt',
        'updatedAt',
        'hasPassword',
      ]);
    }
    expect(nodes[1].data.changedAttributes).toEqual(['password']);
    expect(nodes[1].data.previous).toEqual({});
    expect(JSON.stringify(nodes)).not.toMatch(/N3w-Secret|scrypt|passwordHash/);
  });

  it('reports a SCIM deactivation as user.deactivated on the scim channel', async () => {
    const id = await createUser('grace@example.com');
    const start = await latestCursor();
    const res = await sut.http
      .patch(`/scim/v2/Users/${id}`)
      .set('Authorization', `Bearer ${sut.tenant.scimToken}`)
      .send({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', value: { active: false } }],
      });
    expect(res.status).toBe(200);

    const { nodes } = await feed({ after: start });
    expect(nodes.map((e) => [e.type, e.resourceId, e.channel])).toEqual([['user.deactivated', id, 'scim']]);
  });

  it('names actor (connection, token, JWT subject) and channel for every API: scim:1.1 over /scim/v1, scim over /scim/v2, graphql', async () => {
    const created = await sut.gql<{ createConnection: { secret: string; connection: { id: string } } }>(
      'mutation { createConnection(input: { name: "Okta 1.1", kind: GENERIC_SCIM2 }) { secret connection { id } } }',
    );
    expect(created.errors).toBeUndefined();
    const { secret, connection } = created.data!.createConnection;
    const subjectOf = async (credential: string) =>
      (await sut.gql<{ viewer: { subject: string } }>('{ viewer { subject } }', {}, credential)).data!.viewer
        .subject;
    const connectionActor = await subjectOf(secret);
    expect(connectionActor).toMatch(/^token:/);
    const adminActor = await subjectOf(sut.tenant.adminToken);
    const start = await latestCursor();

    const v1 = await sut.http
      .post('/scim/v1/Users')
      .set('Authorization', `Bearer ${secret}`)
      .send({ schemas: ['urn:scim:schemas:core:1.0'], userName: 'okta11@example.com' });
    expect(v1.status).toBe(201);
    const viaV1 = v1.body.id as string;
    const off = await sut.http
      .put(`/scim/v1/Users/${viaV1}`)
      .set('Authorization', `Bearer ${secret}`)
      .send({ schemas: ['urn:scim:schemas:core:1.0'], userName: 'okta11@example.com', active: false });
    expect(off.status).toBe(200);
    const group = await sut.http
      .post('/scim/v1/Groups')
      .set('Authorization', `Bearer ${secret}`)
      .send({
        schemas: ['urn:scim:schemas:core:1.0'],
        displayName: 'Okta 1.1 group',
        members: [{ value: viaV1 }],
      });
    expect(group.status).toBe(201);
    const v2 = await sut.http
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${secret}`)
      .send({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'okta20@example.com' });
    expect(v2.status).toBe(201);
    const viaGraphql = await createUser('admin-made@example.com');
    const token = jwt.sign({ org: 'default', scope: 'identity:write' }, JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: 60,
      subject: 'svc-provisioner',
    });
    const byJwt = await sut.gql<{ createUser: { id: string } }>(
      'mutation { createUser(input: { userName: "jwt-made@example.com" }) { id } }',
      {},
      token,
    );
    expect(byJwt.errors).toBeUndefined();

    const { nodes } = await feed({ after: start });
    const okta = connection.id;
    expect(nodes.map((e) => [e.type, e.resourceId, e.channel, e.actor, e.connectionId])).toEqual([
      ['user.created', viaV1, 'scim:1.1', connectionActor, okta],
      ['user.deactivated', viaV1, 'scim:1.1', connectionActor, okta],
      ['group.created', group.body.id, 'scim:1.1', connectionActor, okta],
      ['group.members_added', group.body.id, 'scim:1.1', connectionActor, okta],
      ['user.created', v2.body.id, 'scim', connectionActor, okta],
      ['user.created', viaGraphql, 'graphql', adminActor, null],
      ['user.created', byJwt.data!.createUser.id, 'graphql', 'jwt:svc-provisioner', null],
    ]);
    expect(nodes[1].data).toMatchObject({ changedAttributes: ['active'], previous: { active: true } });
  });

  it('names the members added and removed, and leaves them out of the group payload', async () => {
    const [a, b] = [await createUser('m1@example.com'), await createUser('m2@example.com')];
    const created = await sut.gql<{ createGroup: { id: string } }>(
      'mutation($m: [ID!]) { createGroup(input: { displayName: "Eng", memberIds: $m }) { id } }',
      { m: [a] },
    );
    const groupId = created.data!.createGroup.id;
    await sut.gql('mutation($g: ID!, $m: [ID!]!) { addGroupMembers(groupId: $g, memberIds: $m) { added } }', {
      g: groupId,
      m: [b],
    });
    await sut.gql(
      'mutation($g: ID!, $m: [ID!]!) { removeGroupMembers(groupId: $g, memberIds: $m) { removed } }',
      {
        g: groupId,
        m: [a],
      },
    );

    const { nodes } = await feed({ resourceId: groupId });
    expect(nodes.map((e) => [e.type, e.data.memberIds ?? null])).toEqual([
      ['group.created', null],
      ['group.members_added', [a]],
      ['group.members_added', [b]],
      ['group.members_removed', [a]],
    ]);
    expect(nodes[0].data.group).toEqual(expect.objectContaining({ id: groupId, displayName: 'Eng' }));
    expect(nodes[0].data.group).not.toHaveProperty('members');
  });

  it('tells a group’s life: created, renamed with previous values, deleted as it was', async () => {
    const created = await sut.gql<{ createGroup: { id: string } }>(
      'mutation { createGroup(input: { displayName: "Ops", externalId: "ops-1" }) { id } }',
    );
    const id = created.data!.createGroup.id;
    const renamed = await sut.gql(
      'mutation($id: ID!) { updateGroup(id: $id, input: { displayName: "SRE" }) { id } }',
      {
        id,
      },
    );
    expect(renamed.errors).toBeUndefined();
    expect((await sut.gql('mutation($id: ID!) { deleteGroup(id: $id) }', { id })).errors).toBeUndefined();

    const { nodes } = await feed({ resourceId: id });
    expect(nodes.map((e) => [e.type, e.version])).toEqual([
      ['group.created', 1],
      ['group.updated', 2],
      ['group.deleted', 3],
    ]);
    expect(nodes[1].data).toMatchObject({
      changedAttributes: ['displayName'],
      previous: { displayName: 'Ops' },
      group: { id, displayName: 'SRE', externalId: 'ops-1' },
    });
    expect(nodes[2].data.group).toMatchObject({ id, displayName: 'SRE' });
    for (const event of nodes) expect(event.data.group).not.toHaveProperty('members');
  });

  it('pages with endCursor, and a poll with nothing new keeps the cursor', async () => {
    const start = await latestCursor();
    for (const name of ['p1', 'p2', 'p3']) await createUser(`${name}@example.com`);

    const first = await feed({ after: start, first: 2 });
    expect(first.nodes).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await feed({ after: first.pageInfo.endCursor, first: 2 });
    expect(second.nodes.map((e) => e.data.user.userName)).toEqual(['p3@example.com']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const idle = await feed({ after: second.pageInfo.endCursor });
    expect(idle).toEqual({
      nodes: [],
      pageInfo: { endCursor: second.pageInfo.endCursor, hasNextPage: false },
    });
  });

  it('filters by type', async () => {
    const start = await latestCursor();
    const id = await createUser('typed@example.com');
    await sut.gql('mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }', { id });
    const { nodes } = await feed({ after: start, types: ['user.deactivated'] });
    expect(nodes.map((e) => [e.type, e.resourceId])).toEqual([['user.deactivated', id]]);
  });

  it('records token lifecycle events without the secret', async () => {
    const start = await latestCursor();
    const issued = await sut.gql<{ createApiToken: { secret: string; token: { id: string } } }>(
      'mutation { createApiToken(input: { name: "ci", scopes: ["identity:read"] }) { secret token { id } } }',
    );
    const { secret, token } = issued.data!.createApiToken;
    const rotated = await sut.gql<{ rotateApiToken: { secret: string; token: { id: string } } }>(
      'mutation($id: ID!) { rotateApiToken(id: $id) { secret token { id } } }',
      { id: token.id },
    );
    expect(rotated.errors).toBeUndefined();
    const next = rotated.data!.rotateApiToken;
    await sut.gql('mutation($id: ID!) { revokeApiToken(id: $id) { id } }', { id: next.token.id });
    const { nodes } = await feed({ after: start });
    // Rotation keeps the token's id and changes its secret (and so its prefix).
    expect(next.token.id).toBe(token.id);
    expect(nodes.map((e) => [e.type, e.resourceId])).toEqual([
      ['token.created', token.id],
      ['token.rotated', token.id],
      ['token.revoked', token.id],
    ]);
    expect(nodes[1].data.token.prefix).toBe(next.secret.slice(0, nodes[1].data.token.prefix.length));
    for (const event of nodes) expect(event.data.token).toMatchObject({ prefix: expect.any(String) });
    expect(JSON.stringify(nodes)).not.toContain(secret);
    expect(JSON.stringify(nodes)).not.toContain(next.secret);
  });

  it.each([
    ['not base64 at all', '%%%'],
    ['a cursor of another list', Buffer.from('users:1').toString('base64url')],
    ['a negative position', Buffer.from('ev1:-4').toString('base64url')],
  ])('answers BAD_USER_INPUT for a malformed cursor (%s)', async (_, after) => {
    expectOneError(await sut.gql(FEED, { after }), 'BAD_USER_INPUT', 'after');
  });

  it('answers BAD_USER_INPUT for an unknown type or a page size out of range', async () => {
    expectOneError(await sut.gql(FEED, { types: ['user.exploded'] }), 'BAD_USER_INPUT', 'types');
    expectOneError(await sut.gql(FEED, { first: 1001 }), 'BAD_USER_INPUT', 'first');
  });

  it("never shows one organization another's events, even with its cursor or resource id", async () => {
    const start = await latestCursor();
    const id = await createUser('private@example.com');
    const theirs = await feed({}, sut.other.adminToken);
    expect(theirs.nodes.every((e) => e.organizationId === sut.other.organizationId)).toBe(true);
    expect((await feed({ resourceId: id }, sut.other.adminToken)).nodes).toEqual([]);
    expect((await feed({ after: start }, sut.other.adminToken)).nodes).toEqual([]);
  });

  it('refuses a cursor whose next event is older than retention with CURSOR_EXPIRED', async () => {
    const start = await latestCursor();
    await createUser('old@example.com');
    const caughtUp = await latestCursor();
    now += 31 * 86_400_000;

    const error = expectOneError(await sut.gql(FEED, { after: start }), 'BAD_USER_INPUT', 'after');
    expect(error.extensions.reason).toBe('CURSOR_EXPIRED');
    // A consumer that had seen everything missed nothing: its cursor still works.
    expect((await feed({ after: caughtUp })).nodes).toEqual([]);
    // Without a cursor the feed starts at the retention horizon.
    expect((await feed()).nodes).toEqual([]);
  });

  it('tells a connection’s life: created, renamed and paused as updated, deleted; never its token or secret', async () => {
    const start = await latestCursor();
    const created = await sut.gql<{ createConnection: { secret: string; connection: { id: string } } }>(
      'mutation { createConnection(input: { name: "Okta", kind: GENERIC_SCIM2 }) { secret connection { id } } }',
    );
    expect(created.errors).toBeUndefined();
    const { secret, connection } = created.data!.createConnection;
    const id = connection.id;
    await sut.gql('mutation($id: ID!) { renameConnection(id: $id, name: "Okta prod") { id } }', { id });
    await sut.gql('mutation($id: ID!) { setConnectionStatus(id: $id, status: PAUSED) { id } }', { id });
    await sut.gql('mutation($id: ID!) { deleteConnection(id: $id) { id } }', { id });

    const { nodes } = await feed({ after: start, resourceId: id });
    expect(nodes.map((e) => [e.type, e.version])).toEqual([
      ['connection.created', null],
      ['connection.updated', null],
      ['connection.updated', null],
      ['connection.deleted', null],
    ]);
    expect(nodes[0].data.connection).toMatchObject({ id, name: 'Okta', status: 'ACTIVE' });
    expect(nodes[1].data.connection).toMatchObject({ name: 'Okta prod', status: 'ACTIVE' });
    expect(nodes[2].data.connection).toMatchObject({ name: 'Okta prod', status: 'PAUSED' });
    expect(nodes[3].data.connection).toMatchObject({ id, name: 'Okta prod' });
    expect(JSON.stringify(nodes)).not.toContain(secret);
  });
});
