import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/http/logger';
import { createScimFacadeApp } from '../../../src/scim-facade-app';
import type { Json, ScimClient } from '../../fixtures/scim-client';
import {
  ENTERPRISE,
  expectScimError,
  GROUP_SCHEMA,
  scim,
  TEST_HOST,
  USER_SCHEMA,
} from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

const AUDIT = `query($id: String!) { auditEvents(filter: { targetId: $id }, first: 20) { nodes { action channel notes requestId } } }`;

/**
 * The facade as its own process would run it (GRAPHQL_URL set): every operation is GraphQL over
 * HTTP to the identity service listening on a real port, credentials forwarded as they came.
 */
describe('SCIM facade against a remote subgraph', () => {
  let sut: TestApp;
  let server: Server;
  let facade: express.Express;
  let remote: ScimClient;
  let local: ScimClient;

  beforeAll(async () => {
    sut = await startTestApp();
    server = createServer(sut.app.express);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const config = loadConfig({ GRAPHQL_URL: `http://127.0.0.1:${port}/graphql`, LOG_LEVEL: 'silent' });
    facade = (await createScimFacadeApp(config, createLogger('silent'))).express;
    remote = scim(facade, sut.tenant.scimToken);
    local = scim(sut, sut.tenant.scimToken);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await sut.close();
  });

  const auditOf = async (id: string) => {
    const result = await sut.gql<{
      auditEvents: { nodes: { action: string; channel: string; notes: string[] }[] };
    }>(AUDIT, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.auditEvents.nodes;
  };

  it.each(['/Users', '/ServiceProviderConfig'])(
    'refuses a setup link on %s with 403, as the in-process facade does',
    async (path) => {
      const [connection] = (await sut.gql<{ connections: { id: string }[] }>('{ connections { id } }')).data!
        .connections;
      const link = await sut.gql<{ createSetupLink: { url: string } }>(
        'mutation($c: ID!) { createSetupLink(connectionId: $c) { url } }',
        { c: connection.id },
      );
      const secret = link.data!.createSetupLink.url.split('/').pop()!;
      const res = await scim(facade, secret).get(path);
      expect(res.status).toBe(403);
      expect(res.text).toMatch(/setup link is not a SCIM credential/);
    },
  );

  it('creates, reads, patches, lists and deletes a user; its writes are audited as SCIM', async () => {
    const created = await remote.post('/Users', {
      schemas: [USER_SCHEMA, ENTERPRISE],
      userName: 'remote.user@example.com',
      name: { givenName: 'Remo', familyName: 'Te' },
      emails: [{ value: 'remote.user@example.com', type: 'work', primary: true }],
      [ENTERPRISE]: { department: 'Far Away' },
      password: 'remote-Secret-1',
      favouriteColour: 'teal',
    });
    expect(created.status).toBe(201);
    expect(created.text).not.toMatch(/remote-Secret/);
    const user = created.body;
    expect(created.headers.location).toBe(`http://${TEST_HOST}/scim/v2/Users/${user.id}`);
    expect(created.headers.etag).toBe(user.meta.version);

    const read = await remote.get(`/Users/${user.id}`);
    expect(read.body).toEqual(user);
    expect((await local.get(`/Users/${user.id}`)).body).toEqual(user);

    const patched = await remote.patchOps(`/Users/${user.id}`, [
      { op: 'replace', path: 'active', value: 'False' },
      { op: 'add', path: 'emails[type eq "home"].value', value: 'remote@home.example' },
    ]);
    expect(patched.status).toBe(200);
    expect(patched.body.active).toBe(false);
    expect(patched.body.emails).toHaveLength(2);

    const listed = await remote.get('/Users', { query: { filter: 'userName eq "REMOTE.USER@example.com"' } });
    expect(listed.body.totalResults).toBe(1);
    expect(listed.body.Resources[0]).toEqual(patched.body);

    const events = await auditOf(user.id);
    expect(events.map((e) => e.action).sort()).toEqual(['user.create', 'user.replace']);
    expect(events.every((e) => e.channel === 'scim')).toBe(true);
    const create = events.find((e) => e.action === 'user.create')!;
    expect(create.notes).toEqual(expect.arrayContaining([expect.stringContaining('favouriteColour')]));
    const replace = events.find((e) => e.action === 'user.replace')!;
    expect(replace.notes).toEqual(
      expect.arrayContaining(['entra:string-boolean', 'entra:add-on-unmatched-filter']),
    );

    expect((await remote.delete(`/Users/${user.id}`)).status).toBe(204);
    expectScimError(await remote.get(`/Users/${user.id}`), 404);
    const deleted = await auditOf(user.id);
    expect(deleted.find((e) => e.action === 'user.delete')).toMatchObject({ channel: 'scim' });
  });

  it('manages a group and its members', async () => {
    const a = await remote.createUser({ userName: 'remote.a@example.com' });
    const b = await remote.createUser({ userName: 'remote.b@example.com' });
    const group = await remote.createGroup({ displayName: 'Remote Group', members: [{ value: a.id }] });
    expect(group.members).toEqual([expect.objectContaining({ value: a.id, type: 'User' })]);
    const patched = await remote.patchOps(`/Groups/${group.id}`, [
      { op: 'add', path: 'members', value: [{ value: b.id }] },
      { op: 'remove', path: `members[value eq "${a.id}"]` },
    ]);
    expect(patched.status).toBe(204);
    const read = await remote.get(`/Groups/${group.id}`);
    expect(read.body.members.map((m: Json) => m.value)).toEqual([b.id]);
    const list = await remote.get('/Groups', {
      query: { filter: `members.value eq "${b.id}"`, excludedAttributes: 'members' },
    });
    expect(list.body.Resources.map((g: Json) => g.id)).toEqual([group.id]);
    expect((await auditOf(group.id)).every((e) => e.channel === 'scim')).toBe(true);
    expect((await remote.delete(`/Groups/${group.id}`)).status).toBe(204);
  });

  it('PATCHes racing through two facades (two instances) are all applied', async () => {
    const user = await local.createUser({ userName: 'remote.race@example.com' });
    const paths = [
      'title',
      'nickName',
      'displayName',
      'userType',
      'locale',
      'timezone',
      'preferredLanguage',
      'name.givenName',
      'name.familyName',
      'name.middleName',
    ];
    const results = await Promise.all(
      paths.flatMap((path, i) => [
        local.patchOps(`/Users/${user.id}`, [{ op: 'replace', path, value: `local-${i}` }]),
        remote.patchOps(`/Users/${user.id}`, [
          { op: 'add', path: 'emails', value: [{ value: `r${i}@race.example` }] },
        ]),
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const final = (await local.get(`/Users/${user.id}`)).body;
    expect(final.meta.version).toBe('W/"21"');
    expect(final.emails.map((e: Json) => e.value).sort()).toEqual(
      paths.map((_, i) => `r${i}@race.example`).sort(),
    );
    expect([
      final.title,
      final.nickName,
      final.displayName,
      final.name.givenName,
      final.name.middleName,
    ]).toEqual(['local-0', 'local-1', 'local-2', 'local-7', 'local-9']);
  });

  it('answers the same SCIM errors as the in-process facade', async () => {
    await remote.createUser({ userName: 'remote.taken@example.com' });
    const nobody = '01890000-0000-7000-8000-000000000000';
    const cases: [(c: ScimClient) => ReturnType<ScimClient['get']>, number, string | undefined][] = [
      [
        (c) => c.post('/Users', { schemas: [USER_SCHEMA], userName: 'REMOTE.TAKEN@example.com' }),
        409,
        'uniqueness',
      ],
      [
        (c) => c.post('/Users', { schemas: [USER_SCHEMA], displayName: 'x', password: 'pw-Secret-7' }),
        400,
        'invalidValue',
      ],
      [(c) => c.post('/Users', { schemas: [USER_SCHEMA], userName: 'x'.repeat(300) }), 400, 'invalidValue'],
      [(c) => c.get('/Users', { query: { filter: 'userName eq' } }), 400, 'invalidFilter'],
      [(c) => c.get('/Users', { query: { filter: 'shoeSize eq 1' } }), 400, 'invalidFilter'],
      [(c) => c.get(`/Users/${nobody}`), 404, undefined],
      [(c) => c.get('/Users', { query: { cursor: 'bm9wZQ' } }), 400, 'invalidCursor'],
      [
        (c) => c.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'g', members: [{ value: nobody }] }),
        400,
        'invalidValue',
      ],
      [(c) => c.post('/Groups', { schemas: [GROUP_SCHEMA] }), 400, 'invalidValue'],
      [(c) => c.delete(`/Groups/${nobody}`), 404, undefined],
    ];
    for (const [send, status, scimType] of cases) {
      const viaRemote = await send(remote);
      const inProcess = await send(local);
      expectScimError(viaRemote, status, scimType);
      expectScimError(inProcess, status, scimType);
      expect(viaRemote.text).not.toMatch(/pw-Secret/);
    }
  });

  it('authenticates through the subgraph: 401 for a bad token, 403 without the scim scope, tenant by token', async () => {
    const anonymous = await scim(facade, undefined).get('/Users');
    expectScimError(anonymous, 401);
    expect(anonymous.headers['www-authenticate']).toBeDefined();
    expectScimError(await scim(facade, 'idt_not-a-real-token-0123456789').get('/Users'), 401);
    expectScimError(await scim(facade, sut.tenant.readToken).get('/Users'), 403);
    const basic = `Basic ${Buffer.from(`okta:${sut.tenant.scimToken}`).toString('base64')}`;
    expect((await scim(facade, undefined).get('/Users', { authorization: basic })).status).toBe(200);

    const mine = await remote.createUser({ userName: 'remote.mine@example.com' });
    const other = scim(facade, sut.other.scimToken);
    expectScimError(await other.get(`/Users/${mine.id}`), 404);
    expect(
      (await other.get('/Users', { query: { filter: 'userName eq "remote.mine@example.com"' } })).body
        .totalResults,
    ).toBe(0);
    const theirs = await other.createUser({ userName: 'remote.mine@example.com' });
    expect(theirs.id).not.toBe(mine.id);
  });
});
