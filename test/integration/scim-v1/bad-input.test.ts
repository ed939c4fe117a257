import type { ScimClient, ScimResponse } from '../../fixtures/scim-client';
import { expectStatus, qs, scim } from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

const CORE = 'urn:scim:schemas:core:1.0';
const MISSING = '2819c223-7f76-453a-919d-413861904646';

/** Exactly one 1.1 error with this HTTP status as its string `code`, a description, plain JSON (STYLE §27). */
function expectV1Error(res: ScimResponse, status: number, description?: RegExp): string {
  expect({ status: res.status, body: res.body }).toEqual({
    status,
    body: { Errors: [{ description: expect.any(String), code: String(status) }] },
  });
  expect(res.headers['content-type']).toBe('application/json');
  const text = res.body.Errors[0].description as string;
  if (description) expect(text).toMatch(description);
  expect(text).not.toMatch(/internal/i);
  return text;
}

describe('/scim/v1 answers bad input in the 1.1 error format and writes nothing', () => {
  let sut: TestApp;
  let v1: ScimClient;
  let userId: string;
  let groupId: string;

  beforeAll(async () => {
    sut = await startTestApp();
    v1 = scim(sut, sut.tenant.scimToken, '/scim/v1');
    userId = (await v1.post('/Users', { schemas: [CORE], userName: 'taken@example.com', title: 'Original' }))
      .body.id;
    groupId = (
      await v1.post('/Groups', { schemas: [CORE], displayName: 'Team', members: [{ value: userId }] })
    ).body.id;
  });
  afterAll(() => sut.close());

  const count = async (path: string) =>
    (await v1.get(path, { query: { count: 0 } })).body.totalResults as number;
  const snapshot = async () => ({
    users: await count('/Users'),
    groups: await count('/Groups'),
    user: (await v1.get(`/Users/${userId}`)).body,
    group: (await v1.get(`/Groups/${groupId}`)).body,
  });

  describe('malformed JSON', () => {
    const rows: { name: string; method: 'post' | 'put' | 'patch'; path: () => string }[] = [
      { name: 'POST /Users', method: 'post', path: () => '/Users' },
      { name: 'PUT /Users/{id}', method: 'put', path: () => `/Users/${userId}` },
      { name: 'PATCH /Users/{id}', method: 'patch', path: () => `/Users/${userId}` },
      { name: 'POST /Groups', method: 'post', path: () => '/Groups' },
      { name: 'PATCH /Groups/{id}', method: 'patch', path: () => `/Groups/${groupId}` },
    ];
    it.each(rows)('$name is a 400', async ({ method, path }) => {
      const before = await snapshot();
      const res = await v1[method](path(), undefined, {
        raw: '{"schemas":["urn:scim:schemas:core:1.0"],',
        contentType: 'application/json',
      });
      expectV1Error(res, 400, /JSON/);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('unknown schema', () => {
    const rows: {
      name: string;
      method: 'post' | 'put' | 'patch';
      path: () => string;
      body: unknown;
      detail: RegExp;
    }[] = [
      {
        name: 'POST /Users with a 2.0 body',
        method: 'post',
        path: () => '/Users',
        body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'v2@example.com' },
        detail: /urn:scim:schemas:core:1\.0.*\/scim\/v2/,
      },
      {
        name: 'POST /Users with an unknown URN',
        method: 'post',
        path: () => '/Users',
        body: { schemas: ['urn:example:person:1.0'], userName: 'x@example.com' },
        detail: /urn:scim:schemas:core:1\.0/,
      },
      {
        name: 'POST /Groups without schemas',
        method: 'post',
        path: () => '/Groups',
        body: { displayName: 'No schemas' },
        detail: /"schemas"/,
      },
      {
        name: 'PUT /Users without schemas',
        method: 'put',
        path: () => `/Users/${userId}`,
        body: { userName: 'taken@example.com', title: 'Changed' },
        detail: /"schemas"/,
      },
      {
        name: 'PATCH /Users with a 2.0 PatchOp message',
        method: 'patch',
        path: () => `/Users/${userId}`,
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'title', value: 'Changed' }],
        },
        detail: /\/scim\/v2/,
      },
    ];
    it.each(rows)('$name is a 400', async ({ method, path, body, detail }) => {
      const before = await snapshot();
      expectV1Error(await v1[method](path(), body), 400, detail);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('bad filters', () => {
    const rows: { filter: string; detail: RegExp }[] = [
      { filter: 'userName eq', detail: /end of filter/ },
      { filter: 'userName eq "a" and', detail: /end of filter/ },
      { filter: 'userName xx "a"', detail: /Unexpected "xx"/ },
      { filter: 'userName ne "a"', detail: /"ne" operator/ },
      { filter: 'userName ew "@example.com"', detail: /"ew" operator/ },
      { filter: 'not (userName eq "a")', detail: /"not" operator/ },
      { filter: 'emails[type eq "work"]', detail: /value filter/ },
      { filter: 'nosuchattribute eq "a"', detail: /Unknown attribute "nosuchattribute"/ },
      { filter: 'active gt "yes"', detail: /./ },
    ];
    it.each(rows)('GET /Users?filter=$filter is a 400', async ({ filter, detail }) => {
      expectV1Error(await v1.get(`/Users?filter=${qs(filter)}`), 400, detail);
    });

    it('GET /Groups with a 2.0-only filter is a 400 too', async () => {
      expectV1Error(await v1.get(`/Groups?filter=${qs('displayName ne "Team"')}`), 400, /"ne" operator/);
    });

    it('a bad sortBy, count or attributes name is a 400', async () => {
      expectV1Error(await v1.get('/Users?sortBy=nosuch'), 400, /sort/i);
      expectV1Error(await v1.get('/Users?count=ten'), 400, /"count" must be an integer/);
      expectV1Error(await v1.get('/Users?attributes=a..b'), 400, /attributes/);
    });
  });

  describe('duplicates and conflicts', () => {
    it('a duplicate userName (differing only in case) is a 409 and creates nothing', async () => {
      const before = await snapshot();
      expectV1Error(
        await v1.post('/Users', { schemas: [CORE], userName: 'TAKEN@example.com' }),
        409,
        /userName/,
      );
      expect(await snapshot()).toEqual(before);
    });

    it('renaming a user onto a taken userName is a 409 and leaves both users as they were', async () => {
      const other = (await v1.post('/Users', { schemas: [CORE], userName: 'other@example.com' })).body;
      const before = await snapshot();
      expectV1Error(
        await v1.patch(`/Users/${other.id}`, { schemas: [CORE], userName: 'taken@example.com' }),
        409,
      );
      expectV1Error(
        await v1.put(`/Users/${other.id}`, { schemas: [CORE], userName: 'Taken@Example.com' }),
        409,
      );
      expect(await snapshot()).toEqual(before);
      expect((await v1.get(`/Users/${other.id}`)).body.userName).toBe('other@example.com');
    });
  });

  describe('unknown ids', () => {
    const rows: { method: 'get' | 'put' | 'patch' | 'delete'; path: string }[] = [
      { method: 'get', path: `/Users/${MISSING}` },
      { method: 'put', path: `/Users/${MISSING}` },
      { method: 'patch', path: `/Users/${MISSING}` },
      { method: 'delete', path: `/Users/${MISSING}` },
      { method: 'get', path: `/Groups/${MISSING}` },
      { method: 'put', path: `/Groups/${MISSING}` },
      { method: 'patch', path: `/Groups/${MISSING}` },
      { method: 'delete', path: `/Groups/${MISSING}` },
      { method: 'get', path: '/Users/not-a-uuid' },
    ];
    it.each(rows)('$method $path is a 404', async ({ method, path }) => {
      const body = path.startsWith('/Users')
        ? { schemas: [CORE], userName: 'ghost@example.com' }
        : { schemas: [CORE], displayName: 'Ghost' };
      const res =
        method === 'get' || method === 'delete' ? await v1[method](path) : await v1[method](path, body);
      expectV1Error(res, 404, /not found/);
    });

    it('adding an unknown member to a group is refused and nothing about the group changes', async () => {
      const before = await snapshot();
      const res = await v1.patch(`/Groups/${groupId}`, {
        schemas: [CORE],
        displayName: 'Renamed',
        members: [{ value: MISSING }],
      });
      expect([400, 404]).toContain(res.status);
      expectV1Error(res, res.status);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('invalid values', () => {
    it('removing userName through meta.attributes is a 400 and writes nothing', async () => {
      const before = await snapshot();
      expectV1Error(
        await v1.patch(`/Users/${userId}`, { schemas: [CORE], meta: { attributes: ['userName'] } }),
        400,
        /userName/,
      );
      expect(await snapshot()).toEqual(before);
    });

    it.each([['id'], ['meta.created'], ['groups']])(
      'removing the readOnly %s through meta.attributes is a 400 and writes nothing',
      async (attribute) => {
        const before = await snapshot();
        const res = await v1.patch(`/Users/${userId}`, {
          schemas: [CORE],
          title: 'Changed',
          meta: { attributes: [attribute] },
        });
        expectV1Error(res, 400, /read-only/);
        expect(await snapshot()).toEqual(before);
      },
    );

    it('a PATCH that fails part-way (bad delete after a valid change) writes nothing', async () => {
      const before = await snapshot();
      const res = await v1.patch(`/Users/${userId}`, {
        schemas: [CORE],
        title: 'Changed',
        emails: [{ value: 'nobody@example.com', operation: 'delete' }],
      });
      expectV1Error(res, 400);
      expect(await snapshot()).toEqual(before);
    });

    it('a group without a displayName is a 400', async () => {
      expectV1Error(await v1.post('/Groups', { schemas: [CORE] }), 400, /displayName/);
    });

    it('a body that is not an object is a 400', async () => {
      expectV1Error(await v1.post('/Users', ['a']), 400, /JSON object/);
    });
  });

  describe('authentication, scope and routing', () => {
    it('no token, a wrong token and a token without the scim scope are refused', async () => {
      const none = await scim(sut, undefined, '/scim/v1').get('/Users');
      expectV1Error(none, 401);
      expect(none.headers['www-authenticate']).toMatch(/Bearer/);
      expectV1Error(await scim(sut, 'idt_notatokenatall0000000000000', '/scim/v1').get('/Users'), 401);
      expectV1Error(await scim(sut, sut.tenant.readToken, '/scim/v1').get('/Users'), 403, /scim scope/);
    });

    it('another organization’s token cannot see or change this organization’s users', async () => {
      const other = scim(sut, sut.other.scimToken, '/scim/v1');
      expectV1Error(await other.get(`/Users/${userId}`), 404);
      expectV1Error(await other.patch(`/Users/${userId}`, { schemas: [CORE], active: false }), 404);
      expect((await v1.get(`/Users/${userId}`)).body.active).toBe(true);
    });

    it('an unknown endpoint is a 404 and an unsupported method a 405 with Allow', async () => {
      expectV1Error(await v1.get('/Devices'), 404);
      expectV1Error(await v1.get('/Bulk'), 404);
      const res = await v1.delete('/Users');
      expectV1Error(res, 405);
      expect(res.headers.allow).toBe('GET, POST');
      expectV1Error(await v1.post('/ServiceProviderConfigs', {}), 405);
    });

    it('a body over the size limit is a 413', async () => {
      const big = { schemas: [CORE], userName: 'big@example.com', title: 'x'.repeat(1_100_000) };
      expectV1Error(await v1.post('/Users', big), 413);
    });
  });

  describe('afterwards', () => {
    it('the user and group are intact after all of the above', async () => {
      const user = await v1.get(`/Users/${userId}`);
      expectStatus(user, 200);
      expect(user.body).toMatchObject({ userName: 'taken@example.com', title: 'Original', active: true });
      expect((await v1.get(`/Groups/${groupId}`)).body).toMatchObject({
        displayName: 'Team',
        members: [{ value: userId }],
      });
    });
  });
});
