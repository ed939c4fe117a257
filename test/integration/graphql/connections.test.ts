import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const FIELDS =
  'id name kind status baseUrl createdAt createdBy tokenExpiresAt tokenLastUsedAt token { id prefix revokedAt }';
const CREATE = `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { secret connection { ${FIELDS} } } }`;
const ROTATE = `mutation($id: ID!, $o: Int) { rotateConnectionToken(id: $id, overlapMinutes: $o) { secret connection { ${FIELDS} } } }`;

interface View {
  id: string;
  name: string;
  kind: string;
  status: string;
  baseUrl: string;
  createdBy: string;
  tokenExpiresAt: string | null;
  tokenLastUsedAt: string | null;
  token: { id: string; prefix: string; revokedAt: string | null } | null;
}
interface Issued {
  secret: string;
  connection: View;
}

/** Connections over GraphQL: one per IdP app, with its own token, status and Base URL. */
describe('connections', () => {
  let sut: TestApp;
  let now = Date.now();

  beforeAll(async () => {
    sut = await startTestApp({ PUBLIC_URL: 'https://id.example.test' }, undefined, {
      clock: () => new Date(now),
    });
  });
  afterAll(() => sut.close());

  const create = async (input: Record<string, unknown>): Promise<Issued> => {
    const result = await sut.gql<{ createConnection: Issued }>(CREATE, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.createConnection;
  };
  const scimGet = (secret: string, path = '/scim/v2/Users') =>
    sut.http.get(path).set('Authorization', `Bearer ${secret}`);
  const scimCreate = (secret: string, userName: string) =>
    sut.http
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${secret}`)
      .send({ schemas: [SCIM_USER], userName });
  const userCount = async () =>
    (await sut.gql<{ users: { totalCount: number } }>('{ users { totalCount } }')).data!.users.totalCount;

  it('first start created the "default" GENERIC_SCIM2 connection that holds the SCIM token', async () => {
    const list = await sut.gql<{ connections: View[] }>(`{ connections { ${FIELDS} } }`);
    expect(list.data!.connections).toEqual([
      expect.objectContaining({
        name: 'default',
        kind: 'GENERIC_SCIM2',
        status: 'ACTIVE',
        baseUrl: 'https://id.example.test/scim/v2',
        tokenExpiresAt: null,
      }),
    ]);
    expect(sut.tenant.scimToken.startsWith(list.data!.connections[0].token!.prefix)).toBe(true);
  });

  it('creates a connection: the secret once, the Base URL by kind, and an audit event without the secret', async () => {
    const issued = await create({ name: 'Okta 1.1', kind: 'OKTA_SCIM11', tokenExpiresInDays: 30 });
    expect(issued.secret).toMatch(/^idt_/);
    expect(issued.connection).toMatchObject({
      name: 'Okta 1.1',
      kind: 'OKTA_SCIM11',
      status: 'ACTIVE',
      baseUrl: 'https://id.example.test/scim/v1',
      createdBy: expect.stringMatching(/^token:/),
    });
    expect(new Date(issued.connection.tokenExpiresAt!).getTime()).toBe(now + 30 * 86_400_000);
    expect((await scimGet(issued.secret, '/scim/v1/Users')).status).toBe(200);
    const read = await sut.gql(`query($id: ID!) { connection(id: $id) { ${FIELDS} } }`, {
      id: issued.connection.id,
    });
    const listed = await sut.gql(`{ connections { ${FIELDS} } apiTokens { id prefix connectionId } }`);
    const audit = await sut.gql(
      `query($t: String) { auditEvents(filter: { targetId: $t }) { nodes { action changes } } }`,
      { t: issued.connection.id },
    );
    expect(audit.data).toEqual({
      auditEvents: {
        nodes: [{ action: 'connection.create', changes: expect.objectContaining({ kind: 'OKTA_SCIM11' }) }],
      },
    });
    for (const answer of [read, listed, audit]) expect(JSON.stringify(answer)).not.toContain(issued.secret);
  });

  it('attributes SCIM requests to the connection of their token (its token use and the audit actor)', async () => {
    const issued = await create({ name: 'Entra', kind: 'ENTRA_SCIM2' });
    const created = await scimCreate(issued.secret, 'attributed@example.com');
    expect(created.status).toBe(201);
    const read = await sut.gql<{ connection: View }>(
      `query($id: ID!) { connection(id: $id) { ${FIELDS} } }`,
      {
        id: issued.connection.id,
      },
    );
    expect(read.data!.connection.tokenLastUsedAt).not.toBeNull();
    const audit = await sut.gql<{ auditEvents: { nodes: { actor: string }[] } }>(
      `query($t: String) { auditEvents(filter: { targetId: $t }) { nodes { actor } } }`,
      { t: created.body.id },
    );
    expect(audit.data!.auditEvents.nodes).toEqual([{ actor: `token:${issued.connection.token!.id}` }]);
  });

  it('rotates with overlap 0: the old secret stops at once, the new one works, the data stays', async () => {
    const issued = await create({ name: 'rotate-now', kind: 'OKTA_SCIM2' });
    expect((await scimCreate(issued.secret, 'before-rotation@example.com')).status).toBe(201);
    const rotated = await sut.gql<{ rotateConnectionToken: Issued }>(ROTATE, { id: issued.connection.id });
    const { secret, connection } = rotated.data!.rotateConnectionToken;
    expect(secret).not.toBe(issued.secret);
    expect(connection.token!.id).not.toBe(issued.connection.token!.id);
    expect((await scimGet(issued.secret)).status).toBe(401);
    const users = await scimGet(
      secret,
      '/scim/v2/Users?filter=userName%20eq%20%22before-rotation@example.com%22',
    );
    expect(users.body.totalResults).toBe(1);
  });

  it('rotates with an overlap: both secrets work during it, the old one stops after it', async () => {
    const issued = await create({ name: 'rotate-overlap', kind: 'ONELOGIN_SCIM2', tokenExpiresInDays: 90 });
    now += 60_000;
    const rotatedAt = now;
    const rotated = await sut.gql<{ rotateConnectionToken: Issued }>(ROTATE, {
      id: issued.connection.id,
      o: 10,
    });
    const fresh = rotated.data!.rotateConnectionToken.secret;
    expect((await scimGet(issued.secret)).status).toBe(200);
    expect((await scimGet(fresh)).status).toBe(200);
    now += 9 * 60_000;
    expect((await scimGet(issued.secret)).status).toBe(200);
    now += 2 * 60_000;
    expect((await scimGet(issued.secret)).status).toBe(401);
    expect((await scimGet(fresh)).status).toBe(200);
    // The new token has the connection's own lifetime, counted from the rotation.
    expect(new Date(rotated.data!.rotateConnectionToken.connection.tokenExpiresAt!).getTime()).toBe(
      rotatedAt + 90 * 86_400_000,
    );
  });

  it('revokes the token: refused at once; a later rotate is BAD_USER_INPUT and issues nothing', async () => {
    const issued = await create({ name: 'revoked', kind: 'GENERIC_SCIM2' });
    const revoked = await sut.gql<{ revokeConnectionToken: View }>(
      `mutation($id: ID!) { revokeConnectionToken(id: $id) { token { id } tokenExpiresAt } }`,
      { id: issued.connection.id },
    );
    expect(revoked.data!.revokeConnectionToken.token).toBeNull();
    expect((await scimGet(issued.secret)).status).toBe(401);
    const tokensBefore = await sut.gql('{ apiTokens { id revokedAt } }');
    expectOneError(await sut.gql(ROTATE, { id: issued.connection.id }), 'BAD_USER_INPUT', 'id');
    expect(await sut.gql('{ apiTokens { id revokedAt } }')).toEqual(tokensBefore);
  });

  it('PAUSED: every SCIM request answers 403 with a SCIM error saying so and writes nothing; ACTIVE again works', async () => {
    const issued = await create({ name: 'pausable', kind: 'OKTA_SCIM2' });
    const paused = await sut.gql<{ setConnectionStatus: View }>(
      `mutation($id: ID!) { setConnectionStatus(id: $id, status: PAUSED) { status } }`,
      { id: issued.connection.id },
    );
    expect(paused.data!.setConnectionStatus.status).toBe('PAUSED');
    const before = await userCount();
    const tokenUse = await sut.gql('{ apiTokens { id lastUsedAt } }');
    for (const res of [
      await scimCreate(issued.secret, 'while-paused@example.com'),
      await scimGet(issued.secret),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ status: '403', detail: expect.stringMatching(/paused/) });
    }
    const v1 = await scimGet(issued.secret, '/scim/v1/Users');
    expect(v1.status).toBe(403);
    expect(v1.text).toMatch(/paused/);
    expect(await userCount()).toBe(before);
    expect(await sut.gql('{ apiTokens { id lastUsedAt } }')).toEqual(tokenUse);
    await sut.gql(`mutation($id: ID!) { setConnectionStatus(id: $id, status: ACTIVE) { status } }`, {
      id: issued.connection.id,
    });
    expect((await scimCreate(issued.secret, 'after-resume@example.com')).status).toBe(201);
    const audit = await sut.gql<{ auditEvents: { nodes: { action: string }[] } }>(
      `query($t: String) { auditEvents(filter: { targetId: $t }) { nodes { action } } }`,
      { t: issued.connection.id },
    );
    expect(audit.data!.auditEvents.nodes.map((e) => e.action)).toEqual([
      'connection.status',
      'connection.status',
      'connection.create',
    ]);
  });

  it('renames, then deletes: its tokens stop, the users it made stay, and it is gone', async () => {
    const issued = await create({ name: 'old name', kind: 'GENERIC_SCIM2' });
    const made = await scimCreate(issued.secret, 'made-by-deleted@example.com');
    const renamed = await sut.gql<{ renameConnection: View }>(
      `mutation($id: ID!) { renameConnection(id: $id, name: "new name") { name } }`,
      { id: issued.connection.id },
    );
    expect(renamed.data!.renameConnection.name).toBe('new name');
    const deleted = await sut.gql<{ deleteConnection: View }>(
      `mutation($id: ID!) { deleteConnection(id: $id) { id name token { id } } }`,
      { id: issued.connection.id },
    );
    expect(deleted.data!.deleteConnection).toEqual({
      id: issued.connection.id,
      name: 'new name',
      token: null,
    });
    expect((await scimGet(issued.secret)).status).toBe(401);
    const user = await sut.gql(`query($id: ID!) { user(id: $id) { userName } }`, { id: made.body.id });
    expect(user.data).toEqual({ user: { userName: 'made-by-deleted@example.com' } });
    expect(
      (await sut.gql(`query($id: ID!) { connection(id: $id) { id } }`, { id: issued.connection.id })).data,
    ).toEqual({ connection: null });
    expectOneError(await sut.gql(ROTATE, { id: issued.connection.id }), 'NOT_FOUND', 'id');
  });

  it.each([
    ['an unknown kind', CREATE, { input: { name: 'x', kind: 'OKTA_SCIM3' } }, 'BAD_USER_INPUT'],
    ['an empty name', CREATE, { input: { name: ' ', kind: 'OKTA_SCIM2' } }, 'BAD_USER_INPUT'],
    [
      'a lifetime of 0 days',
      CREATE,
      { input: { name: 'x', kind: 'OKTA_SCIM2', tokenExpiresInDays: 0 } },
      'BAD_USER_INPUT',
    ],
    [
      'an unknown status',
      `mutation($id: ID!) { setConnectionStatus(id: $id, status: SLEEPING) { id } }`,
      { id: 'x' },
      'BAD_USER_INPUT',
    ],
    ['an overlap beyond 7 days', ROTATE, { id: 'default', o: 7 * 24 * 60 + 1 }, 'BAD_USER_INPUT'],
    ['a negative overlap', ROTATE, { id: 'default', o: -1 }, 'BAD_USER_INPUT'],
    ['an unknown id', ROTATE, { id: '01890000-0000-7000-8000-000000000000' }, 'NOT_FOUND'],
  ])('answers %s with one error and changes nothing', async (_case, query, variables, code) => {
    const snapshot = () => sut.gql(`{ connections { ${FIELDS} } apiTokens { id revokedAt expiresAt } }`);
    const before = await snapshot();
    const defaultId = (before.data!.connections as View[])[0].id;
    const vars = JSON.parse(JSON.stringify(variables).replace('"default"', JSON.stringify(defaultId)));
    expectOneError(await sut.gql(query, vars), code);
    expect(await snapshot()).toEqual(before);
  });

  it('a connection token cannot be rotated as a loose API token', async () => {
    const issued = await create({ name: 'not-loose', kind: 'GENERIC_SCIM2' });
    expectOneError(
      await sut.gql(`mutation($id: ID!) { rotateApiToken(id: $id) { secret } }`, {
        id: issued.connection.token!.id,
      }),
      'BAD_USER_INPUT',
      'id',
    );
    expect((await scimGet(issued.secret)).status).toBe(200);
  });

  it("another organization's admin sees none of them and changes none of them", async () => {
    const issued = await create({ name: 'private', kind: 'OKTA_SCIM2' });
    const asOther = (query: string, variables: Record<string, unknown> = {}) =>
      sut.gql(query, variables, sut.other.adminToken);
    const listed = await asOther(`{ connections { id name } }`);
    expect(JSON.stringify(listed.data)).not.toContain(issued.connection.id);
    expect(
      (await asOther(`query($id: ID!) { connection(id: $id) { id } }`, { id: issued.connection.id })).data,
    ).toEqual({
      connection: null,
    });
    for (const mutation of [
      `mutation($id: ID!) { rotateConnectionToken(id: $id) { secret } }`,
      `mutation($id: ID!) { revokeConnectionToken(id: $id) { id } }`,
      `mutation($id: ID!) { setConnectionStatus(id: $id, status: PAUSED) { id } }`,
      `mutation($id: ID!) { renameConnection(id: $id, name: "pwned") { id } }`,
      `mutation($id: ID!) { deleteConnection(id: $id) { id } }`,
    ]) {
      expectOneError(await asOther(mutation, { id: issued.connection.id }), 'NOT_FOUND');
    }
    expect((await scimGet(issued.secret)).status).toBe(200);
  });

  it('needs identity:admin: a SCIM or read token is FORBIDDEN', async () => {
    for (const token of [sut.tenant.scimToken, sut.tenant.readToken]) {
      expectOneError(await sut.gql('{ connections { id } }', {}, token), 'FORBIDDEN');
      expectOneError(await sut.gql(CREATE, { input: { name: 'x', kind: 'OKTA_SCIM2' } }, token), 'FORBIDDEN');
    }
  });
});
