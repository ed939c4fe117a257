import type { ScimClient } from '../../fixtures/scim-client';
import {
  ERROR_SCHEMA,
  expectScimError,
  GROUP_SCHEMA,
  PATCH_OP,
  scim,
  USER_SCHEMA,
} from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

describe('SCIM protocol', () => {
  let sut: TestApp;
  let client: ScimClient;
  let seq = 0;

  beforeAll(async () => {
    sut = await startTestApp({ BODY_LIMIT_BYTES: '65536' });
    client = scim(sut, sut.tenant.scimToken);
  });
  afterAll(() => sut.close());

  const newUser = () => client.createUser({ userName: `proto-${++seq}@example.com`, title: 'Original' });

  describe('versioning', () => {
    it('PUT, PATCH and DELETE of a user with a stale If-Match answer 412 and change nothing', async () => {
      const user = await newUser();
      const path = `/Users/${user.id}`;
      await client.patchOps(path, [{ op: 'replace', path: 'title', value: 'Moved on' }]);
      const current = (await client.get(path)).body;
      const stale = { headers: { 'If-Match': user.meta.version } };
      expectScimError(
        await client.put(path, { schemas: [USER_SCHEMA], userName: user.userName }, stale),
        412,
      );
      expectScimError(
        await client.patchOps(path, [{ op: 'replace', path: 'title', value: 'Lost' }], stale),
        412,
      );
      expectScimError(await client.delete(path, stale), 412);
      expectScimError(await client.delete(path, { headers: { 'If-Match': '"not-ours"' } }), 412);
      expect((await client.get(path)).body).toEqual(current);
    });

    it('PUT, PATCH and DELETE of a user with the current If-Match or * succeed', async () => {
      const user = await newUser();
      const path = `/Users/${user.id}`;
      const put = await client.put(
        path,
        { schemas: [USER_SCHEMA], userName: user.userName, title: 'Put' },
        { headers: { 'If-Match': user.meta.version } },
      );
      expect(put.status).toBe(200);
      const patch = await client.patchOps(path, [{ op: 'replace', path: 'title', value: 'Patched' }], {
        headers: { 'If-Match': put.headers.etag },
      });
      expect(patch.status).toBe(200);
      expect(patch.body.title).toBe('Patched');
      const star = await client.patchOps(path, [{ op: 'replace', path: 'title', value: 'Star' }], {
        headers: { 'If-Match': '*' },
      });
      expect(star.status).toBe(200);
      expect((await client.delete(path, { headers: { 'If-Match': star.headers.etag } })).status).toBe(204);
    });

    it('PUT, PATCH and DELETE of a group with a stale If-Match answer 412 and change nothing', async () => {
      const member = await newUser();
      const group = await client.createGroup({ displayName: 'Versioned' });
      const path = `/Groups/${group.id}`;
      const moved = await client.patchOps(path, [
        { op: 'add', path: 'members', value: [{ value: member.id }] },
      ]);
      expect(moved.status).toBe(204);
      const current = (await client.get(path)).body;
      const stale = { headers: { 'If-Match': group.meta.version } };
      expectScimError(await client.put(path, { schemas: [GROUP_SCHEMA], displayName: 'Lost' }, stale), 412);
      expectScimError(await client.patchOps(path, [{ op: 'remove', path: 'members' }], stale), 412);
      expectScimError(await client.delete(path, stale), 412);
      expect((await client.get(path)).body).toEqual(current);
      const ok = await client.patchOps(path, [{ op: 'replace', path: 'displayName', value: 'Renamed' }], {
        headers: { 'If-Match': moved.headers.etag },
      });
      expect(ok.status).toBe(204);
      expect((await client.delete(path, { headers: { 'If-Match': ok.headers.etag } })).status).toBe(204);
    });

    it('GET with If-None-Match of the current ETag answers 304, with an older one 200', async () => {
      const user = await newUser();
      const path = `/Users/${user.id}`;
      const unchanged = await client.get(path, { headers: { 'If-None-Match': user.meta.version } });
      expect(unchanged.status).toBe(304);
      expect(unchanged.text).toBe('');
      expect(unchanged.headers.etag).toBe(user.meta.version);
      await client.patchOps(path, [{ op: 'replace', path: 'title', value: 'Newer' }]);
      const changed = await client.get(path, { headers: { 'If-None-Match': user.meta.version } });
      expect(changed.status).toBe(200);
      expect(changed.body.title).toBe('Newer');
      const group = await client.createGroup({ displayName: 'Cached' });
      expect(
        (await client.get(`/Groups/${group.id}`, { headers: { 'If-None-Match': group.meta.version } }))
          .status,
      ).toBe(304);
    });
  });

  describe('media types and bodies', () => {
    it.each(['application/scim+json', 'application/json', 'application/scim+json; charset=utf-8'])(
      'accepts a %s body and answers application/scim+json',
      async (contentType) => {
        const res = await client.post(
          '/Users',
          { schemas: [USER_SCHEMA], userName: `ct-${contentType.length}-${++seq}@example.com` },
          { contentType },
        );
        expect(res.status).toBe(201);
        expect(res.headers['content-type']).toBe('application/scim+json');
      },
    );

    it('answers every response with the bare application/scim+json (RFC 7644 §8.1: no charset), errors included', async () => {
      for (const res of [
        await client.get('/Users'),
        await client.get('/ServiceProviderConfig'),
        await client.get('/Nope'),
        await client.delete('/Users'),
        await client.post('/.search', {}),
      ]) {
        expect(res.headers['content-type']).toBe('application/scim+json');
      }
    });

    it.each([
      ['malformed JSON', '{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": '],
      ['a JSON array', '[{"userName": "array@example.com"}]'],
      ['a JSON number', '42'],
      ['a JSON string', '"userName"'],
      ['JSON null', 'null'],
      ['an empty body', ''],
    ])('answers 400 invalidSyntax to %s on POST /Users', async (_name, raw) => {
      expectScimError(await client.post('/Users', undefined, { raw }), 400, 'invalidSyntax');
    });

    it('answers 400 invalidSyntax to malformed bodies on PUT, PATCH, Bulk and .search', async () => {
      const user = await newUser();
      expectScimError(
        await client.put(`/Users/${user.id}`, undefined, { raw: '{"userName":' }),
        400,
        'invalidSyntax',
      );
      expectScimError(
        await client.patch(`/Users/${user.id}`, undefined, { raw: '[]' }),
        400,
        'invalidSyntax',
      );
      expectScimError(await client.post('/Bulk', undefined, { raw: '7' }), 400, 'invalidSyntax');
      expectScimError(await client.post('/Users/.search', undefined, { raw: '{' }), 400, 'invalidSyntax');
      expectScimError(await client.post('/Groups', undefined, { raw: '["x"]' }), 400, 'invalidSyntax');
    });

    it('answers 400 to an over-long userName, and 413 to a body over the limit', async () => {
      const long = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: `${'x'.repeat(300)}@example.com`,
      });
      expectScimError(long, 400, 'invalidValue');
      expect(long.body.detail).toMatch(/userName/);
      const huge = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: 'huge@example.com',
        title: 'x'.repeat(70_000),
      });
      expectScimError(huge, 413);
      const longTitle = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: 'title@example.com',
        title: 'x'.repeat(5_000),
      });
      expectScimError(longTitle, 400, 'invalidValue');
    });
  });

  describe('routing', () => {
    it.each([
      '/Nope',
      '/Users/extra/segments',
      '/Userz',
      '/Groups/x/y',
      '/ResourceTypes/User/extra',
      '/Schemas/urn:nope',
    ])('answers 404 for GET %s', async (path) => {
      expectScimError(await client.get(path), 404);
    });

    it('answers 404 for an id that is not one of ours', async () => {
      expectScimError(await client.get('/Users/not-a-uuid'), 404);
      expectScimError(await client.get('/Groups/01890000-0000-7000-8000-000000000000'), 404);
      expectScimError(await client.delete('/Groups/%00'), 404);
    });

    it.each([
      ['delete', '/Users', 'GET, POST'],
      ['put', '/Users', 'GET, POST'],
      ['patch', '/Groups', 'GET, POST'],
      ['post', '/Users/01890000-0000-7000-8000-000000000000', 'GET, PUT, PATCH, DELETE'],
      ['put', '/ServiceProviderConfig', 'GET'],
      ['delete', '/Schemas', 'GET'],
      ['get', '/Bulk', 'POST'],
      ['get', '/Users/.search', 'POST'],
      ['post', '/Me', 'GET'],
    ] as const)('answers 405 with Allow for %s %s', async (method, path, allow) => {
      const res = await client.send(method, path, method === 'get' || method === 'delete' ? undefined : {});
      expectScimError(res, 405);
      expect(res.headers.allow).toBe(allow);
    });

    it('serves endpoint names case-insensitively', async () => {
      expect((await client.get('/users')).status).toBe(200);
      expect((await client.get('/serviceproviderconfig')).status).toBe(200);
    });

    it('never answers 500 for odd requests', async () => {
      const odd = [
        await client.get('/Users', { query: { filter: '\u0000' } }),
        await client.get('/Users', { query: { attributes: ',,,' } }),
        await client.get('/Users?filter[a]=b'),
        await client.get('/Users?count[]=1'),
        await client.patch('/Users/01890000-0000-7000-8000-000000000000', {
          schemas: [PATCH_OP],
          Operations: [{ op: 'add', path: 'title', value: 'x' }],
        }),
        await client.post('/Users', { schemas: [USER_SCHEMA], userName: { nested: true } }),
        await client.post('/Users', { schemas: [USER_SCHEMA], userName: 'ctl\u0001@example.com' }),
        await client.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'g', members: 'not-a-list' }),
        await client.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'g', members: [{ value: 42 }] }),
        await client.post('/Groups', {
          schemas: [GROUP_SCHEMA],
          displayName: 'g',
          members: [{ value: 'not-a-uuid' }],
        }),
        await client.post('/Groups', { schemas: [GROUP_SCHEMA] }),
      ];
      for (const res of odd) {
        expect(res.status).toBeGreaterThanOrEqual(200);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400)
          expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(res.status) });
      }
    });

    it('answers 400 invalidValue to a group without a displayName, on POST and on PUT', async () => {
      expectScimError(await client.post('/Groups', { schemas: [GROUP_SCHEMA] }), 400, 'invalidValue');
      const group = await client.createGroup({ displayName: 'Named' });
      expectScimError(
        await client.put(`/Groups/${group.id}`, { schemas: [GROUP_SCHEMA], members: [] }),
        400,
        'invalidValue',
      );
      expect((await client.get(`/Groups/${group.id}`)).body.displayName).toBe('Named');
    });
  });
});
