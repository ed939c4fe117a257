import type { Json, ScimClient } from '../../fixtures/scim-client';
import {
  BULK_REQUEST,
  expectScimError,
  GROUP_SCHEMA,
  PATCH_OP,
  scim,
  USER_SCHEMA,
} from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

describe('SCIM PATCH of groups', () => {
  let sut: TestApp;
  let client: ScimClient;
  let seq = 0;

  beforeAll(async () => {
    sut = await startTestApp();
    client = scim(sut, sut.tenant.scimToken);
  });
  afterAll(() => sut.close());

  const newUser = (attributes: Record<string, unknown> = {}) =>
    client.createUser({ userName: `patch-${++seq}@example.com`, ...attributes });
  const read = async (path: string) => (await client.get(path)).body;
  describe('groups', () => {
    let people: Json[];
    beforeAll(async () => {
      people = [];
      for (let i = 0; i < 6; i++) people.push(await newUser());
    });
    const members = async (groupId: string): Promise<string[]> =>
      ((await read(`/Groups/${groupId}`)).members ?? []).map((m: Json) => m.value).sort();
    const idsOf = (...indexes: number[]) => indexes.map((i) => people[i].id as string).sort();
    const patchGroup = async (groupId: string, operations: unknown[]) => {
      const res = await client.patchOps(`/Groups/${groupId}`, operations);
      if (res.status !== 204) throw new Error(`PATCH → ${res.status} ${res.text}`);
      expect(res.text).toBe('');
      expect(res.headers.etag).toBe((await read(`/Groups/${groupId}`)).meta.version);
    };

    it("pushes a member with one locked read of the group and one insert, whatever the group's size", async () => {
      const group = await client.createGroup({
        displayName: 'Pushed',
        members: people.slice(0, 5).map((p) => ({ value: p.id })),
      });
      sut.queries.length = 0;
      const res = await client.patchOps(`/Groups/${group.id}`, [
        { op: 'add', path: 'members', value: [{ value: people[5].id }] },
      ]);
      expect(res.status).toBe(204);
      const groupReads = sut.queries.filter((q) => /^SELECT .* FROM [`"]groups[`"] g /.test(q));
      expect(groupReads).toHaveLength(1);
      expect(sut.queries.filter((q) => /INSERT .*group_members/.test(q))).toHaveLength(1);
      expect(sut.queries.filter((q) => /DELETE/i.test(q))).toHaveLength(0);
      // token, BEGIN, locked read, member kinds, insert, version, the change event's sequence number
      // (an upsert and, on MariaDB, its read), audit, COMMIT (+ the token's last use).
      expect(sut.queries.length).toBeLessThanOrEqual(11);
      expect(await members(group.id)).toEqual(idsOf(0, 1, 2, 3, 4, 5));
      expect(res.headers.etag).toBe((await read(`/Groups/${group.id}`)).meta.version);
    });

    it('adds, removes and replaces members with and without a path', async () => {
      const group = await client.createGroup({ displayName: 'Patchers' });
      await patchGroup(group.id, [
        { op: 'add', path: 'members', value: [{ value: people[0].id }, { value: people[1].id }] },
      ]);
      expect(await members(group.id)).toEqual(idsOf(0, 1));
      await patchGroup(group.id, [{ op: 'add', value: { members: [{ value: people[2].id }] } }]);
      expect(await members(group.id)).toEqual(idsOf(0, 1, 2));
      await patchGroup(group.id, [{ op: 'remove', path: `members[value eq "${people[0].id}"]` }]);
      expect(await members(group.id)).toEqual(idsOf(1, 2));
      await patchGroup(group.id, [
        { op: 'remove', path: 'members', value: [{ value: people[1].id }, { value: people[2].id }] },
      ]);
      expect(await members(group.id)).toEqual([]);
      await patchGroup(group.id, [
        { op: 'replace', path: 'members', value: [{ value: people[3].id }, { value: people[4].id }] },
      ]);
      expect(await members(group.id)).toEqual(idsOf(3, 4));
      await patchGroup(group.id, [
        { op: 'replace', value: { displayName: 'Renamed', members: [{ value: people[5].id }] } },
      ]);
      expect(await members(group.id)).toEqual(idsOf(5));
      expect((await read(`/Groups/${group.id}`)).displayName).toBe('Renamed');
      await patchGroup(group.id, [{ op: 'remove', path: 'members' }]);
      const emptied = await read(`/Groups/${group.id}`);
      expect(emptied.members).toBeUndefined();
    });

    it('PUT replaces displayName, externalId and exactly the members', async () => {
      const group = await client.createGroup({
        displayName: 'Put Me',
        externalId: 'put-1',
        members: [{ value: people[0].id }, { value: people[1].id }],
      });
      const res = await client.put(`/Groups/${group.id}`, {
        schemas: [GROUP_SCHEMA],
        displayName: 'Put You',
        members: [{ value: people[1].id }, { value: people[2].id }],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: group.id, displayName: 'Put You' });
      expect(res.body.externalId).toBeUndefined();
      expect(res.headers.etag).toBe(res.body.meta.version);
      expect(res.body.members.map((m: Json) => m.value).sort()).toEqual(idsOf(1, 2));
      expect(await read(`/Groups/${group.id}`)).toEqual(res.body);
    });

    it('a deleted user or group leaves every group it was in', async () => {
      const leaving = await newUser();
      const inner = await client.createGroup({ displayName: 'Inner', members: [{ value: leaving.id }] });
      const outer = await client.createGroup({
        displayName: 'Outer',
        members: [{ value: leaving.id }, { value: inner.id }, { value: people[0].id }],
      });
      expect((await client.delete(`/Users/${leaving.id}`)).status).toBe(204);
      expect((await read(`/Groups/${inner.id}`)).members).toBeUndefined();
      expect(await members(outer.id)).toEqual([inner.id, people[0].id].sort());
      expect((await client.delete(`/Groups/${inner.id}`)).status).toBe(204);
      expect(await members(outer.id)).toEqual(idsOf(0));
      expectScimError(await client.get(`/Groups/${inner.id}`), 404);
    });

    it('answers 400 invalidValue to a membership cycle', async () => {
      const parent = await client.createGroup({ displayName: 'Parent' });
      const child = await client.createGroup({ displayName: 'Child' });
      await patchGroup(parent.id, [{ op: 'add', path: 'members', value: [{ value: child.id }] }]);
      expectScimError(
        await client.patchOps(`/Groups/${child.id}`, [
          { op: 'add', path: 'members', value: [{ value: parent.id }] },
        ]),
        400,
        'invalidValue',
      );
      expectScimError(
        await client.patchOps(`/Groups/${child.id}`, [
          { op: 'add', path: 'members', value: [{ value: child.id }] },
        ]),
        400,
        'invalidValue',
      );
      expect(await members(child.id)).toEqual([]);
    });

    it('accepts op names in any case, or-ed member filters and a no-op re-add', async () => {
      const group = await client.createGroup({ displayName: 'Cases', members: [{ value: people[0].id }] });
      await patchGroup(group.id, [
        {
          op: 'Add',
          path: 'members',
          value: [{ value: people[0].id }, { value: people[1].id }, { value: people[2].id }],
        },
        { op: 'REMOVE', path: `members[value eq "${people[1].id}" or value eq "${people[2].id}"]` },
        { op: 'Replace', path: 'externalId', value: 'ext-cases' },
      ]);
      expect(await members(group.id)).toEqual(idsOf(0));
      expect((await read(`/Groups/${group.id}`)).externalId).toBe('ext-cases');
      const before = (await read(`/Groups/${group.id}`)).meta.version;
      await patchGroup(group.id, [{ op: 'add', path: 'members', value: [{ value: people[0].id }] }]);
      expect((await read(`/Groups/${group.id}`)).meta.version).toBe(before);
    });

    it('answers with the group when attributes are asked for', async () => {
      const group = await client.createGroup({ displayName: 'Shown' });
      const res = await client.patchOps(
        `/Groups/${group.id}`,
        [{ op: 'add', path: 'members', value: [{ value: people[0].id }] }],
        {
          query: { attributes: 'members,displayName' },
        },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: group.id,
        displayName: 'Shown',
        members: [{ value: people[0].id, type: 'User' }],
      });
    });

    it('refuses to change a readOnly attribute named by path with 400 mutability, changing nothing', async () => {
      const group = await client.createGroup({ displayName: 'Fixed', members: [{ value: people[0].id }] });
      const operations = [
        { op: 'replace', path: 'id', value: people[1].id },
        { op: 'remove', path: 'meta.lastModified' },
        { op: 'replace', path: `members[value eq "${people[0].id}"].display`, value: 'Someone else' },
      ];
      for (const operation of operations) {
        expectScimError(
          await client.patchOps(`/Groups/${group.id}`, [
            { op: 'replace', path: 'displayName', value: 'Renamed' },
            operation,
          ]),
          400,
          'mutability',
        );
      }
      const now = await read(`/Groups/${group.id}`);
      expect(now).toMatchObject({ displayName: 'Fixed', meta: { version: group.meta.version } });
    });

    it('a failing group PATCH changes nothing', async () => {
      const group = await client.createGroup({ displayName: 'Stable', members: [{ value: people[0].id }] });
      const unchanged = async () => {
        const now = await read(`/Groups/${group.id}`);
        expect(now.meta.version).toBe(group.meta.version);
        expect(now.displayName).toBe('Stable');
        expect(now.members.map((m: Json) => m.value)).toEqual([people[0].id]);
      };
      expectScimError(
        await client.patchOps(`/Groups/${group.id}`, [
          { op: 'replace', path: 'displayName', value: 'Changed' },
          {
            op: 'add',
            path: 'members',
            value: [{ value: people[1].id }, { value: '01890000-0000-7000-8000-00000000dead' }],
          },
        ]),
        400,
        'invalidValue',
      );
      await unchanged();
      expectScimError(
        await client.patchOps(`/Groups/${group.id}`, [
          { op: 'add', path: 'members', value: [{ value: people[1].id }] },
          { op: 'replace', path: 'displayName', value: 42 },
        ]),
        400,
        'invalidValue',
      );
      await unchanged();
      expectScimError(
        await client.patchOps(`/Groups/${group.id}`, [
          { op: 'add', path: 'members', value: [{ value: people[1].id }] },
          { op: 'remove', path: 'displayName' },
        ]),
        400,
        'mutability',
      );
      await unchanged();
      expectScimError(
        await client.patchOps(`/Groups/${group.id}`, [{ op: 'remove', path: 'colour' }]),
        400,
        'invalidPath',
      );
      expectScimError(await client.patchOps(`/Groups/${group.id}`, [{ op: 'remove' }]), 400, 'noTarget');
      expectScimError(
        await client.patch(`/Groups/${group.id}`, { schemas: [PATCH_OP] }),
        400,
        'invalidSyntax',
      );
      expectScimError(
        await client.patchOps(`/Groups/${group.id}`, [{ op: 'remove', path: 'members[display eq "x"]' }]),
        400,
        'invalidFilter',
      );
      await unchanged();
    });

    it('10 parallel PATCHes adding disjoint member sets leave the union', async () => {
      const batch = await client.post('/Bulk', {
        schemas: [BULK_REQUEST],
        Operations: Array.from({ length: 30 }, (_, i) => ({
          method: 'POST',
          path: '/Users',
          bulkId: `p${i}`,
          data: { schemas: [USER_SCHEMA], userName: `parallel-${i}@example.com` },
        })),
      });
      expect(batch.status).toBe(200);
      const userIds: string[] = batch.body.Operations.map((o: Json) => o.location.split('/').pop());
      const group = await client.createGroup({ displayName: 'Parallel' });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          client.patchOps(`/Groups/${group.id}`, [
            {
              op: 'add',
              path: 'members',
              value: userIds.slice(i * 3, i * 3 + 3).map((value) => ({ value })),
            },
          ]),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(204));
      expect(await members(group.id)).toEqual([...userIds].sort());
    });

    it('a rename racing member changes is not undone by them', async () => {
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      for (let round = 0; round < 3; round++) {
        const group = await client.createGroup({
          displayName: `Before ${round}`,
          members: [{ value: people[5].id }],
        });
        const path = `/Groups/${group.id}`;
        // Staggered, so some member changes read the group before the rename commits and write after it.
        const memberChanges = people
          .slice(0, 5)
          .map((p, i) =>
            pause(i * 3).then(() =>
              client.patchOps(path, [{ op: 'add', path: 'members', value: [{ value: p.id }] }]),
            ),
          );
        const results = await Promise.all([
          ...memberChanges,
          client.patchOps(path, [{ op: 'replace', path: 'displayName', value: `After ${round}` }]),
          pause(8).then(() =>
            client.patchOps(path, [{ op: 'remove', path: `members[value eq "${people[5].id}"]` }]),
          ),
        ]);
        expect(results.map((r) => r.status)).toEqual(Array(7).fill(204));
        const now = await read(path);
        expect(now.displayName).toBe(`After ${round}`);
        expect(now.members.map((m: Json) => m.value).sort()).toEqual(idsOf(0, 1, 2, 3, 4));
        expect(now.meta.version).toBe('W/"8"');
      }
    });

    it('one PATCH adds 1,000 members', async () => {
      const batch = await client.post('/Bulk', {
        schemas: [BULK_REQUEST],
        Operations: Array.from({ length: 1000 }, (_, i) => ({
          method: 'POST',
          path: '/Users',
          bulkId: `k${i}`,
          data: { schemas: [USER_SCHEMA], userName: `thousand-${i}@example.com` },
        })),
      });
      expect(batch.status).toBe(200);
      const userIds: string[] = batch.body.Operations.map((o: Json) => o.location.split('/').pop());
      expect(new Set(userIds).size).toBe(1000);
      const group = await client.createGroup({ displayName: 'Thousand' });
      const res = await client.patchOps(`/Groups/${group.id}`, [
        { op: 'add', path: 'members', value: userIds.map((value) => ({ value })) },
      ]);
      expect(res.status).toBe(204);
      const full = await read(`/Groups/${group.id}`);
      expect(full.members).toHaveLength(1000);
      expect(full.members.map((m: Json) => m.value).sort()).toEqual([...userIds].sort());
      expect(full.meta.version).toBe('W/"2"');
      const count = await client.get('/Groups', {
        query: { filter: `members.value eq "${userIds[999]}"`, excludedAttributes: 'members' },
      });
      expect(count.body.Resources.map((g: Json) => g.displayName)).toEqual(['Thousand']);
    }, 60_000);
  });
});
