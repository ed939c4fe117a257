import type { Json, ScimClient } from '../../fixtures/scim-client';
import {
  ENTERPRISE,
  expectScimError,
  GROUP_SCHEMA,
  ids,
  LIST_RESPONSE,
  SEARCH_REQUEST,
  scim,
  USER_SCHEMA,
  userNames,
} from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

const MAX = 10;
const DEFAULT_COUNT = 4;
const pad = (i: number) => String(i).padStart(2, '0');

describe('SCIM listing', () => {
  let sut: TestApp;
  let client: ScimClient;
  /** u01 … u12, created in order; family names in reverse order. */
  const users: Json[] = [];

  beforeAll(async () => {
    sut = await startTestApp({ SCIM_MAX_RESULTS: String(MAX), SCIM_DEFAULT_COUNT: String(DEFAULT_COUNT) });
    client = scim(sut, sut.tenant.scimToken);
    for (let i = 1; i <= 12; i++) {
      users.push(
        await client.createUser({
          userName: `u${pad(i)}@list.example`,
          name: { givenName: `Given${pad(i)}`, familyName: `Family${pad(13 - i)}` },
          emails: [{ value: `u${pad(i)}@list.example`, type: 'work' }],
          title: i % 2 === 0 ? 'Even' : 'Odd',
          [ENTERPRISE]: { department: `D${pad(i % 3)}` },
          ...(i === 1 && { password: 'never-Shown-1' }),
        }),
      );
    }
  });
  afterAll(() => sut.close());

  const page = async (query: Record<string, string | number>) => {
    const res = await client.get('/Users', { query: { sortBy: 'userName', ...query } });
    if (res.status !== 200) throw new Error(`${JSON.stringify(query)} → ${res.status} ${res.text}`);
    return res.body;
  };
  const names = (body: Json) => userNames(body).map((n) => n.slice(0, 3));

  describe('startIndex and count', () => {
    it('pages are 1-based and carry the ListResponse fields', async () => {
      const body = await page({ startIndex: 1, count: 3 });
      expect(body).toMatchObject({
        schemas: [LIST_RESPONSE],
        totalResults: 12,
        startIndex: 1,
        itemsPerPage: 3,
      });
      expect(names(body)).toEqual(['u01', 'u02', 'u03']);
      expect(names(await page({ startIndex: 4, count: 3 }))).toEqual(['u04', 'u05', 'u06']);
      const last = await page({ startIndex: 11, count: 3 });
      expect(last).toMatchObject({ totalResults: 12, startIndex: 11, itemsPerPage: 2 });
      expect(names(last)).toEqual(['u11', 'u12']);
      const beyond = await page({ startIndex: 50, count: 3 });
      expect(beyond).toMatchObject({ totalResults: 12, startIndex: 50, itemsPerPage: 0, Resources: [] });
    });

    it('count=0 returns only totalResults', async () => {
      const body = await page({ count: 0 });
      expect(body).toMatchObject({ totalResults: 12, itemsPerPage: 0, Resources: [] });
      const filtered = await page({ count: 0, filter: 'title eq "Odd"' });
      expect(filtered).toMatchObject({ totalResults: 6, itemsPerPage: 0, Resources: [] });
    });

    it('a negative count is read as 0', async () => {
      expect(await page({ count: -5 })).toMatchObject({ totalResults: 12, itemsPerPage: 0, Resources: [] });
    });

    it('a startIndex far past the end reads an empty page, whatever its size', async () => {
      for (const startIndex of [13, 2 ** 31, 2 ** 52]) {
        const body = await page({ startIndex, count: 2 });
        expect(names(body)).toEqual([]);
        expect(body.totalResults).toBe(12);
      }
    });

    it('a startIndex below 1 is read as 1', async () => {
      for (const startIndex of [0, -7]) {
        const body = await page({ startIndex, count: 2 });
        expect(body.startIndex).toBe(1);
        expect(names(body)).toEqual(['u01', 'u02']);
      }
    });

    it('without count the default page size applies; above the maximum count is clamped', async () => {
      expect((await page({})).Resources).toHaveLength(DEFAULT_COUNT);
      const clamped = await page({ count: 5000 });
      expect(clamped).toMatchObject({ totalResults: 12, itemsPerPage: MAX });
      expect(clamped.Resources).toHaveLength(MAX);
      const huge = await page({ count: '99999999999999999999999' });
      expect(huge.Resources).toHaveLength(MAX);
    });

    it.each([
      ['count', 'abc'],
      ['count', '1.5'],
      ['startIndex', 'first'],
      ['sortOrder', 'sideways'],
    ])('answers 400 invalidValue for %s=%s', async (name, value) => {
      expectScimError(await client.get('/Users', { query: { [name]: value } }), 400, 'invalidValue');
    });

    it('answers 400 invalidValue for a repeated parameter', async () => {
      expectScimError(await client.get('/Users?count=1&count=2'), 400, 'invalidValue');
    });
  });

  describe('sorting', () => {
    it('sorts by userName ascending and descending, case-insensitively', async () => {
      expect(names(await page({ count: 3, sortOrder: 'descending' }))).toEqual(['u12', 'u11', 'u10']);
      expect(names(await page({ count: 3, sortOrder: 'DESCENDING' }))).toEqual(['u12', 'u11', 'u10']);
      expect(names(await page({ count: 3, sortOrder: 'ascending' }))).toEqual(['u01', 'u02', 'u03']);
    });

    it('sorts by a sub-attribute, an extension attribute and meta.created', async () => {
      expect(names(await page({ sortBy: 'name.familyName', count: 3 }))).toEqual(['u12', 'u11', 'u10']);
      expect(names(await page({ sortBy: 'NAME.FAMILYNAME', count: 2, sortOrder: 'descending' }))).toEqual([
        'u01',
        'u02',
      ]);
      expect(names(await page({ sortBy: 'meta.created', count: 2, sortOrder: 'descending' }))).toEqual([
        'u12',
        'u11',
      ]);
      const byDepartment = await page({ sortBy: `${ENTERPRISE}:department`, count: 10 });
      const departments = byDepartment.Resources.map((r: Json) => r[ENTERPRISE].department);
      expect(departments).toEqual([...departments].sort());
    });

    it('pages through a sorted list without gaps or repeats', async () => {
      const seen: string[] = [];
      for (let startIndex = 1; startIndex <= 12; startIndex += 5) {
        seen.push(
          ...names(await page({ sortBy: 'name.familyName', sortOrder: 'descending', startIndex, count: 5 })),
        );
      }
      expect(seen).toEqual(users.map((u) => u.userName.slice(0, 3)));
    });

    it('sorts by a multi-valued attribute through its primary (or first) value', async () => {
      const reversed = await page({ sortBy: 'emails', sortOrder: 'descending', count: 2 });
      expect(names(reversed)).toEqual(['u12', 'u11']);
      expect(names(await page({ sortBy: 'emails.value', count: 2 }))).toEqual(['u01', 'u02']);
    });

    it.each(['shoeSize', 'name', 'groups', 'meta', 'name.shoeSize'])(
      'answers 400 invalidValue for sortBy=%s',
      async (sortBy) => {
        const res = await client.get('/Users', { query: { sortBy } });
        expectScimError(res, 400, 'invalidValue');
        expect(res.body.detail).toContain(sortBy.split('.').pop());
      },
    );
  });

  describe('attributes and excludedAttributes', () => {
    const first = async (query: Record<string, string>) =>
      (await client.get('/Users', { query: { filter: 'userName eq "u01@list.example"', ...query } })).body
        .Resources[0];

    it('attributes returns the named ones plus id and schemas', async () => {
      expect(await first({ attributes: 'userName' })).toEqual({
        schemas: [USER_SCHEMA, ENTERPRISE],
        id: users[0].id,
        userName: 'u01@list.example',
      });
      expect(await first({ attributes: 'name.givenName,emails.value' })).toEqual({
        schemas: expect.any(Array),
        id: users[0].id,
        name: { givenName: 'Given01' },
        emails: [{ value: 'u01@list.example' }],
      });
      expect(await first({ attributes: `${ENTERPRISE}:department,meta.version` })).toEqual({
        schemas: expect.any(Array),
        id: users[0].id,
        meta: { version: users[0].meta.version },
        [ENTERPRISE]: { department: 'D01' },
      });
    });

    it('excludedAttributes drops the named ones but never id', async () => {
      const user = await first({ excludedAttributes: 'emails,name,id,meta' });
      expect(user.id).toBe(users[0].id);
      for (const gone of ['emails', 'name', 'meta']) expect(user[gone]).toBeUndefined();
      expect(user).toMatchObject({ userName: 'u01@list.example', title: 'Odd', active: true });
      const noDepartment = await first({ excludedAttributes: `${ENTERPRISE}:department` });
      expect(noDepartment[ENTERPRISE]).toBeUndefined();
    });

    it('never returns the password, even when named', async () => {
      const res = await client.get('/Users', { query: { attributes: 'password,userName', count: 10 } });
      expect(res.status).toBe(200);
      expect(res.text).not.toMatch(/password|never-Shown/i);
      expect(Object.keys(res.body.Resources[0]).sort()).toEqual(['id', 'schemas', 'userName']);
    });

    it('applies to single-resource reads and writes too', async () => {
      const read = await client.get(`/Users/${users[1].id}`, { query: { attributes: 'userName' } });
      expect(Object.keys(read.body).sort()).toEqual(['id', 'schemas', 'userName']);
      const patched = await client.patchOps(
        `/Users/${users[1].id}`,
        [{ op: 'replace', path: 'nickName', value: 'two' }],
        { query: { excludedAttributes: 'emails,name' } },
      );
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ nickName: 'two' });
      expect(patched.body.emails).toBeUndefined();
    });

    it('answers 400 invalidValue for a malformed attribute name', async () => {
      expectScimError(
        await client.get('/Users', { query: { attributes: 'user name' } }),
        400,
        'invalidValue',
      );
    });

    it('excludedAttributes=members lists groups without their members', async () => {
      const group = await client.createGroup({
        displayName: 'Listed',
        members: users.slice(0, 3).map((u) => ({ value: u.id })),
      });
      const withMembers = await client.get('/Groups', { query: { filter: 'displayName eq "Listed"' } });
      expect(withMembers.body.Resources[0].members).toHaveLength(3);
      const without = await client.get('/Groups', {
        query: { filter: 'displayName eq "Listed"', excludedAttributes: 'members' },
      });
      expect(without.body.Resources[0]).toMatchObject({ id: group.id, displayName: 'Listed' });
      expect(without.body.Resources[0].members).toBeUndefined();
      const read = await client.get(`/Groups/${group.id}`, { query: { excludedAttributes: 'members' } });
      expect(read.body.members).toBeUndefined();
      const onlyMembers = await client.get(`/Groups/${group.id}`, { query: { attributes: 'members.value' } });
      expect(onlyMembers.body.members.map((m: Json) => Object.keys(m))).toEqual([
        ['value'],
        ['value'],
        ['value'],
      ]);
    });
  });

  describe('cursor pagination', () => {
    it('an empty cursor starts, nextCursor continues until it is absent', async () => {
      const seen: string[] = [];
      let cursor = '';
      for (let i = 0; i < 10; i++) {
        const res = await client.get('/Users', { query: { cursor, count: 5 } });
        expect(res.status).toBe(200);
        expect(res.body.startIndex).toBeUndefined();
        expect(res.body.totalResults).toBe(12);
        seen.push(...ids(res.body));
        if (!res.body.nextCursor) break;
        cursor = res.body.nextCursor;
      }
      expect(seen).toHaveLength(12);
      expect(new Set(seen)).toEqual(new Set(users.map((u) => u.id)));
    });

    it('follows a filter and sort order', async () => {
      const seen: string[] = [];
      let cursor = '';
      do {
        const res = await client.get('/Users', {
          query: { cursor, count: 2, filter: 'title eq "Even"', sortBy: 'userName', sortOrder: 'descending' },
        });
        seen.push(...names(res.body));
        cursor = res.body.nextCursor ?? '';
      } while (cursor && seen.length < 20);
      expect(seen).toEqual(['u12', 'u10', 'u08', 'u06', 'u04', 'u02']);
    });

    it('answers 400 invalidCursor for a cursor it did not issue', async () => {
      expectScimError(await client.get('/Users', { query: { cursor: 'not/valid' } }), 400, 'invalidCursor');
      expectScimError(
        await client.get('/Users', { query: { cursor: 'bm90LWEtY3Vyc29y' } }),
        400,
        'invalidCursor',
      );
    });

    it('answers 400 invalidValue for startIndex and cursor together', async () => {
      expectScimError(
        await client.get('/Users', { query: { cursor: '', startIndex: 2 } }),
        400,
        'invalidValue',
      );
    });
  });

  describe('POST /.search', () => {
    it('/Users/.search takes every list parameter in the body', async () => {
      const res = await client.post('/Users/.search', {
        schemas: [SEARCH_REQUEST],
        filter: 'title eq "Odd"',
        sortBy: 'userName',
        sortOrder: 'descending',
        startIndex: 2,
        count: 2,
        attributes: ['userName', 'title'],
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(res.body).toMatchObject({ totalResults: 6, startIndex: 2, itemsPerPage: 2 });
      expect(res.body.Resources).toEqual([
        { schemas: expect.any(Array), id: users[8].id, userName: 'u09@list.example', title: 'Odd' },
        { schemas: expect.any(Array), id: users[6].id, userName: 'u07@list.example', title: 'Odd' },
      ]);
    });

    it.each([
      ['attributes', [{ toString: '' }]],
      ['attributes', ['userName', 7]],
      ['excludedAttributes', [null]],
    ])('answers 400 invalidValue when %s holds something other than names: %j', async (name, value) => {
      const res = await client.post('/Users/.search', { schemas: [SEARCH_REQUEST], [name]: value });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    });

    it('/Groups/.search filters groups and honours excludedAttributes', async () => {
      await client.createGroup({ displayName: 'Searchable', members: [{ value: users[5].id }] });
      const res = await client.post('/Groups/.search', {
        schemas: [SEARCH_REQUEST],
        filter: `members.value eq "${users[5].id}"`,
        excludedAttributes: ['members'],
      });
      expect(res.status).toBe(200);
      expect(res.body.totalResults).toBe(1);
      expect(res.body.Resources[0]).toMatchObject({ displayName: 'Searchable' });
      expect(res.body.Resources[0].members).toBeUndefined();
      expect(res.body.Resources[0].schemas).toEqual([GROUP_SCHEMA]);
    });

    it('answers 400 for a search body that is not an object or has bad parameters', async () => {
      expectScimError(await client.post('/Users/.search', [1, 2]), 400, 'invalidSyntax');
      expectScimError(
        await client.post('/Users/.search', { schemas: [SEARCH_REQUEST], count: 'ten' }),
        400,
        'invalidValue',
      );
      expectScimError(
        await client.post('/Users/.search', { schemas: [SEARCH_REQUEST], filter: 'userName eq' }),
        400,
        'invalidFilter',
      );
    });
  });

  describe('an import walk while users come and go', () => {
    it('sees every user that existed throughout exactly once', async () => {
      const setup = scim(sut, sut.other.scimToken);
      const stable: string[] = [];
      const churn: string[] = [];
      for (let i = 0; i < 60; i++) {
        const user = await setup.createUser({ userName: `walk-${pad(i)}@other.example` });
        (i % 3 === 1 ? churn : stable).push(user.id);
      }
      const seen: string[] = [];
      let created = 0;
      let startIndex = 1;
      for (let pages = 0; pages < 50; pages++) {
        const victim = churn.splice((pages * 7) % Math.max(churn.length, 1), 1)[0];
        const [res] = await Promise.all([
          setup.get('/Users', { query: { startIndex, count: MAX } }),
          setup.createUser({ userName: `walk-new-${created++}@other.example` }),
          victim ? setup.delete(`/Users/${victim}`) : Promise.resolve(undefined),
        ]);
        expect(res.status).toBe(200);
        seen.push(...ids(res.body));
        if (res.body.Resources.length === 0) break;
        startIndex += res.body.Resources.length;
      }
      const counts = new Map<string, number>();
      for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
      expect(stable.filter((id) => counts.get(id) !== 1)).toEqual([]);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    });
  });
});
