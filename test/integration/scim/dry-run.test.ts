import { operatorContext } from '../../../src/bootstrap';
import type { DatabaseReader } from '../../fixtures/database-reader';
import { openDatabaseReader } from '../../fixtures/database-reader';
import { graphqlUser } from '../../fixtures/idp/graphql-reads';
import type { TestDatabase } from '../../fixtures/test-database';
import { createTestDatabase } from '../../fixtures/test-database';
import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const PASSWORD = 'Dry-Run-Secret-7q';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The request log and the connection's health (counters, hourly counts, quirks seen; flushed by a
 * timer) are written for a dry-run request by design — they are about the connection, not
 * provisioning: the only tables left out of the snapshot.
 */
const WRITTEN_BY_DESIGN = new Set([
  'connection_requests',
  'connection_health',
  'connection_hourly_counts',
  'connection_quirks',
]);

const SET_STATUS = `mutation($id: ID!, $s: ConnectionStatus!) { setConnectionStatus(id: $id, status: $s) { status } }`;
const REQUESTS = `query($c: ID!) { connectionRequests(connectionId: $c, first: 100) { nodes {
  method path status dryRun auditEventIds responseBody changesOmitted
  changes { resourceType resourceId action changedAttributes before after } } } }`;

interface Change {
  resourceType: string;
  resourceId: string;
  action: string;
  changedAttributes: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
interface Entry {
  method: string;
  path: string;
  status: number;
  dryRun: boolean;
  auditEventIds: string[];
  responseBody: string | null;
  changes: Change[] | null;
  changesOmitted: number;
}
interface Answer {
  status: number;
  etag?: string;
  location?: string;
  body: unknown;
}

const oktaUser = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER],
  userName,
  name: { givenName: 'Dry', familyName: 'Run' },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: 'Dry Run',
  locale: 'en-US',
  externalId: `00u${userName.slice(0, 6)}`,
  groups: [],
  active: true,
  ...extra,
});

/**
 * What the IdP sends, Okta-shaped (test/fixtures/idp/okta): import check by filter, create, GET by
 * filter, deactivate (PATCH active=false), PUT, group push with members, membership and rename
 * PATCHes, a Bulk whose second operation refers to the first, DELETE. Each step touches resources
 * no other step changes, so every step meets the same state on a dry-run and an active connection.
 */
function oktaSequence(seed: Record<string, string>) {
  return [
    {
      method: 'get',
      path: `/Users?filter=${encodeURIComponent('userName eq "new@dry.run"')}&startIndex=1&count=100`,
    },
    { method: 'post', path: '/Users', body: oktaUser('new@dry.run', { password: PASSWORD }) },
    { method: 'get', path: `/Users?filter=${encodeURIComponent('userName eq "a@dry.run"')}` },
    {
      method: 'patch',
      path: `/Users/${seed.a}`,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] },
    },
    {
      method: 'put',
      path: `/Users/${seed.b}`,
      body: oktaUser('b@dry.run', { id: seed.b, displayName: 'Bee Replaced', password: PASSWORD }),
    },
    {
      method: 'post',
      path: '/Groups',
      body: {
        schemas: [GROUP],
        displayName: 'Pushed',
        members: [
          { value: seed.c, display: 'c@dry.run' },
          { value: seed.d, display: 'd@dry.run' },
        ],
      },
    },
    {
      method: 'patch',
      path: `/Groups/${seed.g1}`,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'remove', path: `members[value eq "${seed.e}"]` },
          { op: 'add', path: 'members', value: [{ value: seed.f, display: 'f@dry.run' }] },
        ],
      },
    },
    {
      method: 'patch',
      path: `/Groups/${seed.g2}`,
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', value: { id: seed.g2, displayName: 'Renamed by push' } }],
      },
    },
    {
      method: 'post',
      path: '/Bulk',
      body: {
        schemas: [BULK],
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'u1', data: oktaUser('bulk@dry.run') },
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g1',
            data: { schemas: [GROUP], displayName: 'Bulk group', members: [{ value: 'bulkId:u1' }] },
          },
          // A PATCH reads, applies and replaces: it must read the user the first operation would create.
          {
            method: 'PATCH',
            path: '/Users/bulkId:u1',
            data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] },
          },
          { method: 'POST', path: '/Users', bulkId: 'dup', data: oktaUser('c@dry.run') },
        ],
      },
    },
    { method: 'delete', path: `/Users/${seed.h}` },
  ] as const;
}

/** The tables a dry run must leave alone, every row, in a stable order. */
async function snapshot(reader: DatabaseReader): Promise<Record<string, string[]>> {
  const tables = (await reader.tables()).filter((t) => !WRITTEN_BY_DESIGN.has(t)).sort();
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    out[table] = (await reader.everyRow(table))
      .map((row) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
      .sort();
  }
  return out;
}

describe('a DRY_RUN connection', () => {
  let sut: TestApp;
  let database: TestDatabase;
  let reader: DatabaseReader;
  let connectionId: string;
  let secret: string;
  const seed: Record<string, string> = {};
  // A fixed clock: timestamps of a dry run and of the active run are equal, only new ids differ.
  const now = Date.parse('2026-05-04T09:00:00Z');

  const scim = (method: string, path: string, body?: unknown) => {
    const req = (sut.http as unknown as Record<string, (p: string) => import('supertest').Test>)
      [method](`/scim/v2${path}`)
      .set('Authorization', `Bearer ${secret}`);
    return body === undefined ? req : req.send(body as object);
  };
  const run = async (): Promise<Answer[]> => {
    const answers: Answer[] = [];
    for (const step of oktaSequence(seed)) {
      const res = await scim(step.method, step.path, 'body' in step ? step.body : undefined);
      answers.push({
        status: res.status,
        etag: res.headers.etag,
        location: res.headers.location,
        body: res.body,
      });
    }
    return answers;
  };
  const setStatus = async (s: string) => {
    const result = await sut.gql(SET_STATUS, { id: connectionId, s });
    expect(result.errors).toBeUndefined();
  };
  const log = async (): Promise<Entry[]> => {
    await sut.app.services.requestLog.flush();
    const result = await sut.gql<{ connectionRequests: { nodes: Entry[] } }>(REQUESTS, { c: connectionId });
    expect(result.errors).toBeUndefined();
    return result.data!.connectionRequests.nodes.slice().reverse();
  };
  /**
   * New resources get other ids on every run: every id that is not a seeded one becomes `<new>`
   * (and supertest listens on another port for each request).
   */
  const normalised = (answers: Answer[]) => {
    const known = new Set(Object.values(seed));
    return JSON.parse(
      JSON.stringify(answers)
        .replace(UUID, (id) => (known.has(id.toLowerCase()) ? id : '<new>'))
        .replace(/http:\/\/127\.0\.0\.1:\d+/g, '<base>'),
    ) as unknown;
  };

  let dryAnswers: Answer[];
  let before: Record<string, string[]>;
  let after: Record<string, string[]>;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = await startTestApp({}, database, { clock: () => new Date(now) });
    reader = await openDatabaseReader(database.url);
    const created = await sut.gql<{ createConnection: { secret: string; connection: { id: string } } }>(
      `mutation { createConnection(input: { name: "Okta onboarding", kind: OKTA_SCIM2 }) { secret connection { id } } }`,
    );
    ({ secret } = created.data!.createConnection);
    connectionId = created.data!.createConnection.connection.id;
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'h']) {
      const res = await scim('post', '/Users', oktaUser(`${name}@dry.run`));
      expect(res.status).toBe(201);
      seed[name] = res.body.id;
    }
    for (const [name, members] of [
      ['g1', [seed.e]],
      ['g2', []],
    ] as const) {
      const res = await scim('post', '/Groups', {
        schemas: [GROUP],
        displayName: name,
        members: members.map((value) => ({ value })),
      });
      expect(res.status).toBe(201);
      seed[name] = res.body.id;
    }
    // A personal token of user a: deactivating a revokes it — which a dry run must not commit.
    const personal = await sut.app.services.tokens.create(operatorContext(sut.tenant.organizationId), {
      name: 'a-personal',
      scopes: ['identity:read'],
      userId: seed.a,
    });
    seed.personal = personal.token.id;

    await setStatus('DRY_RUN');
    before = await snapshot(reader);
    dryAnswers = await run();
    after = await snapshot(reader);
  });
  afterAll(async () => {
    await reader.close();
    await sut.close();
  });

  it('answers the Okta sequence and leaves the database byte-for-byte unchanged (request log and health aside)', () => {
    expect(dryAnswers.map((a) => a.status)).toEqual([200, 201, 200, 200, 200, 201, 204, 204, 200, 204]);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const table of Object.keys(before))
      expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
    expect(before.users).toHaveLength(7);
  });

  it('runs a Bulk in one rehearsal: later operations see the would-be user, a duplicate still fails', () => {
    const bulk = dryAnswers[8].body as { Operations: { status: string; location?: string }[] };
    expect(bulk.Operations.map((o) => o.status)).toEqual(['201', '201', '200', '409']);
  });

  it('records each request with dryRun: true and the would-be changes, never a password', async () => {
    const entries = (await log()).filter((e) => e.dryRun);
    expect(entries.map((e) => [e.method, e.status])).toEqual(
      dryAnswers.map((a, i) => [oktaSequence(seed)[i].method.toUpperCase(), a.status]),
    );
    const [search, create, , deactivate, replace, push, members, rename, bulk, remove] = entries;
    expect(search.changes).toEqual([]);
    expect(create.changes).toEqual([
      expect.objectContaining({
        resourceType: 'User',
        action: 'user.created',
        before: null,
        after: expect.objectContaining({ userName: 'new@dry.run', active: true, hasPassword: true }),
      }),
    ]);
    expect(deactivate.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          resourceType: 'User',
          resourceId: seed.a,
          action: 'user.deactivated',
          changedAttributes: ['active'],
          before: { active: true },
          after: { active: false },
        }),
        expect.objectContaining({
          resourceType: 'ApiToken',
          resourceId: seed.personal,
          action: 'token.revoked',
        }),
      ]),
    );
    expect(replace.changes).toEqual([
      expect.objectContaining({
        resourceId: seed.b,
        action: 'user.updated',
        changedAttributes: expect.arrayContaining(['displayName', 'password']),
        before: expect.objectContaining({ displayName: 'Dry Run' }),
        after: expect.objectContaining({ displayName: 'Bee Replaced' }),
      }),
    ]);
    expect(push.changes!.map((c) => c.action)).toEqual(expect.arrayContaining(['group.created']));
    expect(members.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          resourceId: seed.g1,
          action: 'group.members_added',
          after: { members: [seed.f] },
        }),
        expect.objectContaining({
          resourceId: seed.g1,
          action: 'group.members_removed',
          before: { members: [seed.e] },
        }),
      ]),
    );
    expect(rename.changes).toEqual([
      expect.objectContaining({
        resourceId: seed.g2,
        action: 'group.updated',
        before: { displayName: 'g2' },
        after: { displayName: 'Renamed by push' },
      }),
    ]);
    // The failed third operation left nothing behind: only the user and the group it would create.
    expect(bulk.changes!.map((c) => [c.resourceType, c.action])).toEqual(
      expect.arrayContaining([
        ['User', 'user.created'],
        ['Group', 'group.created'],
      ]),
    );
    expect(bulk.changes!.filter((c) => c.action === 'user.created')).toHaveLength(1);
    expect(bulk.changes!.map((c) => c.action)).toContain('user.deactivated');
    expect(remove.changes).toEqual([
      expect.objectContaining({
        resourceId: seed.h,
        action: 'user.deleted',
        before: expect.objectContaining({ userName: 'h@dry.run' }),
        after: null,
      }),
    ]);
    expect(entries.every((e) => e.auditEventIds.length === 0 && e.changesOmitted === 0)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
  });

  it('never commits a GraphQL mutation made with the dry-run token', async () => {
    const result = await sut.gql<{ createUser: { id: string } }>(
      `mutation { createUser(input: { userName: "graphql@dry.run" }) { id userName } }`,
      {},
      secret,
    );
    expect(result.errors).toBeUndefined();
    const id = result.data!.createUser.id;
    expect(await graphqlUser(sut, id)).toBeNull();
    expect(await snapshot(reader)).toEqual(before);
  });

  it('cannot imitate a later request reading an earlier would-be create (documented in the README)', async () => {
    const first = await scim('post', '/Users', oktaUser('later@dry.run'));
    expect(first.status).toBe(201);
    expect((await scim('get', `/Users/${first.body.id}`)).status).toBe(404);
    // Uniqueness holds only against committed users: the same create answers 201 again.
    expect((await scim('post', '/Users', oktaUser('later@dry.run'))).status).toBe(201);
  });

  it("counts dry-run requests in the connection's health, but no user or group as created", async () => {
    const health = await sut.gql<{ connection: Record<string, unknown> }>(
      `query($id: ID!) { connection(id: $id) {
        usersCreated groupsCreated requestCounts(window: SINCE_CREATION) { ok clientError serverError } } }`,
      { id: connectionId },
    );
    expect(health.errors).toBeUndefined();
    // Seeding: 7 users and 2 groups; the dry-run sequence: 10 answers below 400; then 201, 404, 201.
    expect(health.data!.connection).toEqual({
      usersCreated: 7,
      groupsCreated: 2,
      requestCounts: { ok: 9 + 10 + 2, clientError: 1, serverError: 0 },
    });
  });

  it('answers as an ACTIVE connection does, and commits once switched to ACTIVE', async () => {
    await setStatus('ACTIVE');
    const activeAnswers = await run();

    expect(normalised(dryAnswers)).toEqual(normalised(activeAnswers));
    const created = (activeAnswers[1].body as { id: string }).id;
    expect(await graphqlUser(sut, created)).toMatchObject({ userName: 'new@dry.run', hasPassword: true });
    expect(await graphqlUser(sut, seed.h)).toBeNull();
    expect(await graphqlUser(sut, seed.a)).toMatchObject({ active: false });
    const entries = await log();
    expect(entries.slice(-10).every((e) => !e.dryRun && e.changes === null)).toBe(true);
  });

  it('refuses an unknown status with BAD_USER_INPUT and changes nothing', async () => {
    const result = await sut.gql(SET_STATUS, { id: connectionId, s: 'REHEARSAL' });
    expectOneError(result, 'BAD_USER_INPUT');
    const connection = await sut.gql<{ connection: { status: string } }>(
      `query($id: ID!) { connection(id: $id) { status } }`,
      { id: connectionId },
    );
    expect(connection.data!.connection.status).toBe('ACTIVE');
  });

  it('rehearses SCIM 1.1 (Okta 1.1 template) alike: answered, nothing committed', async () => {
    const v1 = await sut.gql<{ createConnection: { secret: string; connection: { id: string } } }>(
      `mutation { createConnection(input: { name: "Okta 1.1", kind: OKTA_SCIM11 }) { secret connection { id } } }`,
    );
    const { secret: v1Secret, connection } = v1.data!.createConnection;
    const call = (method: 'post' | 'patch' | 'delete', path: string, body?: object) => {
      const req = sut.http[method](`/scim/v1${path}`).set('Authorization', `Bearer ${v1Secret}`);
      return body ? req.send(body) : req;
    };
    const CORE = 'urn:scim:schemas:core:1.0';
    const existing = await call('post', '/Users', { schemas: [CORE], userName: 'v1@dry.run', active: true });
    expect(existing.status).toBe(201);
    const result = await sut.gql(SET_STATUS, { id: connection.id, s: 'DRY_RUN' });
    expect(result.errors).toBeUndefined();
    const state = await snapshot(reader);

    const created = await call('post', '/Users', {
      schemas: [CORE],
      userName: 'v1-new@dry.run',
      name: { givenName: 'Test', familyName: 'User' },
      password: PASSWORD,
      active: true,
    });
    const deactivated = await call('patch', `/Users/${existing.body.id}`, {
      schemas: [CORE],
      id: existing.body.id,
      active: false,
    });
    const deleted = await call('delete', `/Users/${existing.body.id}`);

    expect([created.status, deactivated.status, deleted.status]).toEqual([201, 200, 204]);
    expect(deactivated.body).toMatchObject({ id: existing.body.id, active: false });
    expect(await snapshot(reader)).toEqual(state);
  });
});
