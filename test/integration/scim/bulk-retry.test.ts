import type { Json, ScimClient } from '../../fixtures/scim-client';
import {
  BULK_REQUEST,
  ERROR_SCHEMA,
  GROUP_SCHEMA,
  PATCH_OP,
  scim,
  USER_SCHEMA,
} from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

/**
 * A whole Bulk request sent again after a crash cut it short (IdPs and scripts retry whole
 * requests). The crash is simulated deterministically: the first operations of the request are
 * sent alone (what the crashed attempt committed), then the whole request. /scim/v1 serves no
 * Bulk (its ServiceProviderConfig says so), so this is SCIM 2.0 only.
 */
describe('SCIM Bulk sent again after a partial application', () => {
  let sut: TestApp;
  let client: ScimClient;

  beforeAll(async () => {
    sut = await startTestApp();
    client = scim(sut, sut.tenant.scimToken);
  });
  afterAll(() => sut.close());

  const bulk = async (Operations: unknown[]): Promise<Json[]> => {
    const res = await client.post('/Bulk', { schemas: [BULK_REQUEST], Operations });
    if (res.status !== 200) throw new Error(`Bulk → ${res.status} ${res.text}`);
    return res.body.Operations as Json[];
  };
  const postUser = (prefix: string, i: number) => ({
    method: 'POST',
    path: '/Users',
    bulkId: `u${i}`,
    data: {
      schemas: [USER_SCHEMA],
      userName: `${prefix}-${i}@example.com`,
      name: { givenName: 'Retry', familyName: String(i) },
      emails: [{ value: `${prefix}-${i}@example.com`, type: 'work', primary: true }],
      ...(i % 3 === 0 && { password: `${prefix}-password-${i}-long` }),
    },
  });
  const postGroup = (prefix: string, g: number, members: string[]) => ({
    method: 'POST',
    path: '/Groups',
    bulkId: `g${g}`,
    data: {
      schemas: [GROUP_SCHEMA],
      displayName: `${prefix}-group-${g}`,
      externalId: `${prefix}-ext-${g}`,
      members: members.map((bulkId) => ({ type: 'User', value: `bulkId:${bulkId}` })),
    },
  });
  const groupsNamed = async (prefix: string): Promise<Json[]> =>
    (await client.list('/Groups', { filter: `displayName sw "${prefix}-group-"` })).Resources;
  const userIds = async (prefix: string): Promise<Map<string, string>> => {
    const users = (await client.list('/Users', { filter: `userName sw "${prefix}-"` })).Resources as Json[];
    return new Map(users.map((u) => [u.userName as string, u.id as string]));
  };
  const memberIds = (group: Json): string[] =>
    ((group.members ?? []) as Json[]).map((m) => m.value as string).sort();

  it('completes the request: earlier resources are found by their bulkId, nothing is created twice', async () => {
    const p = 'retry';
    const whole = [
      postUser(p, 0),
      postUser(p, 1),
      postUser(p, 2),
      postGroup(p, 0, ['u0', 'u1', 'u2']),
      postUser(p, 3),
      postUser(p, 4),
      postUser(p, 5),
      postGroup(p, 1, ['u3', 'u4', 'u5']),
      {
        method: 'PATCH',
        path: '/Groups/bulkId:g0',
        data: {
          schemas: [PATCH_OP],
          Operations: [{ op: 'add', path: 'members', value: [{ value: 'bulkId:u5' }] }],
        },
      },
    ];
    // The crashed attempt committed the first group and one user of the second.
    const first = await bulk(whole.slice(0, 5));
    expect(first.map((o) => o.status)).toEqual(['201', '201', '201', '201', '201']);

    const retry = await bulk(whole);
    expect(retry.map((o) => o.status)).toEqual([
      '409',
      '409',
      '409',
      '409',
      '409',
      '201',
      '201',
      '201',
      '204',
    ]);
    for (const result of retry.slice(0, 5)) {
      // RFC 7644 §3.7.3: a failed POST has no location; §3.3: an existing resource is 409 uniqueness.
      expect(result).toEqual({
        method: 'POST',
        bulkId: result.bulkId,
        status: '409',
        response: {
          schemas: [ERROR_SCHEMA],
          status: '409',
          scimType: 'uniqueness',
          detail: expect.stringContaining(`"bulkId:${result.bulkId}" refer to it`),
        },
      });
    }

    const users = await userIds(p);
    expect([...users.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `${p}-${i}@example.com`));
    const id = (i: number) => users.get(`${p}-${i}@example.com`) as string;
    const groups = await groupsNamed(p);
    expect(groups.map((g) => g.displayName).sort()).toEqual([`${p}-group-0`, `${p}-group-1`]);
    const byName = new Map(groups.map((g) => [g.displayName as string, g]));
    expect(memberIds(byName.get(`${p}-group-0`))).toEqual([id(0), id(1), id(2), id(5)].sort());
    expect(memberIds(byName.get(`${p}-group-1`))).toEqual([id(3), id(4), id(5)].sort());
    // The first attempt's group is the one the retry named: its id came back in the first answer.
    expect(byName.get(`${p}-group-0`).id).toBe(first[3].location.split('/').pop());
  });

  it('is a no-op the second time the whole request is sent again', async () => {
    const p = 'again';
    const whole = [postUser(p, 0), postUser(p, 1), postGroup(p, 0, ['u0', 'u1'])];
    await bulk(whole);
    expect((await bulk(whole)).map((o) => o.status)).toEqual(['409', '409', '409']);
    expect((await bulk(whole)).map((o) => o.status)).toEqual(['409', '409', '409']);
    const groups = await groupsNamed(p);
    expect(groups).toHaveLength(1);
    const users = await userIds(p);
    expect(memberIds(groups[0])).toEqual([...users.values()].sort());
  });

  describe('a 409 against a different resource keeps the bulkId unresolved', () => {
    const unresolved = (bulkId: string) => ({
      method: 'POST',
      bulkId: 'g0',
      status: '409',
      response: {
        schemas: [ERROR_SCHEMA],
        status: '409',
        detail: `"bulkId:${bulkId}" does not name a resource created by an earlier operation of this bulk request`,
      },
    });

    it.each([
      ['other attribute values', { name: { givenName: 'Someone', familyName: 'Else' } }],
      ['an attribute the operation does not set', { title: 'Director' }],
      ['no password where the operation sets one', { password: undefined }],
      ['a userName that differs in case', { userName: 'DIFF-0@example.com' }],
    ])('an existing user with %s', async (_case, change) => {
      const p = 'diff';
      const operation = postUser(p, 0);
      await client.post('/Users', { ...operation.data, ...change });
      const results = await bulk([operation, postGroup(p, 0, ['u0'])]);
      expect(results[0]).toMatchObject({
        status: '409',
        response: { scimType: 'uniqueness', detail: 'A user with this userName already exists' },
      });
      expect(results[1]).toEqual(unresolved('u0'));
      expect(await groupsNamed(p)).toEqual([]);
      await client.delete(`/Users/${[...(await userIds(p)).values()][0]}`);
    });

    it('a group whose members changed since is not the earlier attempt: a new one is created', async () => {
      const p = 'moved';
      const whole = [postUser(p, 0), postUser(p, 1), postGroup(p, 0, ['u0', 'u1'])];
      const first = await bulk(whole);
      const earlierGroup = first[2].location.split('/').pop();
      const users = await userIds(p);
      await client.patchOps(`/Groups/${earlierGroup}`, [
        { op: 'remove', path: `members[value eq "${users.get(`${p}-1@example.com`)}"]` },
      ]);
      const retry = await bulk(whole);
      expect(retry.map((o) => o.status)).toEqual(['409', '409', '201']);
      expect((await groupsNamed(p)).map((g) => memberIds(g).length).sort()).toEqual([1, 2]);
    });
  });

  it('a first attempt still creates a group equal to an existing one (groups have no uniqueness key)', async () => {
    const p = 'twin';
    const user = await client.createUser({ userName: `${p}@example.com` });
    const group = {
      schemas: [GROUP_SCHEMA],
      displayName: `${p}-group-0`,
      members: [{ value: user.id }],
    };
    await client.createGroup(group);
    const results = await bulk([{ method: 'POST', path: '/Groups', bulkId: 'g0', data: group }]);
    expect(results.map((o) => o.status)).toEqual(['201']);
    expect(await groupsNamed(p)).toHaveLength(2);
  });
});
