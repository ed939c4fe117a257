import { randomUUID } from 'node:crypto';
import type { ScimClient } from '../../fixtures/scim-client';
import { BULK_REQUEST, PATCH_OP, scim } from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

const V1_CORE = 'urn:scim:schemas:core:1.0';

/** Ids we never issued, whatever their UUID version: each must be a 404, never a 400. */
const IDS = [
  ['the nil UUID', '00000000-0000-0000-0000-000000000000'],
  ['the max UUID', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'],
  ['a version 0 UUID', '01890000-0000-0000-0000-000000000000'],
  ['a random version 4 UUID', randomUUID()],
  ['an unused version 7 UUID', '01890000-0000-7000-8000-000000000000'],
];

const bodies = {
  '/scim/v2': {
    Users: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ghost@example.com' },
    Groups: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Ghosts' },
    patch: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] },
  },
  '/scim/v1': {
    Users: { schemas: [V1_CORE], userName: 'ghost@example.com' },
    Groups: { schemas: [V1_CORE], displayName: 'Ghosts' },
    patch: { schemas: [V1_CORE], displayName: 'x' },
  },
} as const;

describe('an id we never issued is 404 on every method and both SCIM versions', () => {
  let sut: TestApp;
  const clients: Record<string, ScimClient> = {};

  beforeAll(async () => {
    sut = await startTestApp();
    for (const base of Object.keys(bodies)) clients[base] = scim(sut, sut.tenant.scimToken, base);
  });
  afterAll(() => sut.close());

  const rows = Object.keys(bodies).flatMap((base) =>
    (['Users', 'Groups'] as const).flatMap((resource) =>
      (['get', 'put', 'patch', 'delete'] as const).flatMap((method) =>
        IDS.map(([name, id]) => ({ base, resource, method, name, id })),
      ),
    ),
  );

  it.each(rows)('$base $method /$resource/<$name>', async ({ base, resource, method, id }) => {
    const client = clients[base];
    const body = bodies[base as keyof typeof bodies];
    const path = `/${resource}/${id}`;
    const res =
      method === 'get' || method === 'delete'
        ? await client[method](path)
        : await client[method](path, method === 'put' ? body[resource] : body.patch);
    expect(res.status).toBe(404);
    const status = base === '/scim/v2' ? res.body.status : res.body.Errors[0].code;
    expect(status).toBe('404');
  });

  it.each(IDS)('a Bulk operation on %s answers 404 in its result', async (_name, id) => {
    const res = await clients['/scim/v2'].post('/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [{ method: 'DELETE', path: `/Users/${id}` }],
    });
    expect(res.status).toBe(200);
    expect(res.body.Operations[0].status).toBe('404');
  });
});
