import type { Json, ScimClient } from '../../fixtures/scim-client';
import { ENTERPRISE, expectScimError, PATCH_OP, scim, USER_SCHEMA } from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

describe('SCIM PATCH of users', () => {
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

    it.each([
      ['remove', { op: 'remove', path: 'active' }],
      ['replace with null', { op: 'replace', path: 'active', value: null }],
      ['no-path replace with null', { op: 'replace', value: { active: null } }],
    ])('%s of active never grants access: unassigned active is inactive', async (_name, operation) => {
      const deactivated = await newUser({ active: false });
      expect((await patched(`/Users/${deactivated.id}`, [operation])).active).toBe(false);
      const active = await newUser({ active: true });
      expect((await patched(`/Users/${active.id}`, [operation])).active).toBe(false);
      const v1 = scim(sut, sut.tenant.scimToken, '/scim/v1');
      const viaV1 = await v1.patch(`/Users/${deactivated.id}`, {
        schemas: ['urn:scim:schemas:core:1.0'],
        meta: { attributes: ['active'] },
      });
      expect({ status: viaV1.status, active: viaV1.body.active }).toEqual({ status: 200, active: false });
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

    it.each([
      ['replacing id', { op: 'replace', path: 'id', value: '01890000-0000-7000-8000-000000000001' }],
      ['adding id', { op: 'add', path: 'id', value: '01890000-0000-7000-8000-000000000001' }],
      ['replacing meta.created', { op: 'replace', path: 'meta.created', value: '2001-01-01T00:00:00Z' }],
      ['removing meta.created', { op: 'remove', path: 'meta.created' }],
      ['replacing meta', { op: 'replace', path: 'meta', value: { version: 'W/"99"' } }],
      [
        'adding groups',
        { op: 'add', path: 'groups', value: [{ value: '01890000-0000-7000-8000-0000000000aa' }] },
      ],
      ['removing groups', { op: 'remove', path: 'groups' }],
    ])('answers 400 mutability for %s, a readOnly attribute named by path', async (_name, operation) => {
      const res = await client.patchOps(`/Users/${user.id}`, [
        { op: 'replace', path: 'title', value: 'Changed first' },
        operation,
      ]);
      expectScimError(res, 400, 'mutability');
      await unchanged();
    });

    it('still ignores readOnly attributes inside a PUT body and a no-path PATCH value', async () => {
      const fresh = await newUser({ title: 'Fresh' });
      const { id, meta } = fresh as { id: string; meta: { created: string } };
      const body = {
        ...fresh,
        id: '01890000-0000-7000-8000-000000000001',
        meta: { created: '2001-01-01T00:00:00Z' },
        groups: [{ value: '01890000-0000-7000-8000-0000000000aa' }],
      };
      const put = await client.put(`/Users/${id}`, body);
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ id, meta: { created: meta.created } });
      expect(put.body.groups).toBeUndefined();
      const res = await client.patchOps(`/Users/${id}`, [
        {
          op: 'replace',
          value: { id: '01890000-0000-7000-8000-000000000001', meta: { created: '2001-01-01T00:00:00Z' } },
        },
      ]);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, meta: { created: meta.created } });
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

  describe('users: a PATCH and writes through GraphQL at the same time', () => {
    it('a PATCH reads the user once: its replace starts from the row the read returned', async () => {
      const user = await newUser();
      sut.queries.length = 0;
      await patched(`/Users/${user.id}`, [{ op: 'replace', path: 'title', value: 'Once' }]);
      const userReads = sut.queries.filter((q) =>
        /^(WITH|SELECT)\b[\s\S]*\bFROM\s+[`"]?users[`"]?\s/i.test(q),
      );
      // The read of the PATCH itself, then the read of the test's `patched` check (with the groups).
      expect(userReads).toHaveLength(2);
    });

    it('PATCHes racing GraphQL updates of other attributes lose none of either', async () => {
      const user = await newUser();
      const patches = Array.from({ length: 8 }, (_, i) =>
        client.patchOps(`/Users/${user.id}`, [
          { op: 'add', path: 'emails', value: [{ value: `race${i}@multi.example`, type: 'other' }] },
        ]),
      );
      // One GraphQL writer at a time against the PATCHes (which queue among themselves): every
      // write races one other, and each side's bounded retries are for that, not for a crowd.
      const updates = (async () => {
        const results = [];
        for (let i = 0; i < 8; i++)
          results.push(
            await sut.gql(
              'mutation($id: ID!, $t: String) { updateUser(id: $id, input: { title: $t }) { id } }',
              {
                id: user.id,
                t: `Title ${i}`,
              },
            ),
          );
        return results;
      })();
      const [patchResults, updateResults] = await Promise.all([Promise.all(patches), updates]);
      expect(patchResults.map((r) => r.status)).toEqual(Array(8).fill(200));
      expect(updateResults.map((r) => r.errors)).toEqual(Array(8).fill(undefined));
      const final = await read(`/Users/${user.id}`);
      expect(final.emails.map((e: Json) => e.value).sort()).toEqual(
        Array.from({ length: 8 }, (_, i) => `race${i}@multi.example`).sort(),
      );
      expect(final.meta.version).toBe('W/"17"');
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
});
