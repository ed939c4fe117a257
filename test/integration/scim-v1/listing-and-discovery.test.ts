import type { Json, ScimClient } from '../../fixtures/scim-client';
import { expectStatus, qs, scim, TEST_HOST } from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

const CORE = 'urn:scim:schemas:core:1.0';
const ENTERPRISE = 'urn:scim:schemas:extension:enterprise:1.0';
const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const userNames = (list: Json): string[] => list.Resources.map((r: Json) => r.userName);

describe('/scim/v1 lists, filters, sorts, projects and describes itself', () => {
  let sut: TestApp;
  let v1: ScimClient;
  let bossId: string;
  let groupId: string;
  let ada: Json;

  beforeAll(async () => {
    sut = await startTestApp();
    v1 = scim(sut, sut.tenant.scimToken, '/scim/v1');
    const defined = await sut.gql(
      `mutation { defineUserExtensionAttribute(input: { schema: "${ACME}", name: "badge", type: "string" }) { name } }`,
    );
    expect(defined.errors).toBeUndefined();
    const create = async (body: Json) => {
      const res = await v1.post('/Users', { schemas: [CORE, ENTERPRISE], ...body });
      expectStatus(res, 201);
      return res.body;
    };
    bossId = (
      await create({ userName: 'boss@acme.test', title: 'CEO', [ENTERPRISE]: { department: 'Board' } })
    ).id;
    ada = await create({
      userName: 'ada@acme.test',
      title: 'Engineer',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: 'ada@acme.test', type: 'work', primary: true }],
      [ENTERPRISE]: { department: 'R&D', costCenter: '10', manager: { managerId: bossId } },
    });
    await create({
      userName: 'bob@acme.test',
      name: { givenName: 'Bob', familyName: 'Builder' },
      [ENTERPRISE]: { department: 'Ops' },
    });
    await create({
      userName: 'cy@other.test',
      title: 'Engineer',
      active: false,
      [ENTERPRISE]: { department: 'R&D' },
    });
    groupId = (
      await v1.post('/Groups', { schemas: [CORE], displayName: 'Engineers', members: [{ value: ada.id }] })
    ).body.id;
    await v1.post('/Groups', { schemas: [CORE], displayName: 'Operations' });
  });
  afterAll(() => sut.close());

  const list = async (path: string, query: Record<string, string | number> = {}) => {
    const res = await v1.get(path, { query: { sortBy: 'userName', ...query } });
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body.schemas).toEqual([CORE]);
    return res.body;
  };

  describe('1.1 filters', () => {
    const rows: { filter: string; expected: string[] }[] = [
      { filter: 'userName eq "ADA@acme.test"', expected: ['ada@acme.test'] },
      { filter: 'userName co "acme"', expected: ['ada@acme.test', 'bob@acme.test', 'boss@acme.test'] },
      { filter: 'userName sw "bo"', expected: ['bob@acme.test', 'boss@acme.test'] },
      { filter: 'title pr', expected: ['ada@acme.test', 'boss@acme.test', 'cy@other.test'] },
      { filter: 'title eq "Engineer" and active eq true', expected: ['ada@acme.test'] },
      { filter: 'userName sw "cy" or name.givenName eq "Bob"', expected: ['bob@acme.test', 'cy@other.test'] },
      {
        filter: 'title eq "Engineer" and (userName sw "ada" or userName sw "cy")',
        expected: ['ada@acme.test', 'cy@other.test'],
      },
      { filter: 'emails co "ada@"', expected: ['ada@acme.test'] },
      { filter: `${ENTERPRISE}:department eq "R&D"`, expected: ['ada@acme.test', 'cy@other.test'] },
      { filter: 'urn:scim:schemas:core:1.0:userName eq "bob@acme.test"', expected: ['bob@acme.test'] },
      { filter: 'department eq "Ops"', expected: ['bob@acme.test'] },
      {
        filter: 'meta.created gt "2000-01-01T00:00:00Z"',
        expected: ['ada@acme.test', 'bob@acme.test', 'boss@acme.test', 'cy@other.test'],
      },
      { filter: 'meta.created lt "2000-01-01T00:00:00Z"', expected: [] },
      {
        filter: 'userName ge "bob" and userName le "boss@acme.test"',
        expected: ['bob@acme.test', 'boss@acme.test'],
      },
    ];
    it.each(rows)('$filter', async ({ filter, expected }) => {
      const body = await list('/Users', { filter });
      expect(userNames(body)).toEqual(expected);
      expect(body).toMatchObject({
        totalResults: expected.length,
        itemsPerPage: expected.length,
        startIndex: 1,
      });
    });

    it('manager.managerId in 1.1 spelling filters on the manager', async () => {
      const body = await list('/Users', { filter: `${ENTERPRISE}:manager.managerId eq "${bossId}"` });
      expect(userNames(body)).toEqual(['ada@acme.test']);
    });

    it('groups filter by displayName and by member', async () => {
      expect(
        (await list('/Groups', { filter: 'displayName sw "Eng"', sortBy: 'displayName' })).Resources.map(
          (g: Json) => g.id,
        ),
      ).toEqual([groupId]);
      expect(
        (await list('/Groups', { filter: `members.value eq "${ada.id}"`, sortBy: 'displayName' }))
          .totalResults,
      ).toBe(1);
    });
  });

  describe('paging and sorting', () => {
    it('startIndex and count page through a stable order', async () => {
      const first = await list('/Users', { startIndex: 1, count: 2 });
      const second = await list('/Users', { startIndex: 3, count: 2 });
      expect(first).toMatchObject({ totalResults: 4, itemsPerPage: 2, startIndex: 1 });
      expect(second).toMatchObject({ totalResults: 4, itemsPerPage: 2, startIndex: 3 });
      expect([...userNames(first), ...userNames(second)]).toEqual([
        'ada@acme.test',
        'bob@acme.test',
        'boss@acme.test',
        'cy@other.test',
      ]);
    });

    it('count=0 answers only the total', async () => {
      expect(await list('/Users', { count: 0 })).toMatchObject({
        totalResults: 4,
        itemsPerPage: 0,
        Resources: [],
      });
    });

    it('sortBy with sortOrder=descending, also by a 1.1-qualified enterprise attribute', async () => {
      expect(userNames(await list('/Users', { sortOrder: 'descending' }))).toEqual([
        'cy@other.test',
        'boss@acme.test',
        'bob@acme.test',
        'ada@acme.test',
      ]);
      const byDepartment = await list('/Users', {
        sortBy: `${ENTERPRISE}:department`,
        filter: 'userName co "acme"',
      });
      expect(byDepartment.Resources.map((r: Json) => r[ENTERPRISE].department)).toEqual([
        'Board',
        'Ops',
        'R&D',
      ]);
    });
  });

  describe('attributes', () => {
    it('returns only the named attributes (and id), in 1.1 names', async () => {
      const res = await v1.get(
        `/Users/${ada.id}?attributes=${qs(`userName,${ENTERPRISE}:manager.managerId`)}`,
      );
      expectStatus(res, 200);
      expect(res.body).toEqual({
        schemas: [CORE, ENTERPRISE],
        id: ada.id,
        userName: 'ada@acme.test',
        [ENTERPRISE]: { manager: { managerId: bossId } },
      });
    });

    it('applies to lists, and a whole-schema URN selects that schema', async () => {
      const body = await list('/Users', {
        filter: 'userName eq "ada@acme.test"',
        attributes: `userName,${ENTERPRISE}`,
      });
      expect(body.Resources).toEqual([
        {
          schemas: [CORE, ENTERPRISE],
          id: ada.id,
          userName: 'ada@acme.test',
          [ENTERPRISE]: { department: 'R&D', costCenter: '10', manager: { managerId: bossId } },
        },
      ]);
    });

    it('a PATCH with attributes answers 200 with those attributes (draft-scim-api-01 §3.3.2)', async () => {
      const res = await v1.patch(`/Groups/${groupId}?attributes=displayName,members`, {
        schemas: [CORE],
        displayName: 'Engineering',
      });
      expectStatus(res, 200);
      expect(res.body).toEqual({
        schemas: [CORE],
        id: groupId,
        displayName: 'Engineering',
        members: [{ value: ada.id, display: 'ada@acme.test', type: 'User' }],
      });
    });

    it("an organization's own extension attribute is written and read under its URN", async () => {
      const res = await v1.patch(`/Users/${ada.id}`, { schemas: [CORE, ACME], [ACME]: { badge: 'A-1' } });
      expectStatus(res, 200);
      expect(res.body.schemas).toEqual([CORE, ENTERPRISE, ACME]);
      expect(res.body[ACME]).toEqual({ badge: 'A-1' });
      expect(userNames(await list('/Users', { filter: `${ACME}:badge eq "A-1"` }))).toEqual([
        'ada@acme.test',
      ]);
    });
  });

  describe('discovery', () => {
    it('/ServiceProviderConfigs (1.1 spelling) describes what /scim/v1 supports', async () => {
      const res = await v1.get('/ServiceProviderConfigs');
      expectStatus(res, 200);
      expect(res.body).toMatchObject({
        schemas: [CORE],
        patch: { supported: true },
        bulk: { supported: false },
        filter: { supported: true, maxResults: 1000 },
        changePassword: { supported: true },
        sort: { supported: true },
        etag: { supported: true },
        authenticationSchemes: [
          expect.objectContaining({ type: 'oauthbearertoken', primary: true }),
          expect.objectContaining({ type: 'httpbasic' }),
        ],
        meta: { location: `http://${TEST_HOST}/scim/v1/ServiceProviderConfigs` },
      });
    });

    it('/Schemas lists the User and Group schemas; /Schemas/Users includes enterprise and custom extensions', async () => {
      const all = await v1.get('/Schemas');
      expectStatus(all, 200);
      expect(all.body).toMatchObject({ schemas: [CORE], totalResults: 2, startIndex: 1 });
      expect(all.body.Resources.map((r: Json) => r.id)).toEqual([`${CORE}:User`, `${CORE}:Group`]);

      const users = await v1.get('/Schemas/Users');
      expectStatus(users, 200);
      expect(users.body).toMatchObject({ id: `${CORE}:User`, schema: CORE, endpoint: '/Users' });
      const bySchema = (urn: string) =>
        users.body.attributes.filter((a: Json) => a.schema === urn).map((a: Json) => a.name);
      expect(bySchema(CORE)).toEqual(
        expect.arrayContaining(['id', 'userName', 'name', 'emails', 'groups', 'password']),
      );
      expect(bySchema(ENTERPRISE)).toEqual([
        'employeeNumber',
        'costCenter',
        'organization',
        'division',
        'department',
        'manager',
      ]);
      expect(bySchema(ACME)).toEqual(['badge']);

      const groups = await v1.get('/Schemas/Groups');
      expectStatus(groups, 200);
      expect(groups.body.attributes.map((a: Json) => a.name)).toEqual([
        'id',
        'externalId',
        'meta',
        'displayName',
        'members',
      ]);
    });

    it('an unknown schema is a 404 and a filter on /Schemas a 403, in the 1.1 format', async () => {
      const missing = await v1.get('/Schemas/Devices');
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ Errors: [{ description: expect.any(String), code: '404' }] });
      const filtered = await v1.get('/Schemas?filter=name%20eq%20%22User%22');
      expect(filtered.status).toBe(403);
      expect(filtered.body.Errors[0].code).toBe('403');
    });
  });
});
