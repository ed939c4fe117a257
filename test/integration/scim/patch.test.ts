import type { Json, ScimClient } from '../../fixtures/scim-client';
import {
  BULK_REQUEST,
  ENTERPRISE,
  expectScimError,
  GROUP_SCHEMA,
  PATCH_OP,
  scim,
  USER_SCHEMA,
} from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

describe('SCIM PATCH', () => {
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
  /** PATCHes, asserts 200, returns the answer's body. */
  const patched = async (path: string, operations: unknown[]) => {
    const res = await client.patchOps(path, operations);
    if (res.status !== 200)
      throw new Error(`PATCH ${JSON.stringify(operations)} → ${res.status} ${res.text}`);
    expect(res.headers.etag).toBe(res.body.meta.version);
    expect(res.body).toEqual(await read(path));
    return res.body;
  };

  describe('users: add, replace and remove', () => {
    it('add with a path appends values and does not duplicate an existing one', async () => {
      const user = await newUser({ emails: [{ value: 'a@work.example', type: 'work' }] });
      const body = await patched(`/Users/${user.id}`, [
        {
          op: 'add',
          path: 'emails',
          value: [
            { value: 'a@home.example', type: 'home' },
            { value: 'A@WORK.example', type: 'work' },
          ],
        },
        { op: 'add', path: 'nickName', value: 'Ace' },
      ]);
      expect(body.emails).toEqual([
        { value: 'a@work.example', type: 'work' },
        { value: 'a@home.example', type: 'home' },
      ]);
      expect(body.nickName).toBe('Ace');
    });

    it('add and replace without a path merge a partial resource', async () => {
      const user = await newUser({ name: { givenName: 'Ann', familyName: 'Old' }, title: 'Dev' });
      const added = await patched(`/Users/${user.id}`, [
        {
          op: 'add',
          value: { nickName: 'annie', name: { familyName: 'New' }, [`${ENTERPRISE}:department`]: 'QA' },
        },
      ]);
      expect(added).toMatchObject({
        nickName: 'annie',
        name: { givenName: 'Ann', familyName: 'New' },
        title: 'Dev',
      });
      expect(added[ENTERPRISE]).toEqual({ department: 'QA' });
      const replaced = await patched(`/Users/${user.id}`, [
        {
          op: 'replace',
          value: { title: 'Lead', 'name.givenName': 'Anna', [ENTERPRISE]: { department: 'Ops' } },
        },
      ]);
      expect(replaced).toMatchObject({ title: 'Lead', name: { givenName: 'Anna', familyName: 'New' } });
      expect(replaced[ENTERPRISE]).toEqual({ department: 'Ops' });
    });

    it('replace with a path overwrites, remove with a path unassigns', async () => {
      const user = await newUser({
        title: 'Dev',
        name: { givenName: 'Rex', familyName: 'R' },
        phoneNumbers: [{ value: '555-1', type: 'work' }],
      });
      const body = await patched(`/Users/${user.id}`, [
        { op: 'replace', path: 'title', value: 'Architect' },
        { op: 'replace', path: 'name.familyName', value: 'Rogers' },
        { op: 'replace', path: 'phoneNumbers', value: [{ value: '555-2', type: 'mobile' }] },
        { op: 'remove', path: 'name.givenName' },
      ]);
      expect(body).toMatchObject({
        title: 'Architect',
        name: { familyName: 'Rogers' },
        phoneNumbers: [{ value: '555-2', type: 'mobile' }],
      });
      expect(body.name.givenName).toBeUndefined();
      const removed = await patched(`/Users/${user.id}`, [
        { op: 'remove', path: 'title' },
        { op: 'remove', path: 'name' },
      ]);
      expect(removed.title).toBeUndefined();
      expect(removed.name).toBeUndefined();
    });

    it('value-path filters select the values an operation changes', async () => {
      const user = await newUser({
        emails: [
          { value: 'v@work.example', type: 'work', primary: true },
          { value: 'v@home.example', type: 'home' },
        ],
        addresses: [{ type: 'work', locality: 'Paris' }],
      });
      const path = `/Users/${user.id}`;
      let body = await patched(path, [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'v2@work.example' },
        { op: 'replace', path: 'addresses[type eq "work"].locality', value: 'Lyon' },
        { op: 'add', path: 'emails[type eq "other"].value', value: 'v@other.example' },
      ]);
      expect(body.emails).toEqual([
        { value: 'v2@work.example', type: 'work', primary: true },
        { value: 'v@home.example', type: 'home' },
        { value: 'v@other.example', type: 'other' },
      ]);
      expect(body.addresses).toEqual([{ type: 'work', locality: 'Lyon' }]);
      body = await patched(path, [
        { op: 'remove', path: 'emails[type eq "home" or value ew "other.example"]' },
      ]);
      expect(body.emails).toEqual([{ value: 'v2@work.example', type: 'work', primary: true }]);
      body = await patched(path, [
        { op: 'replace', path: 'emails[value eq "V2@WORK.example"].primary', value: false },
      ]);
      expect(body.emails).toEqual([{ value: 'v2@work.example', type: 'work' }]);
    });

    it('removing the last value unassigns the attribute', async () => {
      const user = await newUser({
        emails: [{ value: 'last@example.com', type: 'work' }],
        roles: [{ value: 'admin' }],
      });
      const body = await patched(`/Users/${user.id}`, [
        { op: 'remove', path: 'emails[value eq "last@example.com"]' },
        { op: 'remove', path: 'roles', value: [{ value: 'admin' }] },
      ]);
      expect(body.emails).toBeUndefined();
      expect(body.roles).toBeUndefined();
    });

    it('accepts op names in any case and "False"/"True" strings', async () => {
      const user = await newUser({ title: 'x' });
      const body = await patched(`/Users/${user.id}`, [
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'ADD', path: 'nickName', value: 'caps' },
        { op: 'Remove', path: 'title' },
      ]);
      expect(body).toMatchObject({ active: false, nickName: 'caps' });
      expect(body.title).toBeUndefined();
      expect(
        (await patched(`/Users/${user.id}`, [{ op: 'replace', value: { active: 'True' } }])).active,
      ).toBe(true);
    });

    it('a PATCH that changes nothing keeps the version', async () => {
      const user = await newUser({ active: false });
      const body = await patched(`/Users/${user.id}`, [{ op: 'replace', path: 'active', value: false }]);
      expect(body.meta.version).toBe(user.meta.version);
    });
  });

  describe('users: errors change nothing', () => {
    let user: Json;
    beforeAll(async () => {
      user = await newUser({ title: 'Keep', emails: [{ value: 'keep@example.com', type: 'work' }] });
    });
    const unchanged = async () => expect(await read(`/Users/${user.id}`)).toEqual(user);

    it.each([
      ['no Operations', { schemas: [PATCH_OP] }],
      ['empty Operations', { schemas: [PATCH_OP], Operations: [] }],
      ['Operations that is not a list', { schemas: [PATCH_OP], Operations: { op: 'add' } }],
      [
        'a wrong message schema',
        { schemas: [USER_SCHEMA], Operations: [{ op: 'add', path: 'title', value: 'x' }] },
      ],
      ['an unknown op', { schemas: [PATCH_OP], Operations: [{ op: 'merge', path: 'title', value: 'x' }] }],
      ['add without a value', { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'title' }] }],
    ])('answers 400 invalidSyntax for %s', async (_name, body) => {
      expectScimError(await client.patch(`/Users/${user.id}`, body), 400, 'invalidSyntax');
      await unchanged();
    });

    it.each([
      ['remove without a path', [{ op: 'remove' }]],
      ['remove with a filter that matches nothing', [{ op: 'remove', path: 'emails[type eq "fax"]' }]],
      [
        'remove of a sub-attribute through a filter that matches nothing',
        [{ op: 'remove', path: 'emails[value eq "nope"].display' }],
      ],
      [
        'replace through a filter that can match nothing',
        [{ op: 'replace', path: 'emails[value co "zzz"].type', value: 'home' }],
      ],
    ])('answers 400 noTarget for %s', async (_name, operations) => {
      expectScimError(await client.patchOps(`/Users/${user.id}`, operations), 400, 'noTarget');
      await unchanged();
    });

    it.each([
      ['an undefined attribute', 'shoeSize'],
      ['an undefined sub-attribute', 'name.nickName'],
      ['a malformed filter', 'emails[type eq]'],
      ['an unknown attribute in the filter', 'emails[colour eq "red"]'],
      ['a number for a name', '12abc'],
      ['a filter on a simple attribute', 'title[value eq "x"]'],
      ['an unknown schema', 'urn:example:nope:2.0:User:title'],
    ])('answers 400 invalidPath for %s', async (_name, path) => {
      expectScimError(
        await client.patchOps(`/Users/${user.id}`, [{ op: 'replace', path, value: 'x' }]),
        400,
        'invalidPath',
      );
      await unchanged();
    });

    it('answers 400 invalidValue for a value of the wrong type', async () => {
      expectScimError(
        await client.patchOps(`/Users/${user.id}`, [{ op: 'replace', path: 'active', value: 'maybe' }]),
        400,
        'invalidValue',
      );
      expectScimError(
        await client.patchOps(`/Users/${user.id}`, [{ op: 'replace', path: 'title', value: { a: 1 } }]),
        400,
        'invalidValue',
      );
      await unchanged();
    });

    it('answers 400 mutability for removing userName or id', async () => {
      expectScimError(
        await client.patchOps(`/Users/${user.id}`, [{ op: 'remove', path: 'userName' }]),
        400,
        'mutability',
      );
      expectScimError(
        await client.patchOps(`/Users/${user.id}`, [{ op: 'remove', path: 'id' }]),
        400,
        'mutability',
      );
      await unchanged();
    });

    it('applies all operations or none: a later failing one undoes the earlier ones', async () => {
      const res = await client.patchOps(`/Users/${user.id}`, [
        { op: 'replace', path: 'title', value: 'Changed' },
        { op: 'add', path: 'emails', value: [{ value: 'new@example.com' }] },
        { op: 'remove', path: 'emails[type eq "nothing-like-this"]' },
      ]);
      expectScimError(res, 400, 'noTarget');
      await unchanged();
    });

    it('a PATCH whose result the domain rejects writes nothing', async () => {
      const taken = await newUser();
      const res = await client.patchOps(`/Users/${user.id}`, [
        { op: 'replace', path: 'title', value: 'Changed' },
        { op: 'replace', path: 'userName', value: taken.userName.toUpperCase() },
      ]);
      expectScimError(res, 409, 'uniqueness');
      await unchanged();
    });
  });

  describe('users: concurrency', () => {
    it('20 parallel PATCHes of different attributes are all applied', async () => {
      const user = await newUser();
      const changes: [string, string][] = [
        ['title', 'T'],
        ['nickName', 'N'],
        ['displayName', 'D'],
        ['profileUrl', 'https://example.com/p'],
        ['userType', 'Employee'],
        ['preferredLanguage', 'en'],
        ['locale', 'en-US'],
        ['timezone', 'Europe/Paris'],
        ['externalId', 'X-1'],
        ['name.givenName', 'G'],
        ['name.familyName', 'F'],
        ['name.middleName', 'M'],
        ['name.honorificPrefix', 'Dr'],
        ['name.honorificSuffix', 'III'],
        ['name.formatted', 'Dr G M F III'],
        [`${ENTERPRISE}:employeeNumber`, '42'],
        [`${ENTERPRISE}:costCenter`, 'CC'],
        [`${ENTERPRISE}:organization`, 'Org'],
        [`${ENTERPRISE}:division`, 'Div'],
        [`${ENTERPRISE}:department`, 'Dep'],
      ];
      const results = await Promise.all(
        changes.map(([path, value]) =>
          client.patchOps(`/Users/${user.id}`, [{ op: 'replace', path, value }]),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(changes.map(() => 200));
      const body = await read(`/Users/${user.id}`);
      expect(body).toMatchObject({
        title: 'T',
        nickName: 'N',
        displayName: 'D',
        profileUrl: 'https://example.com/p',
        userType: 'Employee',
        preferredLanguage: 'en',
        locale: 'en-US',
        timezone: 'Europe/Paris',
        externalId: 'X-1',
        name: {
          givenName: 'G',
          familyName: 'F',
          middleName: 'M',
          honorificPrefix: 'Dr',
          honorificSuffix: 'III',
          formatted: 'Dr G M F III',
        },
        [ENTERPRISE]: {
          employeeNumber: '42',
          costCenter: 'CC',
          organization: 'Org',
          division: 'Div',
          department: 'Dep',
        },
      });
      expect(body.meta.version).toBe('W/"21"');
    });
  });

  describe('users: concurrent replaces', () => {
    it('10 parallel PUTs without If-Match all succeed, one after another', async () => {
      const user = await newUser();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          client.put(`/Users/${user.id}`, {
            schemas: [USER_SCHEMA],
            userName: user.userName,
            title: `Title ${i}`,
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
      const versions = results.map((r) => r.body.meta.version).sort();
      expect(new Set(versions).size).toBe(10);
      const final = await read(`/Users/${user.id}`);
      expect(final.meta.version).toBe('W/"11"');
      expect(results.map((r) => r.body.title)).toContain(final.title);
    });
  });

  describe('users: concurrent changes to one multi-valued attribute', () => {
    it('10 parallel PATCHes adding different emails are all applied', async () => {
      const user = await newUser({ emails: [{ value: 'first@multi.example', type: 'work' }] });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          client.patchOps(`/Users/${user.id}`, [
            { op: 'add', path: 'emails', value: [{ value: `e${i}@multi.example`, type: 'other' }] },
          ]),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
      const emails = (await read(`/Users/${user.id}`)).emails.map((e: Json) => e.value).sort();
      expect(emails).toEqual(
        ['first@multi.example', ...Array.from({ length: 10 }, (_, i) => `e${i}@multi.example`)].sort(),
      );
    });
  });

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
