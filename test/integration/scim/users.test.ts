import type { Json, ScimClient } from '../../fixtures/scim-client';
import {
  ENTERPRISE,
  expectScimError,
  expectStatus,
  qs,
  scim,
  TEST_HOST,
  USER_SCHEMA,
} from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

const AUDIT = `query($id: String!) { auditEvents(filter: { targetId: $id }, first: 20) { nodes { action channel notes } } }`;

describe('SCIM Users', () => {
  let sut: TestApp;
  let client: ScimClient;

  beforeAll(async () => {
    sut = await startTestApp();
    client = scim(sut, sut.tenant.scimToken);
  });
  afterAll(() => sut.close());

  const hasPassword = async (id: string): Promise<boolean> => {
    const result = await sut.gql<{ user: { hasPassword: boolean } }>(
      `query($id: ID!) { user(id: $id) { hasPassword } }`,
      { id },
    );
    return result.data!.user.hasPassword;
  };
  const auditOf = async (id: string) => {
    const result = await sut.gql<{
      auditEvents: { nodes: { action: string; channel: string; notes: string[] }[] };
    }>(AUDIT, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.auditEvents.nodes;
  };
  const countUsers = async (): Promise<number> =>
    (await client.get('/Users', { query: { count: 0 } })).body.totalResults;

  describe('POST /Users', () => {
    it('answers 201 with Location, an ETag equal to meta.version and an absolute meta.location', async () => {
      const res = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: 'bjensen@example.com',
        name: { givenName: 'Barbara', familyName: 'Jensen' },
        emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
      });
      expect(res.status).toBe(201);
      const user = res.body;
      expect(user).toMatchObject({
        schemas: [USER_SCHEMA],
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        userName: 'bjensen@example.com',
        active: true,
        name: { givenName: 'Barbara', familyName: 'Jensen' },
        emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
        meta: { resourceType: 'User', version: expect.stringMatching(/^W\/".+"$/) },
      });
      expect(user.meta.location).toBe(`http://${TEST_HOST}/scim/v2/Users/${user.id}`);
      expect(res.headers.location).toBe(user.meta.location);
      expect(res.headers.etag).toBe(user.meta.version);
      expect(Date.parse(user.meta.created)).not.toBeNaN();
      expect(user.meta.lastModified).toBe(user.meta.created);
      const read = await client.get(`/Users/${user.id}`);
      expect(read.body).toEqual(user);
      expect(read.headers.etag).toBe(user.meta.version);
    });

    it('answers 409 uniqueness for a userName that differs only in case, and writes nothing', async () => {
      await client.createUser({ userName: 'Unique.Person@Example.com' });
      const before = await countUsers();
      const res = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: 'unique.person@EXAMPLE.COM',
      });
      expectScimError(res, 409, 'uniqueness');
      expect(await countUsers()).toBe(before);
    });

    it('answers 409 uniqueness when PUT or PATCH takes another user’s userName, and changes nothing', async () => {
      await client.createUser({ userName: 'taken@example.com' });
      const user = await client.createUser({ userName: 'mover@example.com', title: 'Mover' });
      expectScimError(
        await client.put(`/Users/${user.id}`, { schemas: [USER_SCHEMA], userName: 'TAKEN@example.com' }),
        409,
        'uniqueness',
      );
      expectScimError(
        await client.patchOps(`/Users/${user.id}`, [
          { op: 'replace', path: 'userName', value: 'Taken@Example.com' },
        ]),
        409,
        'uniqueness',
      );
      expect((await client.get(`/Users/${user.id}`)).body).toEqual(user);
    });

    it('ignores the read-only id, meta and groups it is sent', async () => {
      const res = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        id: '00000000-0000-4000-8000-000000000000',
        userName: 'readonly@example.com',
        meta: { resourceType: 'Group', version: 'W/"99"', created: '2001-01-01T00:00:00Z' },
        groups: [{ value: '00000000-0000-4000-8000-000000000001', display: 'Admins' }],
      });
      expect(res.status).toBe(201);
      expect(res.body.id).not.toBe('00000000-0000-4000-8000-000000000000');
      expect(res.body.meta.resourceType).toBe('User');
      expect(res.body.meta.version).not.toBe('W/"99"');
      expect(res.body.meta.created).not.toBe('2001-01-01T00:00:00Z');
      expect(res.body.groups).toBeUndefined();
      expectScimError(await client.get('/Users/00000000-0000-4000-8000-000000000000'), 404);
    });

    it.each([
      ['active as a word', { active: 'yes' }],
      ['active as a number', { active: 1 }],
      ['userName as a number', { userName: 42 }],
      ['name as a string', { name: 'Barbara Jensen' }],
      ['a name part as a number', { name: { givenName: 7 } }],
      ['an email value as an object', { emails: [{ value: { address: 'x@example.com' } }] }],
      ['emails as a number', { emails: 5 }],
      ['an address as a string', { addresses: ['1 Main St'] }],
      [
        'two primary emails',
        {
          emails: [
            { value: 'a@x.com', primary: true },
            { value: 'b@x.com', primary: true },
          ],
        },
      ],
    ])('answers 400 invalidValue for %s, and writes nothing', async (_name, attributes) => {
      const before = await countUsers();
      const res = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: 'typed@example.com',
        ...attributes,
      });
      expectScimError(res, 400, 'invalidValue');
      expect(await countUsers()).toBe(before);
    });

    it('answers 400 invalidValue without a userName, on POST and on PUT', async () => {
      expectScimError(
        await client.post('/Users', { schemas: [USER_SCHEMA], displayName: 'Nameless' }),
        400,
        'invalidValue',
      );
      expectScimError(
        await client.post('/Users', { schemas: [USER_SCHEMA], userName: '' }),
        400,
        'invalidValue',
      );
      const user = await client.createUser({ userName: 'named@example.com' });
      const put = await client.put(`/Users/${user.id}`, {
        schemas: [USER_SCHEMA],
        displayName: 'Nameless',
        password: 'pw-Secret-9',
      });
      expectScimError(put, 400, 'invalidValue');
      expect(put.text).not.toMatch(/pw-Secret/);
      expect((await client.get(`/Users/${user.id}`)).body).toEqual(user);
    });

    it('ignores unknown attributes and names them on the SCIM audit event', async () => {
      const res = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: 'unknown-attrs@example.com',
        favouriteColour: 'teal',
        name: { givenName: 'Una', nickname2: 'U' },
      });
      expect(res.status).toBe(201);
      expect(res.body.favouriteColour).toBeUndefined();
      expect(res.body.name).toEqual({ givenName: 'Una' });
      const [event] = await auditOf(res.body.id);
      expect(event).toMatchObject({ action: 'user.create', channel: 'scim' });
      expect(event.notes).toEqual(
        expect.arrayContaining([
          expect.stringContaining('favouriteColour'),
          expect.stringContaining('nickname2'),
        ]),
      );
    });

    it.each([
      ['only a Group schema', ['urn:ietf:params:scim:schemas:core:2.0:Group']],
      ['an empty list', []],
      ['a string', USER_SCHEMA],
      ['no schemas', undefined],
    ])('answers 400 invalidSyntax when schemas is %s', async (_name, schemas) => {
      const res = await client.post('/Users', { schemas, userName: 'schemaless@example.com' });
      expectScimError(res, 400, 'invalidSyntax');
    });

    it('tolerates extra schema URIs beside the core one', async () => {
      const res = await client.post('/Users', {
        schemas: [USER_SCHEMA, 'urn:example:params:scim:schemas:vendor:1.0:Extra'],
        userName: 'extra-schema@example.com',
      });
      expect(res.status).toBe(201);
      expect(res.body.schemas).toEqual([USER_SCHEMA]);
      const [event] = await auditOf(res.body.id);
      expect(event.notes).toEqual(expect.arrayContaining([expect.stringContaining('vendor:1.0:Extra')]));
    });
  });

  describe('password', () => {
    it('is accepted on POST, never returned (not even when asked for) and sets hasPassword', async () => {
      const res = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: 'pw-post@example.com',
        password: 't1meMa$heen',
      });
      expect(res.status).toBe(201);
      expect(res.text).not.toMatch(/password|t1meMa/i);
      for (const query of [{}, { attributes: 'password' }, { attributes: 'userName,password' }] as Record<
        string,
        string
      >[]) {
        const read = await client.get(`/Users/${res.body.id}`, { query });
        expect(read.status).toBe(200);
        expect(read.text).not.toMatch(/password|t1meMa/i);
      }
      const listed = await client.get('/Users', {
        query: { filter: 'userName eq "pw-post@example.com"', attributes: 'password' },
      });
      expect(listed.body.totalResults).toBe(1);
      expect(listed.text).not.toMatch(/"password"|t1meMa/);
      expect(await hasPassword(res.body.id)).toBe(true);
      const [event] = await auditOf(res.body.id);
      expect(JSON.stringify(event)).not.toMatch(/t1meMa/);
    });

    it('is accepted on PUT and on PATCH, and never echoed', async () => {
      const user = await client.createUser({ userName: 'pw-later@example.com' });
      expect(await hasPassword(user.id)).toBe(false);
      const put = await client.put(`/Users/${user.id}`, {
        schemas: [USER_SCHEMA],
        userName: 'pw-later@example.com',
        password: 'first-Secret-1',
      });
      expect(put.status).toBe(200);
      expect(put.text).not.toMatch(/password|first-Secret/i);
      expect(await hasPassword(user.id)).toBe(true);

      const other = await client.createUser({ userName: 'pw-patch@example.com' });
      const patch = await client.patchOps(`/Users/${other.id}`, [
        { op: 'replace', path: 'password', value: 'second-Secret-2' },
      ]);
      expect([200, 204]).toContain(patch.status);
      expect(patch.text).not.toMatch(/password|second-Secret/i);
      expect(await hasPassword(other.id)).toBe(true);
      const version = (await client.get(`/Users/${other.id}`)).body.meta.version;
      expect(version).not.toBe(other.meta.version);

      const noPath = await client.patchOps(`/Users/${user.id}`, [
        { op: 'replace', value: { password: 'third-Secret-3' } },
      ]);
      expect([200, 204]).toContain(noPath.status);
      expect(noPath.text).not.toMatch(/third-Secret/);
      expect((await client.get(`/Users/${user.id}`)).body.meta.version).not.toBe(put.body.meta.version);
    });

    it('answers 400 invalidValue for a password that is not a string', async () => {
      expectScimError(
        await client.post('/Users', {
          schemas: [USER_SCHEMA],
          userName: 'pw-bad@example.com',
          password: 12345,
        }),
        400,
        'invalidValue',
      );
    });
  });

  describe('PUT and DELETE', () => {
    it('PUT replaces the user: attributes left out are cleared, the version moves on', async () => {
      const user = await client.createUser({
        userName: 'replace-me@example.com',
        title: 'Engineer',
        nickName: 'rm',
        emails: [{ value: 'replace-me@example.com', type: 'work' }],
        [ENTERPRISE]: { department: 'R&D' },
      });
      const res = await client.put(`/Users/${user.id}`, {
        schemas: [USER_SCHEMA],
        userName: 'Replace-Me@example.com',
        displayName: 'Replaced',
        active: false,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: user.id,
        userName: 'Replace-Me@example.com',
        displayName: 'Replaced',
        active: false,
      });
      for (const cleared of ['title', 'nickName', 'emails', ENTERPRISE])
        expect(res.body[cleared]).toBeUndefined();
      expect(res.body.schemas).toEqual([USER_SCHEMA]);
      expect(res.headers.etag).toBe(res.body.meta.version);
      expect(res.body.meta.version).not.toBe(user.meta.version);
      expect(res.body.meta.created).toBe(user.meta.created);
      expect((await client.get(`/Users/${user.id}`)).body).toEqual(res.body);
    });

    it('PUT to an unknown id is 404', async () => {
      expectScimError(
        await client.put('/Users/01890000-0000-7000-8000-00000000abcd', {
          schemas: [USER_SCHEMA],
          userName: 'ghost',
        }),
        404,
      );
      expectScimError(
        await client.put('/Users/not-a-uuid', { schemas: [USER_SCHEMA], userName: 'ghost' }),
        404,
      );
    });

    it('DELETE answers 204 with no body, then the user is 404 everywhere', async () => {
      const user = await client.createUser({ userName: 'delete-me@example.com' });
      const res = await client.delete(`/Users/${user.id}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectScimError(await client.get(`/Users/${user.id}`), 404);
      expectScimError(await client.delete(`/Users/${user.id}`), 404);
      expectScimError(
        await client.patchOps(`/Users/${user.id}`, [{ op: 'replace', path: 'active', value: false }]),
        404,
      );
      const listed = await client.get('/Users', { query: { filter: 'userName eq "delete-me@example.com"' } });
      expect(listed.body.totalResults).toBe(0);
    });
  });

  describe('deactivation', () => {
    it('a user deactivated and reactivated by PATCH is still found by userName eq', async () => {
      const user = await client.createUser({ userName: 'Okta.Person@Example.com' });
      const find = async () =>
        (await client.get(`/Users?filter=${qs('userName eq "okta.person@example.com"')}`)).body as Json;
      const off = await client.patchOps(`/Users/${user.id}`, [{ op: 'replace', value: { active: false } }]);
      expect([200, 204]).toContain(off.status);
      let found = await find();
      expect(found.totalResults).toBe(1);
      expect(found.Resources[0]).toMatchObject({ id: user.id, active: false });
      const inactive = await client.get(
        `/Users?filter=${qs('active eq false and userName eq "okta.person@example.com"')}`,
      );
      expect(inactive.body.totalResults).toBe(1);
      const on = await client.patchOps(`/Users/${user.id}`, [{ op: 'replace', path: 'active', value: true }]);
      expect([200, 204]).toContain(on.status);
      found = await find();
      expect(found.Resources).toEqual([expect.objectContaining({ id: user.id, active: true })]);
    });
  });

  describe('enterprise extension', () => {
    it('stores every enterprise attribute and the manager, returned under the extension URN', async () => {
      const manager = await client.createUser({ userName: 'the.boss@example.com', displayName: 'The Boss' });
      const res = await client.post('/Users', {
        schemas: [USER_SCHEMA, ENTERPRISE],
        userName: 'report@example.com',
        [ENTERPRISE]: {
          employeeNumber: '701984',
          costCenter: '4130',
          organization: 'Universal Studios',
          division: 'Theme Park',
          department: 'Tour Operations',
          manager: { value: manager.id },
        },
      });
      expect(res.status).toBe(201);
      expect(res.body.schemas).toEqual([USER_SCHEMA, ENTERPRISE]);
      expect(res.body[ENTERPRISE]).toEqual({
        employeeNumber: '701984',
        costCenter: '4130',
        organization: 'Universal Studios',
        division: 'Theme Park',
        department: 'Tour Operations',
        manager: {
          value: manager.id,
          $ref: expect.stringMatching(new RegExp(`/scim/v2/Users/${manager.id}$`)),
          displayName: 'The Boss',
        },
      });
      const byManager = await client.get('/Users', {
        query: { filter: `${ENTERPRISE}:manager.value eq "${manager.id}"` },
      });
      expect(byManager.body.Resources.map((r: Json) => r.id)).toEqual([res.body.id]);
    });

    it('sets the manager with PATCH and clears it with remove and with an empty value', async () => {
      const manager = await client.createUser({ userName: 'manager2@example.com' });
      const user = await client.createUser({
        userName: 'managed@example.com',
        [ENTERPRISE]: { department: 'Ops' },
      });
      const path = `/Users/${user.id}`;
      const read = async () => (await client.get(path)).body[ENTERPRISE];

      expectStatus(
        await client.patchOps(path, [
          { op: 'add', path: `${ENTERPRISE}:manager`, value: { value: manager.id } },
        ]),
        200,
      );
      expect(await read()).toMatchObject({ department: 'Ops', manager: { value: manager.id } });

      expectStatus(await client.patchOps(path, [{ op: 'remove', path: `${ENTERPRISE}:manager` }]), 200);
      expect(await read()).toEqual({ department: 'Ops' });

      expectStatus(
        await client.patchOps(path, [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: manager.id }]),
        200,
      );
      expect((await read()).manager.value).toBe(manager.id);

      expectStatus(
        await client.patchOps(path, [{ op: 'replace', value: { [`${ENTERPRISE}:manager`]: { value: '' } } }]),
        200,
      );
      expect(await read()).toEqual({ department: 'Ops' });

      expectStatus(await client.patchOps(path, [{ op: 'remove', path: ENTERPRISE }]), 200);
      const cleared = (await client.get(path)).body;
      expect(cleared[ENTERPRISE]).toBeUndefined();
      expect(cleared.schemas).toEqual([USER_SCHEMA]);
    });
  });

  describe('groups attribute', () => {
    it('lists direct and indirect groups, and is read-only', async () => {
      const user = await client.createUser({ userName: 'member@example.com' });
      const team = await client.createGroup({ displayName: 'Team', members: [{ value: user.id }] });
      const department = await client.createGroup({
        displayName: 'Department',
        members: [{ value: team.id, type: 'Group' }],
      });
      await client.createGroup({ displayName: 'Unrelated' });
      const read = await client.get(`/Users/${user.id}`);
      const groups = [...read.body.groups].sort((a: Json, b: Json) => a.display.localeCompare(b.display));
      expect(groups).toEqual([
        {
          value: department.id,
          $ref: expect.stringMatching(new RegExp(`/Groups/${department.id}$`)),
          display: 'Department',
          type: 'indirect',
        },
        {
          value: team.id,
          $ref: expect.stringMatching(new RegExp(`/Groups/${team.id}$`)),
          display: 'Team',
          type: 'direct',
        },
      ]);

      const put = await client.put(`/Users/${user.id}`, {
        schemas: [USER_SCHEMA],
        userName: 'member@example.com',
        groups: [],
      });
      expect(put.status).toBe(200);
      expect(put.body.groups).toHaveLength(2);
      expectScimError(
        await client.patchOps(`/Users/${user.id}`, [
          { op: 'add', path: 'groups', value: [{ value: department.id }] },
        ]),
        400,
        'mutability',
      );
      expectScimError(
        await client.patchOps(`/Users/${user.id}`, [{ op: 'remove', path: 'groups' }]),
        400,
        'mutability',
      );
      expect((await client.get(`/Users/${user.id}`)).body.groups).toHaveLength(2);
      const listed = await client.get('/Users', {
        query: { filter: 'userName eq "member@example.com"', attributes: 'groups' },
      });
      expect(listed.body.Resources[0].groups).toHaveLength(2);
      const excluded = await client.get(`/Users/${user.id}`, { query: { excludedAttributes: 'groups' } });
      expect(excluded.body.groups).toBeUndefined();
    });
  });
});
