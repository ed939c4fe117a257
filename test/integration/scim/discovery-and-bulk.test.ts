import type { Json, ScimClient } from '../../fixtures/scim-client';
import {
  BULK_REQUEST,
  ENTERPRISE,
  ERROR_SCHEMA,
  expectScimError,
  GROUP_SCHEMA,
  LIST_RESPONSE,
  PATCH_OP,
  scim,
  TEST_HOST,
  USER_SCHEMA,
} from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

const MAX_RESULTS = 5;
const BULK_MAX_OPERATIONS = 10;
const BODY_LIMIT = 20_000;
const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

const postUser = (bulkId: string, attributes: Record<string, unknown>) => ({
  method: 'POST',
  path: '/Users',
  bulkId,
  data: { schemas: [USER_SCHEMA], ...attributes },
});

describe('SCIM discovery and Bulk', () => {
  let sut: TestApp;
  let client: ScimClient;

  beforeAll(async () => {
    sut = await startTestApp({
      SCIM_MAX_RESULTS: String(MAX_RESULTS),
      SCIM_BULK_MAX_OPERATIONS: String(BULK_MAX_OPERATIONS),
      BODY_LIMIT_BYTES: String(BODY_LIMIT),
    });
    client = scim(sut, sut.tenant.scimToken);
  });
  afterAll(() => sut.close());

  const bulk = async (Operations: unknown[], extra: Record<string, unknown> = {}) => {
    const res = await client.post('/Bulk', { schemas: [BULK_REQUEST], Operations, ...extra });
    if (res.status !== 200) throw new Error(`Bulk → ${res.status} ${res.text}`);
    expect(res.body.schemas).toEqual([BULK_RESPONSE]);
    return res.body.Operations as Json[];
  };
  const idFrom = (location: string) => location.split('/').pop() as string;

  describe('/ServiceProviderConfig', () => {
    let config: Json;
    beforeAll(async () => {
      const res = await client.get('/ServiceProviderConfig');
      expect(res.status).toBe(200);
      config = res.body;
    });

    it('describes what the server supports, with the configured limits', () => {
      expect(config).toMatchObject({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        bulk: { supported: true, maxOperations: BULK_MAX_OPERATIONS, maxPayloadSize: BODY_LIMIT },
        filter: { supported: true, maxResults: MAX_RESULTS },
        changePassword: { supported: true },
        sort: { supported: true },
        etag: { supported: true },
        pagination: { cursor: true, index: true, maxPageSize: MAX_RESULTS },
        meta: {
          resourceType: 'ServiceProviderConfig',
          location: `http://${TEST_HOST}/scim/v2/ServiceProviderConfig`,
        },
      });
      expect(config.authenticationSchemes.map((s: Json) => s.type).sort()).toEqual([
        'httpbasic',
        'oauthbearertoken',
      ]);
    });

    it('enforces the advertised filter.maxResults', async () => {
      for (let i = 0; i < MAX_RESULTS + 2; i++)
        await client.createUser({ userName: `limit-${i}@example.com` });
      const res = await client.get('/Users', { query: { filter: 'userName sw "limit-"', count: 100 } });
      expect(res.body).toMatchObject({
        totalResults: MAX_RESULTS + 2,
        itemsPerPage: config.filter.maxResults,
      });
      expect(res.body.Resources).toHaveLength(config.filter.maxResults);
      const rest = await client.get('/Users', {
        query: { filter: 'userName sw "limit-"', startIndex: MAX_RESULTS + 1, count: 100 },
      });
      expect(rest.body.Resources).toHaveLength(2);
    });

    it('enforces the advertised bulk.maxOperations with 413', async () => {
      const operations = Array.from({ length: config.bulk.maxOperations + 1 }, (_, i) =>
        postUser(`too-many-${i}`, { userName: `too-many-${i}@example.com` }),
      );
      const res = await client.post('/Bulk', { schemas: [BULK_REQUEST], Operations: operations });
      const body = expectScimError(res, 413);
      expect(body.detail).toContain(String(config.bulk.maxOperations));
      const created = await client.get('/Users', { query: { filter: 'userName sw "too-many-"', count: 0 } });
      expect(created.body.totalResults).toBe(0);
    });

    it('enforces the advertised bulk.maxPayloadSize with 413', async () => {
      const operations = Array.from({ length: 2 }, (_, i) =>
        postUser(`big-${i}`, {
          userName: `big-${i}@example.com`,
          title: 'x'.repeat(config.bulk.maxPayloadSize / 2),
        }),
      );
      expectScimError(await client.post('/Bulk', { schemas: [BULK_REQUEST], Operations: operations }), 413);
    });

    it('answers 403 to a filter on a discovery endpoint', async () => {
      expectScimError(await client.get('/Schemas', { query: { filter: 'id eq "x"' } }), 403);
      expectScimError(await client.get('/ResourceTypes', { query: { filter: 'name eq "User"' } }), 403);
    });
  });

  describe('/ResourceTypes and /Schemas', () => {
    it('lists the User and Group resource types', async () => {
      const res = await client.get('/ResourceTypes');
      expect(res.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 2 });
      const [user, group] = res.body.Resources;
      expect(user).toMatchObject({
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        schema: USER_SCHEMA,
        schemaExtensions: [{ schema: ENTERPRISE, required: false }],
        meta: { resourceType: 'ResourceType', location: `http://${TEST_HOST}/scim/v2/ResourceTypes/User` },
      });
      expect(group).toMatchObject({ id: 'Group', endpoint: '/Groups', schema: GROUP_SCHEMA });
      expect((await client.get('/ResourceTypes/User')).body).toEqual(user);
      expect((await client.get('/ResourceTypes/Group')).body).toEqual(group);
      expectScimError(await client.get('/ResourceTypes/Device'), 404);
    });

    it('lists every schema and serves each by URN', async () => {
      const res = await client.get('/Schemas');
      expect(res.body.Resources.map((s: Json) => s.id)).toEqual([USER_SCHEMA, ENTERPRISE, GROUP_SCHEMA]);
      for (const schema of res.body.Resources) {
        const one = await client.get(`/Schemas/${schema.id}`);
        expect(one.status).toBe(200);
        expect(one.body).toEqual(schema);
      }
      expectScimError(await client.get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:Device'), 404);
    });

    it('declares Group members.display readOnly (1.1 readOnly: true): the server computes it', async () => {
      const group = (await client.get(`/Schemas/${GROUP_SCHEMA}`)).body;
      const members = group.attributes.find((a: Json) => a.name === 'members');
      const display = members.subAttributes.find((a: Json) => a.name === 'display');
      expect(display).toMatchObject({ mutability: 'readOnly' });
      const v1 = scim(sut, sut.tenant.scimToken, '/scim/v1');
      const v1Group = (await v1.get('/Schemas/Group')).body;
      const v1Display = v1Group.attributes
        .find((a: Json) => a.name === 'members')
        .subAttributes.find((a: Json) => a.name === 'display');
      expect(v1Display).toMatchObject({ readOnly: true });
    });

    it('describes the User attributes the way the server treats them', async () => {
      const user = (await client.get(`/Schemas/${USER_SCHEMA}`)).body;
      const attribute = (name: string) => user.attributes.find((a: Json) => a.name === name);
      expect(attribute('userName')).toMatchObject({
        type: 'string',
        required: true,
        caseExact: false,
        uniqueness: 'server',
      });
      expect(attribute('password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
      expect(attribute('groups')).toMatchObject({ mutability: 'readOnly', multiValued: true });
      expect(attribute('emails').subAttributes.map((s: Json) => s.name)).toEqual([
        'value',
        'display',
        'type',
        'primary',
      ]);
      const enterprise = (await client.get(`/Schemas/${ENTERPRISE}`)).body;
      expect(enterprise.attributes.map((a: Json) => a.name)).toEqual([
        'employeeNumber',
        'costCenter',
        'organization',
        'division',
        'department',
        'manager',
      ]);
      const group = (await client.get(`/Schemas/${GROUP_SCHEMA}`)).body;
      expect(group.attributes.map((a: Json) => a.name)).toEqual(['displayName', 'members']);
    });

    it('every readWrite User attribute it describes can be written and read back', async () => {
      const user = (await client.get(`/Schemas/${USER_SCHEMA}`)).body;
      const sample: Record<string, unknown> = {};
      for (const attribute of user.attributes as Json[]) {
        if (attribute.mutability !== 'readWrite' || attribute.name === 'userName') continue;
        if (attribute.type === 'boolean') sample[attribute.name] = false;
        else if (attribute.type === 'complex' && attribute.multiValued) {
          const value: Record<string, unknown> = {};
          for (const sub of attribute.subAttributes as Json[]) {
            if (sub.mutability === 'readOnly') continue;
            value[sub.name] =
              sub.type === 'boolean' ? true : (sub.canonicalValues?.[0] ?? `${attribute.name}-${sub.name}`);
          }
          sample[attribute.name] = [value];
        } else if (attribute.type === 'complex') {
          sample[attribute.name] = Object.fromEntries(
            (attribute.subAttributes as Json[]).map((sub) => [sub.name, `${attribute.name}-${sub.name}`]),
          );
        } else sample[attribute.name] = `${attribute.name}-value`;
      }
      const created = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: 'every-attribute@example.com',
        ...sample,
      });
      expect(created.status).toBe(201);
      const read = (await client.get(`/Users/${created.body.id}`)).body;
      expect(read).toMatchObject(sample);
    });
  });

  describe('Bulk', () => {
    it('creates a user and a group that contains it in one request, whatever their order', async () => {
      const operations = await bulk([
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'team',
          data: {
            schemas: [GROUP_SCHEMA],
            displayName: 'Bulk Team',
            members: [{ type: 'User', value: 'bulkId:ann' }],
          },
        },
        postUser('ann', { userName: 'bulk.ann@example.com' }),
      ]);
      expect(operations).toEqual([
        {
          method: 'POST',
          bulkId: 'team',
          status: '201',
          location: expect.stringMatching(/\/scim\/v2\/Groups\/[0-9a-f-]{36}$/),
          version: 'W/"1"',
        },
        {
          method: 'POST',
          bulkId: 'ann',
          status: '201',
          location: expect.stringMatching(/\/scim\/v2\/Users\/[0-9a-f-]{36}$/),
          version: 'W/"1"',
        },
      ]);
      const groupId = idFrom(operations[0].location);
      const userId = idFrom(operations[1].location);
      const group = await client.get(`/Groups/${groupId}`);
      expect(group.body.members).toEqual([expect.objectContaining({ value: userId, type: 'User' })]);
      expect(group.text).not.toContain('bulkId');
      const user = await client.get(`/Users/${userId}`);
      expect(user.body.groups).toEqual([expect.objectContaining({ value: groupId, type: 'direct' })]);
      expect(user.text).not.toContain('bulkId');
    });

    it('resolves bulkId references in paths and data of PUT, PATCH and DELETE', async () => {
      const operations = await bulk([
        postUser('boss', { userName: 'bulk.boss@example.com' }),
        postUser('worker', { userName: 'bulk.worker@example.com' }),
        {
          method: 'PATCH',
          path: '/Users/bulkId:worker',
          data: {
            schemas: [PATCH_OP],
            Operations: [{ op: 'add', path: `${ENTERPRISE}:manager`, value: { value: 'bulkId:boss' } }],
          },
        },
        {
          method: 'PUT',
          path: '/Users/bulkId:boss',
          data: { schemas: [USER_SCHEMA], userName: 'bulk.boss@example.com', title: 'Boss' },
        },
        postUser('temp', { userName: 'bulk.temp@example.com' }),
        { method: 'DELETE', path: '/Users/bulkId:temp' },
      ]);
      expect(operations.map((o) => o.status)).toEqual(['201', '201', '200', '200', '201', '204']);
      const [boss, worker, , , temp] = operations.map((o) => idFrom(o.location));
      expect(operations[2].location).toContain(worker);
      expect(operations[5].location).toContain(temp);
      const read = (await client.get(`/Users/${worker}`)).body;
      expect(read[ENTERPRISE].manager.value).toBe(boss);
      expect((await client.get(`/Users/${boss}`)).body.title).toBe('Boss');
      expectScimError(await client.get(`/Users/${temp}`), 404);
    });

    it('reports each failure in its own result and keeps going without failOnErrors', async () => {
      await client.createUser({ userName: 'bulk.taken@example.com' });
      const operations = await bulk([
        postUser('dup', { userName: 'BULK.TAKEN@example.com' }),
        postUser('ok', { userName: 'bulk.ok@example.com' }),
        {
          method: 'PATCH',
          path: '/Users/01890000-0000-7000-8000-000000000000',
          data: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'title' }] },
        },
        { method: 'DELETE', path: '/Users/bulkId:nobody' },
        {
          method: 'POST',
          path: '/Users/123',
          bulkId: 'badpath',
          data: { schemas: [USER_SCHEMA], userName: 'bad@example.com' },
        },
      ]);
      expect(operations.map((o) => o.status)).toEqual(['409', '201', '404', '409', '400']);
      expect(operations[0]).toMatchObject({
        method: 'POST',
        bulkId: 'dup',
        response: { schemas: [ERROR_SCHEMA], status: '409', scimType: 'uniqueness' },
      });
      expect(operations[0].location).toBeUndefined();
      expect(operations[4].response).toMatchObject({
        schemas: [ERROR_SCHEMA],
        status: '400',
        scimType: 'invalidSyntax',
      });
      expect(JSON.stringify(operations)).not.toMatch(/bulkId:nobody.*location/);
    });

    it('stops after failOnErrors failures', async () => {
      const operations = await bulk(
        [
          postUser('f1', { userName: 'bulk.f1@example.com', active: 'sometimes' }),
          postUser('f2', { userName: 'bulk.f2@example.com' }),
          postUser('f3', { userName: 42 }),
          postUser('f4', { userName: 'bulk.f4@example.com' }),
        ],
        { failOnErrors: 2 },
      );
      expect(operations.map((o) => [o.bulkId, o.status])).toEqual([
        ['f1', '400'],
        ['f2', '201'],
        ['f3', '400'],
      ]);
      const f4 = await client.get('/Users', { query: { filter: 'userName eq "bulk.f4@example.com"' } });
      expect(f4.body.totalResults).toBe(0);
      const first = await bulk(
        [postUser('g1', { userName: 42 }), postUser('g2', { userName: 'bulk.g2@example.com' })],
        { failOnErrors: 1 },
      );
      expect(first.map((o) => o.status)).toEqual(['400']);
    });

    it('answers 409 for a reference to a POST that failed or to a cycle, and never stores a bulkId', async () => {
      const operations = await bulk([
        postUser('broken', { userName: '' }),
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'needs-broken',
          data: { schemas: [GROUP_SCHEMA], displayName: 'G1', members: [{ value: 'bulkId:broken' }] },
        },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'a',
          data: { schemas: [GROUP_SCHEMA], displayName: 'A', members: [{ value: 'bulkId:b' }] },
        },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'b',
          data: { schemas: [GROUP_SCHEMA], displayName: 'B', members: [{ value: 'bulkId:a' }] },
        },
      ]);
      expect(operations.map((o) => o.status)).toEqual(['400', '409', '409', '409']);
      const groups = await client.get('/Groups', {
        query: { filter: 'displayName eq "G1" or displayName eq "A" or displayName eq "B"' },
      });
      expect(groups.body.totalResults).toBe(0);
    });

    it('answers 400 invalidSyntax to a malformed Bulk request', async () => {
      expectScimError(
        await client.post('/Bulk', { Operations: [postUser('x', { userName: 'x@example.com' })] }),
        400,
        'invalidSyntax',
      );
      expectScimError(
        await client.post('/Bulk', { schemas: [BULK_REQUEST], Operations: [] }),
        400,
        'invalidSyntax',
      );
      expectScimError(
        await client.post('/Bulk', {
          schemas: [BULK_REQUEST],
          Operations: [{ method: 'POST', path: '/Users', data: {} }],
        }),
        400,
        'invalidSyntax',
      );
      expectScimError(
        await client.post('/Bulk', {
          schemas: [BULK_REQUEST],
          Operations: [
            postUser('same', { userName: 's1@example.com' }),
            postUser('same', { userName: 's2@example.com' }),
          ],
        }),
        400,
        'invalidSyntax',
      );
      expectScimError(
        await client.post('/Bulk', {
          schemas: [BULK_REQUEST],
          failOnErrors: 0,
          Operations: [postUser('z', { userName: 'z@example.com' })],
        }),
        400,
        'invalidValue',
      );
    });
  });
});
