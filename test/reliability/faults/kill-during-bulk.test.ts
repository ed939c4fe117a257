import '../support/no-secrets-in-logs';
import { createTestDatabase } from '../../fixtures/test-database';
import type { TestDatabase } from '../../fixtures/test-database';
import { brokenInvariants } from '../support/consistency';
import { recordFigure } from '../support/figures';
import { BULK_REQUEST, SCIM_GROUP, SCIM_USER } from '../support/reliable-app';
import type { ServiceProcess } from '../support/service-process';
import { httpJson, newTokens, startService } from '../support/service-process';

const USERS = 100;
const GROUPS = 10;

/**
 * Users 0..99 and 10 groups of 5 of them. Users 2, 12, 22, … have a password, hashed with scrypt:
 * the slowest operations, so the kill mostly lands while one of them runs — after the first two
 * members of a group exist and before the group does. The retry then needs the bulkIds of users the
 * killed attempt created (with passwords at 0, 10, 20, … the kill landed on a group boundary and the
 * retry hid that case).
 */
function bulkRequest() {
  const users = Array.from({ length: USERS }, (_, i) => ({
    method: 'POST',
    path: '/Users',
    bulkId: `u${i}`,
    data: {
      schemas: [SCIM_USER],
      userName: `k9-${i}@example.com`,
      name: { givenName: 'K9', familyName: String(i) },
      emails: [{ value: `k9-${i}@example.com`, type: 'work', primary: true }],
      ...(i % 10 === 2 && { password: `k9-password-${i}-long` }),
    },
  }));
  const groups = Array.from({ length: GROUPS }, (_, g) => ({
    method: 'POST',
    path: '/Groups',
    bulkId: `g${g}`,
    data: {
      schemas: [SCIM_GROUP],
      displayName: `k9-group-${g}`,
      members: Array.from({ length: 5 }, (_, k) => ({ value: `bulkId:u${g * 10 + k}` })),
    },
  }));
  // Group g follows the users it names, so groups are created all along the request.
  const operations = users.flatMap((user, i) => (i % 10 === 9 ? [user, groups[(i - 9) / 10]] : [user]));
  return { schemas: [BULK_REQUEST], operations };
}

const USERS_QUERY = `{ users(filter: { condition: { attribute: "userName", op: SW, value: "k9-" } }, first: 1000) {
  nodes { userName hasPassword name { givenName familyName } emails { value type primary } } } }`;
const GROUPS_QUERY = `{ groups(filter: { condition: { attribute: "displayName", op: SW, value: "k9-group-" } }, first: 100) {
  nodes { displayName memberCount members(first: 100) { nodes { type user { userName } } } } } }`;

/** Group g holds exactly users g*10 .. g*10+4: the members its Bulk operation named, nothing else. */
function expectExactMembers(group: GroupNode) {
  const g = Number(/^k9-group-(\d+)$/.exec(group.displayName)![1]);
  expect({ group: group.displayName, memberCount: group.memberCount, members: memberNames(group) }).toEqual({
    group: group.displayName,
    memberCount: 5,
    members: Array.from({ length: 5 }, (_, k) => `k9-${g * 10 + k}@example.com`).sort(),
  });
}

const memberNames = (group: GroupNode) =>
  group.members.nodes
    .map((m) => (m.type === 'USER' ? (m.user?.userName ?? 'a user that does not exist') : m.type))
    .sort();

/**
 * `kill -9` while a SCIM Bulk request runs, then a restart on the same database: each operation
 * is either fully applied (the user with its name, email and password; the group with all of its
 * members; the audit events) or absent. SQLite file by default, MariaDB with TEST_DATABASE_URL.
 */
describe('kill -9 during a SCIM Bulk request', () => {
  let database: TestDatabase;
  const tokens = newTokens();
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    if (service && service.child.exitCode === null) service.child.kill('SIGKILL');
    await service?.exited;
    await database.drop();
  });

  it('leaves every operation fully applied or absent, and the restarted service serves', async () => {
    const first = await startService(database.url, tokens);
    service = first;
    const bulk = httpJson(`${first.baseUrl}/scim/v2/Bulk`, {
      method: 'POST',
      token: first.scimToken,
      body: bulkRequest(),
      timeoutMs: 120_000,
    }).then(
      (answer) => ({ answer }),
      (error: Error) => ({ error }),
    );
    // Kill it once a few dozen users exist, i.e. in the middle of the request.
    let created = 0;
    for (let i = 0; i < 600 && created < 30; i++) {
      const page = await httpJson(`${first.baseUrl}/scim/v2/Users?filter=userName%20sw%20%22k9-%22&count=0`, {
        token: first.scimToken,
      });
      created = Number((page.body as { totalResults?: number }).totalResults ?? 0);
      if (created < 30) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const outcome = await bulk;
    expect('error' in outcome).toBe(true);

    const second = await startService(database.url, tokens);
    service = second;
    const graphql = (query: string) =>
      httpJson(`${second.baseUrl}/graphql`, { method: 'POST', token: second.adminToken, body: { query } });

    const users = ((await graphql(USERS_QUERY)).body as { data: { users: { nodes: UserNode[] } } }).data.users
      .nodes;
    for (const user of users) {
      const i = Number(/^k9-(\d+)@/.exec(user.userName)![1]);
      expect(user).toEqual({
        userName: `k9-${i}@example.com`,
        hasPassword: i % 10 === 2,
        name: { givenName: 'K9', familyName: String(i) },
        emails: [{ value: `k9-${i}@example.com`, type: 'work', primary: true }],
      });
    }
    const groups = ((await graphql(GROUPS_QUERY)).body as { data: { groups: { nodes: GroupNode[] } } }).data
      .groups.nodes;
    for (const group of groups) expectExactMembers(group);
    expect(await brokenInvariants(database.url)).toEqual([]);
    // The kill landed in the middle: some operations were applied, some never ran.
    expect(users.length).toBeGreaterThanOrEqual(30);
    expect(users.length + groups.length).toBeLessThan(USERS + GROUPS);
    recordFigure('faults', 'kill -9 during Bulk: users applied / absent', {
      applied: users.length,
      absent: USERS - users.length,
      groupsApplied: groups.length,
    });

    // Retrying the whole Bulk request after the restart completes it: users already there answer 409,
    // and their bulkIds still name them (they are exactly what the operation would create), so every
    // group gets its members and the groups already there are not created twice.
    const retry = await httpJson(`${second.baseUrl}/scim/v2/Bulk`, {
      method: 'POST',
      token: second.scimToken,
      body: bulkRequest(),
      timeoutMs: 120_000,
    });
    expect(retry.status).toBe(200);
    const paths = bulkRequest().operations.map((o) => o.path);
    const userStatuses = (retry.body as { Operations: { status: string }[] }).Operations.filter(
      (_o, i) => paths[i] === '/Users',
    ).map((o) => o.status);
    expect(userStatuses.filter((s) => s === '409')).toHaveLength(users.length);
    expect(userStatuses.filter((s) => s === '201')).toHaveLength(USERS - users.length);
    const after = (await graphql(USERS_QUERY)).body as { data: { users: { nodes: UserNode[] } } };
    expect(after.data.users.nodes).toHaveLength(USERS);
    const groupsAfter = ((await graphql(GROUPS_QUERY)).body as { data: { groups: { nodes: GroupNode[] } } })
      .data.groups.nodes;
    expect(groupsAfter.map((g) => g.displayName).sort()).toEqual(
      Array.from({ length: GROUPS }, (_, g) => `k9-group-${g}`).sort(),
    );
    for (const group of groupsAfter) expectExactMembers(group);
    expect(await brokenInvariants(database.url)).toEqual([]);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

interface UserNode {
  readonly userName: string;
}
interface GroupNode {
  readonly displayName: string;
  readonly memberCount: number;
  readonly members: { readonly nodes: readonly { type: string; user: { userName: string } | null }[] };
}
