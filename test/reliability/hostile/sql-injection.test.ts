import '../support/no-secrets-in-logs';
import type request from 'supertest';
import type { TestApp } from '../../fixtures/test-app';
import { brokenInvariants, countRows } from '../support/consistency';
import { recordFigure } from '../support/figures';
import { bearer, PATCH_OP, SCIM_GROUP, SCIM_USER, startReliableApp } from '../support/reliable-app';
import { createTestDatabase } from '../../fixtures/test-database';
import type { TestDatabase } from '../../fixtures/test-database';

/** Every payload carries the marker, so "the SQL text never contains it" is one search. */
const MARKER = 'zqx';
const PAYLOADS = [
  `${MARKER}' OR '1'='1`,
  `${MARKER}" OR "1"="1`,
  `${MARKER}' OR 1=1 -- `,
  `${MARKER}'); DROP TABLE users; --`,
  `${MARKER}%' OR '%'='`,
  `${MARKER}\\' OR 1=1 #`,
  `${MARKER}' UNION SELECT secret_hash, id FROM api_tokens --`,
  `${MARKER}' AND SLEEP(3) AND '1'='1`,
  `${MARKER}'||(SELECT group_concat(user_name) FROM users)||'`,
  `${MARKER}*/ OR /*`,
  `${MARKER}\u0000' OR '1'='1`,
  `${MARKER}\`; SELECT 1; --`,
];
/** What the other organization holds; no answer may ever contain it. */
const VICTIM = 'victim7f3a';

interface Target {
  readonly name: string;
  readonly send: (sut: TestApp, payload: string) => request.Test;
  /** For lists: the answer must list nothing (the payload matches no own record). */
  readonly listsNothing?: (body: Record<string, unknown>) => boolean;
}

const scimList =
  (resource: string, query: (p: string) => Record<string, string>) => (sut: TestApp, p: string) =>
    sut.http.get(`/scim/v2/${resource}`).query(query(p)).set(bearer(sut.tenant.scimToken));
const emptyScimList = (body: Record<string, unknown>) => body.status !== undefined || body.totalResults === 0;
const gql = (query: string, variables: (p: string) => Record<string, unknown>) => (sut: TestApp, p: string) =>
  sut.http
    .post('/graphql')
    .set(bearer(sut.tenant.adminToken))
    .send({ query, variables: variables(p) });
const USERS_WHERE = `query($f: Filter) { users(filter: $f) { totalCount nodes { id userName } } }`;
const emptyConnection = (key: string) => (body: Record<string, unknown>) => {
  const data = body.data as Record<string, { totalCount: number }> | null | undefined;
  return Boolean(body.errors) || data?.[key]?.totalCount === 0;
};

const SCIM_FILTER_ATTRIBUTES = [
  'userName',
  'externalId',
  'displayName',
  'title',
  'name.familyName',
  'emails.value',
  'emails.type',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
  'groups.display',
];

/** Every string of a request that reaches a query, SCIM and GraphQL alike. */
const TARGETS: readonly Target[] = [
  ...SCIM_FILTER_ATTRIBUTES.flatMap((attribute): Target[] =>
    ['eq', 'co', 'sw', 'gt'].map((op) => ({
      name: `SCIM filter ${attribute} ${op}`,
      send: scimList('Users', (p) => ({ filter: `${attribute} ${op} ${JSON.stringify(p)}` })),
      listsNothing: emptyScimList,
    })),
  ),
  {
    name: 'SCIM filter emails[value eq …]',
    send: scimList('Users', (p) => ({
      filter: `emails[value eq ${JSON.stringify(p)} or type co ${JSON.stringify(p)}]`,
    })),
    listsNothing: emptyScimList,
  },
  {
    name: 'SCIM filter on Groups displayName and members.value',
    send: scimList('Groups', (p) => ({
      filter: `displayName eq ${JSON.stringify(p)} or members.value eq ${JSON.stringify(p)}`,
    })),
    listsNothing: emptyScimList,
  },
  {
    name: 'SCIM filter attribute path',
    send: scimList('Users', (p) => ({ filter: `${p} eq "x"` })),
    listsNothing: emptyScimList,
  },
  { name: 'SCIM sortBy', send: scimList('Users', (p) => ({ sortBy: p })) },
  { name: 'SCIM sortOrder', send: scimList('Users', (p) => ({ sortBy: 'userName', sortOrder: p })) },
  { name: 'SCIM attributes', send: scimList('Users', (p) => ({ attributes: `userName,${p}` })) },
  { name: 'SCIM excludedAttributes', send: scimList('Users', (p) => ({ excludedAttributes: p })) },
  { name: 'SCIM startIndex and count', send: scimList('Users', (p) => ({ startIndex: p, count: p })) },
  { name: 'SCIM cursor', send: scimList('Users', (p) => ({ cursor: p, count: '2' })) },
  {
    name: 'SCIM /.search body',
    send: (sut, p) =>
      sut.http
        .post('/scim/v2/Users/.search')
        .set(bearer(sut.tenant.scimToken))
        .send({ filter: `userName eq ${JSON.stringify(p)}`, sortBy: p, attributes: [p] }),
    listsNothing: emptyScimList,
  },
  {
    name: 'SCIM resource id in the path',
    send: (sut, p) =>
      sut.http.get(`/scim/v2/Users/${encodeURIComponent(p)}`).set(bearer(sut.tenant.scimToken)),
  },
  {
    name: 'SCIM group id in the path (PATCH)',
    send: (sut, p) =>
      sut.http
        .patch(`/scim/v2/Groups/${encodeURIComponent(p)}`)
        .set(bearer(sut.tenant.scimToken))
        .send({ schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: p }] }] }),
  },
  {
    name: 'SCIM If-Match header',
    send: (sut, p) =>
      sut.http
        .delete(`/scim/v2/Users/${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}`)
        .set(bearer(sut.tenant.scimToken))
        .set('If-Match', p.split('\u0000').join('')),
  },
  {
    name: 'SCIM Bearer token',
    send: (sut, p) =>
      sut.http.get('/scim/v2/Users').set('Authorization', `Bearer ${p.split('\u0000').join('')}`),
  },
  {
    name: 'GraphQL filter value',
    send: gql(USERS_WHERE, (p) => ({ f: { condition: { attribute: 'userName', op: 'EQ', value: p } } })),
    listsNothing: emptyConnection('users'),
  },
  {
    name: 'GraphQL filter value (CO on emails)',
    send: gql(USERS_WHERE, (p) => ({ f: { condition: { attribute: 'emails.value', op: 'CO', value: p } } })),
    listsNothing: emptyConnection('users'),
  },
  {
    name: 'GraphQL filter attribute',
    send: gql(USERS_WHERE, (p) => ({ f: { condition: { attribute: p, op: 'EQ', value: 'x' } } })),
    listsNothing: emptyConnection('users'),
  },
  {
    name: 'GraphQL some-filter',
    send: gql(USERS_WHERE, (p) => ({
      f: { some: { attribute: 'emails', filter: { condition: { attribute: 'value', op: 'SW', value: p } } } },
    })),
    listsNothing: emptyConnection('users'),
  },
  {
    name: 'GraphQL orderBy attribute',
    send: gql(`query($o: OrderBy) { users(orderBy: $o) { nodes { id } } }`, (p) => ({ o: { attribute: p } })),
  },
  {
    name: 'GraphQL after cursor',
    send: gql(
      `query($a: String) { users(after: $a) { nodes { id } } groups(after: $a) { nodes { id } } }`,
      (p) => ({ a: p }),
    ),
  },
  {
    name: 'GraphQL ids',
    send: gql(`query($id: ID!) { user(id: $id) { id } group(id: $id) { id } }`, (p) => ({ id: p })),
  },
  {
    name: 'GraphQL groupMembers(groupId)',
    send: gql(`query($id: ID!) { groupMembers(groupId: $id) { totalCount } }`, (p) => ({ id: p })),
  },
  {
    name: 'GraphQL auditEvents filter',
    send: gql(
      `query($p: String) { auditEvents(filter: { action: $p, targetId: $p, actor: $p, targetType: $p, channel: $p }) { nodes { id } } }`,
      (p) => ({ p }),
    ),
  },
  {
    name: 'GraphQL _entities id',
    send: gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }`, (p) => ({
      r: [{ __typename: 'User', id: p }],
    })),
  },
];

describe('SQL injection in every string that reaches a query', () => {
  let database: TestDatabase;
  let sut: TestApp;
  let usersBefore: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = await startReliableApp(
      { RATE_LIMIT_PER_MINUTE: '0', AUTH_FAILURE_LIMIT_PER_MINUTE: '0' },
      database,
    );
    const asOther = (path: string, body: object) =>
      sut.http.post(`/scim/v2/${path}`).set(bearer(sut.other.scimToken)).send(body);
    const victim = await asOther('Users', {
      schemas: [SCIM_USER],
      userName: `${VICTIM}@evil.example`,
      externalId: `${VICTIM}-ext`,
      emails: [{ value: `${VICTIM}@evil.example`, type: 'work' }],
    });
    await asOther('Groups', {
      schemas: [SCIM_GROUP],
      displayName: `${VICTIM}-group`,
      members: [{ value: victim.body.id }],
    });
    await sut.http
      .post('/scim/v2/Users')
      .set(bearer(sut.tenant.scimToken))
      .send({
        schemas: [SCIM_USER],
        userName: 'own-user@example.com',
        emails: [{ value: 'own@example.com' }],
      });
    usersBefore = await countRows(database.url, 'SELECT COUNT(*) FROM users');
  });
  afterAll(() => sut.close());

  const cases = TARGETS.flatMap((target) =>
    PAYLOADS.map((payload) => [target.name, payload, target] as const),
  );

  it.each(cases)('%s ← %j', async (_name, payload, target) => {
    sut.queries.length = 0;
    const res = await target.send(sut, payload);
    expect(res.status).toBeLessThan(500);
    expect(res.body?.errors?.[0]?.extensions?.code).not.toBe('INTERNAL');
    expect(res.text).not.toContain(VICTIM);
    if (target.listsNothing) expect(target.listsNothing(res.body)).toBe(true);
    // Values travel as parameters: the SQL text never holds them. (A payload may reach no SQL at
    // all — a verified token and the organization's schema are cached, and an unknown attribute is
    // refused before any query — so whether the log sees SQL is proved once, below.)
    // No statement held the payload, so `SLEEP(3)` (like every other payload) never reached SQL text
    // and could not run — shown by the statements themselves, not by a stopwatch.
    expect(sut.queries.filter((sql) => sql.includes(MARKER))).toEqual([]);
  });

  it('the query log sees the statements of a SCIM list, so the checks above are not vacuous', async () => {
    sut.queries.length = 0;
    const res = await sut.http
      .get('/scim/v2/Users')
      .query({ filter: `userName eq "${MARKER}-probe"` })
      .set(bearer(sut.tenant.scimToken));
    expect(res.status).toBe(200);
    expect(sut.queries.some((sql) => /\bfrom\b[^;]*\busers\b/i.test(sql))).toBe(true);
    expect(sut.queries.filter((sql) => sql.includes(MARKER))).toEqual([]);
  });

  it('stores and returns every payload as plain data through SCIM and GraphQL writes', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      sut.queries.length = 0;
      const userName = `${payload}-${i}`.split('\u0000').join('');
      const created = await sut.http
        .post('/scim/v2/Users')
        .set(bearer(sut.tenant.scimToken))
        .send({ schemas: [SCIM_USER], userName, externalId: payload, displayName: payload, title: payload });
      expect(created.status).toBe(201);
      const read = await sut.http.get(`/scim/v2/Users/${created.body.id}`).set(bearer(sut.tenant.scimToken));
      expect(read.body).toMatchObject({
        userName,
        externalId: payload,
        displayName: payload,
        title: payload,
      });
      const found = await sut.http
        .get('/scim/v2/Users')
        .query({ filter: `externalId eq ${JSON.stringify(payload)}` })
        .set(bearer(sut.tenant.scimToken));
      expect(found.body.totalResults).toBe(1);
      const group = await sut.gql<{ createGroup: { displayName: string } }>(
        `mutation($n: String!) { createGroup(input: { displayName: $n }) { displayName } }`,
        { n: `${payload}-${i}` },
      );
      expect(group.data?.createGroup.displayName).toBe(`${payload}-${i}`);
      expect(sut.queries.filter((sql) => sql.includes(MARKER))).toEqual([]);
    }
  });

  it('leaves every table in place and consistent', async () => {
    expect(await countRows(database.url, 'SELECT COUNT(*) FROM users')).toBe(usersBefore + PAYLOADS.length);
    expect(await countRows(database.url, 'SELECT COUNT(*) FROM api_tokens')).toBeGreaterThan(0);
    expect(await brokenInvariants(database.url)).toEqual([]);
    recordFigure('hostile', 'SQL injection: targets × payloads', {
      targets: TARGETS.length,
      payloads: PAYLOADS.length,
      cases: TARGETS.length * PAYLOADS.length,
    });
  });
});
