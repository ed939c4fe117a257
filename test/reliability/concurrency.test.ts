import './support/no-secrets-in-logs';
import request from 'supertest';
import type { App } from '../../src/app';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { TestApp } from '../fixtures/test-app';
import { createTestDatabase } from '../fixtures/test-database';
import type { TestDatabase } from '../fixtures/test-database';
import { brokenInvariants } from './support/consistency';
import { recordFigure } from './support/figures';
import { logCapture } from './support/log-capture';
import { bearer, PATCH_OP, SCIM_GROUP, SCIM_USER, startReliableApp } from './support/reliable-app';

type Agent = ReturnType<typeof request>;

/** userName with its letters' case flipped by the bits of `n`: 50 spellings of one case-insensitive name. */
function casing(name: string, n: number): string {
  let bit = 0;
  return [...name]
    .map((c) => {
      if (!/[a-z]/i.test(c)) return c;
      const flip = (n >> (bit++ % 16)) & 1;
      return flip ? c.toUpperCase() : c.toLowerCase();
    })
    .join('');
}

/** 20 attributes a PATCH can set independently, each by its own client. */
const ATTRIBUTES: readonly [path: string, value: string][] = [
  ['displayName', 'Display'],
  ['nickName', 'Nick'],
  ['title', 'Engineer'],
  ['userType', 'Employee'],
  ['preferredLanguage', 'en-GB'],
  ['locale', 'en-GB'],
  ['timezone', 'Europe/London'],
  ['profileUrl', 'https://example.com/p'],
  ['externalId', 'ext-concurrent'],
  ['name.givenName', 'Given'],
  ['name.familyName', 'Family'],
  ['name.middleName', 'Middle'],
  ['name.honorificPrefix', 'Dr.'],
  ['name.honorificSuffix', 'Jr.'],
  ['name.formatted', 'Dr. Given Middle Family Jr.'],
  ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', 'E-1'],
  ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter', 'CC-1'],
  ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization', 'Org'],
  ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division', 'Div'],
  ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'Dept'],
];

function valueAt(resource: Record<string, unknown>, path: string): unknown {
  const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:';
  if (path.startsWith(enterprise)) {
    return (
      resource['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'] as Record<string, unknown>
    )?.[path.slice(enterprise.length)];
  }
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], resource);
}

describe.each([
  ['one instance', 1],
  ['two instances on one database', 2],
])('concurrent writes: %s', (_name, instances) => {
  let database: TestDatabase;
  let sut: TestApp;
  let second: App | undefined;
  let agents: Agent[];
  let token: string;
  const prefix = `i${instances}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = await startReliableApp({ RATE_LIMIT_PER_MINUTE: '0' }, database);
    token = sut.tenant.scimToken;
    agents = [sut.http];
    if (instances === 2) {
      second = await createApp(loadConfig({ DATABASE_URL: database.url, RATE_LIMIT_PER_MINUTE: '0' }), {
        logger: logCapture.logger(),
      });
      agents.push(request(second.express));
    }
  });
  afterAll(async () => {
    await second?.close();
    await sut.close();
  });
  afterEach(async () => {
    expect(await brokenInvariants(database.url)).toEqual([]);
  });

  const on = (i: number) => agents[i % agents.length];

  it('50 parallel creates of one userName in different case: exactly one 201, the rest 409 uniqueness', async () => {
    const name = `${prefix}-Same.Person@Example.com`;
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        on(i)
          .post('/scim/v2/Users')
          .set(bearer(token))
          .send({ schemas: [SCIM_USER], userName: casing(name, i * 7919) }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const conflict of answers.filter((a) => a.status === 409)) {
      expect(conflict.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    }
    const found = await sut.http
      .get('/scim/v2/Users')
      .query({ filter: `userName eq "${name.toLowerCase()}"` })
      .set(bearer(token));
    expect(found.body.totalResults).toBe(1);
    recordFigure('concurrency', `50 same-name creates (${instances} instance(s)): 201/409, ms`, {
      created: 1,
      conflicts: 49,
      ms: Date.now() - started,
    });
  });

  it('20 parallel PATCHes of different attributes of one user: every one applied', async () => {
    const created = await sut.http
      .post('/scim/v2/Users')
      .set(bearer(token))
      .send({ schemas: [SCIM_USER], userName: `${prefix}-patched@example.com` });
    const id = created.body.id as string;
    const started = Date.now();
    const answers = await Promise.all(
      ATTRIBUTES.map(([path, value], i) =>
        on(i)
          .patch(`/scim/v2/Users/${id}`)
          .set(bearer(token))
          .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path, value }] }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(ATTRIBUTES.length).fill(200));
    const user = (await sut.http.get(`/scim/v2/Users/${id}`).set(bearer(token))).body;
    for (const [path, value] of ATTRIBUTES)
      expect({ path, value: valueAt(user, path) }).toEqual({ path, value });
    expect(user.meta.version).toBe('W/"21"');
    recordFigure('concurrency', `20 parallel PATCHes (${instances} instance(s)): applied, ms`, {
      applied: ATTRIBUTES.length,
      ms: Date.now() - started,
    });
  });

  it('10 clients adding disjoint member sets to one group in parallel: the union is there', async () => {
    const group = await sut.http
      .post('/scim/v2/Groups')
      .set(bearer(token))
      .send({ schemas: [SCIM_GROUP], displayName: `${prefix}-union` });
    const bulk = await sut.http
      .post('/scim/v2/Bulk')
      .set(bearer(token))
      .send({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        operations: Array.from({ length: 100 }, (_, i) => ({
          method: 'POST',
          path: '/Users',
          bulkId: `m${i}`,
          data: { schemas: [SCIM_USER], userName: `${prefix}-member-${i}@example.com` },
        })),
      });
    const ids = (bulk.body.Operations as { location: string }[]).map((o) => o.location.split('/').pop()!);
    expect(ids).toHaveLength(100);
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, c) =>
        on(c)
          .patch(`/scim/v2/Groups/${group.body.id}`)
          .set(bearer(token))
          .send({
            schemas: [PATCH_OP],
            Operations: [
              {
                op: 'add',
                path: 'members',
                value: ids.slice(c * 10, c * 10 + 10).map((value) => ({ value })),
              },
            ],
          }),
      ),
    );
    expect(answers.map((a) => a.status).every((s) => s === 200 || s === 204)).toBe(true);
    const members = await sut.gql<{ groupMembers: { totalCount: number; nodes: { id: string }[] } }>(
      `query($g: ID!) { groupMembers(groupId: $g, first: 1000) { totalCount nodes { id } } }`,
      { g: group.body.id },
    );
    expect(members.data!.groupMembers.totalCount).toBe(100);
    expect(new Set(members.data!.groupMembers.nodes.map((n) => n.id))).toEqual(new Set(ids));
    recordFigure('concurrency', `10 parallel member additions (${instances} instance(s)): members, ms`, {
      members: 100,
      ms: Date.now() - started,
    });
  });
});
