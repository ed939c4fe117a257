import type { Json, ScimClient } from '../../fixtures/scim-client';
import { ENTERPRISE, expectScimError, scim, USER_SCHEMA } from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const HR = 'urn:ietf:params:scim:schemas:extension:hr:2.0:User';
const DEFINE = `mutation($input: ExtensionAttributeInput!) { defineUserExtensionAttribute(input: $input) { id schema name type } }`;
const REMOVE = `mutation($schema: String!, $name: String!) { removeUserExtensionAttribute(schema: $schema, name: $name) }`;

const ATTRIBUTES = [
  {
    name: 'badgeColour',
    type: 'string',
    canonicalValues: ['red', 'green', 'blue'],
    description: 'Badge colour',
  },
  { name: 'clearance', type: 'integer' },
  { name: 'contractor', type: 'boolean' },
  { name: 'startDate', type: 'dateTime' },
  { name: 'skills', type: 'string', multiValued: true },
  { name: 'costCode', type: 'string', caseExact: true },
  { name: 'rate', type: 'decimal' },
];

describe('SCIM custom extension attributes', () => {
  let sut: TestApp;
  let client: ScimClient;
  const users: Record<string, Json> = {};

  beforeAll(async () => {
    sut = await startTestApp();
    client = scim(sut, sut.tenant.scimToken);
    for (const input of ATTRIBUTES) {
      const result = await sut.gql(DEFINE, { input: { schema: ACME, ...input } });
      expect(result.errors).toBeUndefined();
    }
  });
  afterAll(() => sut.close());

  const create = async (key: string, acme: Record<string, unknown>) => {
    const res = await client.post('/Users', {
      schemas: [USER_SCHEMA, ACME],
      userName: `${key}@ext.example`,
      [ACME]: acme,
    });
    if (res.status !== 201) throw new Error(`${key} → ${res.status} ${res.text}`);
    users[key] = res.body;
    return res.body;
  };
  const select = async (query: Record<string, string | number>) => {
    const res = await client.get('/Users', { query: { count: 100, ...query } });
    if (res.status !== 200) throw new Error(`${JSON.stringify(query)} → ${res.status} ${res.text}`);
    return (res.body.Resources as Json[]).map((r) => r.userName.split('@')[0]);
  };

  it('can only be defined with an admin token', async () => {
    const result = await sut.gql(
      DEFINE,
      { input: { schema: ACME, name: 'sneaky', type: 'string' } },
      sut.tenant.scimToken,
    );
    expectOneError(result, 'FORBIDDEN');
  });

  it('appears in /Schemas and /ResourceTypes/User of its organization only', async () => {
    const schema = await client.get(`/Schemas/${ACME}`);
    expect(schema.status).toBe(200);
    expect(schema.body).toMatchObject({ id: ACME, meta: { resourceType: 'Schema' } });
    const byName = Object.fromEntries((schema.body.attributes as Json[]).map((a) => [a.name, a]));
    expect(Object.keys(byName).sort()).toEqual(ATTRIBUTES.map((a) => a.name).sort());
    expect(byName.badgeColour).toMatchObject({
      type: 'string',
      canonicalValues: ['red', 'green', 'blue'],
      description: 'Badge colour',
      multiValued: false,
    });
    expect(byName.skills).toMatchObject({ type: 'string', multiValued: true });
    expect(byName.costCode).toMatchObject({ caseExact: true });
    expect(byName.clearance).toMatchObject({
      type: 'integer',
      required: false,
      mutability: 'readWrite',
      returned: 'default',
    });
    const list = await client.get('/Schemas');
    expect(list.body.Resources.map((s: Json) => s.id)).toContain(ACME);
    const resourceType = await client.get('/ResourceTypes/User');
    expect(resourceType.body.schemaExtensions).toEqual([
      { schema: ENTERPRISE, required: false },
      { schema: ACME, required: false },
    ]);
    const other = scim(sut, sut.other.scimToken);
    expectScimError(await other.get(`/Schemas/${ACME}`), 404);
    expect((await other.get('/ResourceTypes/User')).body.schemaExtensions).toEqual([
      { schema: ENTERPRISE, required: false },
    ]);
  });

  it('stores values and returns them under the schema URN', async () => {
    const user = await create('ann', {
      badgeColour: 'red',
      clearance: 3,
      contractor: false,
      startDate: '2024-03-01T09:00:00Z',
      skills: ['go', 'sql'],
      costCode: 'CC-1',
      rate: 12.5,
    });
    expect(user.schemas).toEqual([USER_SCHEMA, ACME]);
    expect(user[ACME]).toEqual({
      badgeColour: 'red',
      clearance: 3,
      contractor: false,
      startDate: expect.stringMatching(/^2024-03-01T09:00:00(\.000)?Z$/),
      skills: ['go', 'sql'],
      costCode: 'CC-1',
      rate: 12.5,
    });
    expect((await client.get(`/Users/${user.id}`)).body[ACME]).toEqual(user[ACME]);
    const gql = await sut.gql<{ user: { extensions: Record<string, Json> } }>(
      `query($id: ID!) { user(id: $id) { extensions } }`,
      { id: user.id },
    );
    expect(gql.data!.user.extensions[ACME]).toMatchObject({ badgeColour: 'red', clearance: 3 });
    await create('bob', {
      badgeColour: 'Green',
      clearance: 1,
      contractor: true,
      startDate: '2023-01-15T00:00:00Z',
      skills: ['java'],
      costCode: 'cc-2',
    });
    await create('cid', { badgeColour: 'blue', clearance: 5, skills: ['go'], costCode: 'CC-3' });
    await client.createUser({ userName: 'dee@ext.example' });
  });

  it.each([
    ['a string for an integer', { clearance: 'high' }],
    ['a fraction for an integer', { clearance: 2.5 }],
    ['a string for a boolean', { contractor: 'perhaps' }],
    ['a value outside the canonical values', { badgeColour: 'purple' }],
    ['a non-date for a dateTime', { startDate: 'last tuesday' }],
    ['a single value for a multi-valued attribute of the wrong type', { skills: [1, 2] }],
    ['an object for a string', { costCode: { a: 1 } }],
  ])('answers 400 invalidValue for %s, and writes nothing', async (_name, acme) => {
    const res = await client.post('/Users', {
      schemas: [USER_SCHEMA, ACME],
      userName: 'invalid@ext.example',
      [ACME]: acme,
    });
    expectScimError(res, 400, 'invalidValue');
    expect(
      (await client.get('/Users', { query: { filter: 'userName eq "invalid@ext.example"' } })).body
        .totalResults,
    ).toBe(0);
  });

  it('ignores an attribute its schema does not define, and says so on the audit event', async () => {
    const res = await client.post('/Users', {
      schemas: [USER_SCHEMA, ACME],
      userName: 'extra@ext.example',
      [ACME]: { clearance: 2, shoeSize: 44 },
    });
    expect(res.status).toBe(201);
    expect(res.body[ACME]).toEqual({ clearance: 2 });
    const audit = await sut.gql<{ auditEvents: { nodes: { notes: string[] }[] } }>(
      `query($id: String!) { auditEvents(filter: { targetId: $id }) { nodes { notes } } }`,
      { id: res.body.id },
    );
    expect(audit.data!.auditEvents.nodes[0].notes).toEqual(
      expect.arrayContaining([expect.stringContaining('shoeSize')]),
    );
    await client.delete(`/Users/${res.body.id}`);
  });

  it('changes values with PATCH, by URN path and by partial resource', async () => {
    const path = `/Users/${users.ann.id}`;
    const patched = await client.patchOps(path, [
      { op: 'replace', path: `${ACME}:clearance`, value: 4 },
      { op: 'add', path: `${ACME}:skills`, value: ['rust'] },
      { op: 'remove', path: `${ACME}:costCode` },
      { op: 'replace', value: { [`${ACME}:contractor`]: 'True' } },
    ]);
    expect(patched.status).toBe(200);
    expect(patched.body[ACME]).toMatchObject({
      clearance: 4,
      contractor: true,
      skills: ['go', 'sql', 'rust'],
    });
    expect(patched.body[ACME].costCode).toBeUndefined();
    expectScimError(
      await client.patchOps(path, [{ op: 'replace', path: `${ACME}:badgeColour`, value: 'pink' }]),
      400,
      'invalidValue',
    );
    expectScimError(
      await client.patchOps(path, [{ op: 'replace', path: `${ACME}:shoeSize`, value: 44 }]),
      400,
      'invalidPath',
    );
    const restored = await client.patchOps(path, [{ op: 'add', path: `${ACME}:costCode`, value: 'CC-1' }]);
    expect(restored.body[ACME].costCode).toBe('CC-1');
  });

  it.each([
    [`${ACME}:clearance gt 2`, ['ann', 'cid']],
    [`${ACME}:clearance le 1`, ['bob']],
    [`${ACME}:badgeColour eq "GREEN"`, ['bob']],
    [`${ACME}:costCode eq "CC-1"`, ['ann']],
    [`${ACME}:costCode eq "cc-1"`, []],
    [`${ACME}:contractor eq true`, ['ann', 'bob']],
    [`${ACME}:startDate lt "2024-01-01T00:00:00Z"`, ['bob']],
    [`${ACME}:skills eq "go"`, ['ann', 'cid']],
    [`${ACME}:skills co "ava"`, ['bob']],
    [`${ACME}:rate pr`, ['ann']],
    [`not (${ACME}:clearance pr) and userName ew "ext.example"`, ['dee']],
    [`${ACME}:clearance ge 3 and ${ACME}:skills eq "go"`, ['ann', 'cid']],
  ])('filters by %s', async (filter, expected) => {
    expect((await select({ filter })).sort()).toEqual(expected);
  });

  it('answers 400 invalidFilter for an undefined attribute of the schema, or a wrong comparison', async () => {
    const body = expectScimError(
      await client.get('/Users', { query: { filter: `${ACME}:shoeSize eq 1` } }),
      400,
      'invalidFilter',
    );
    expect(body.detail).toContain('shoeSize');
    expectScimError(
      await client.get('/Users', { query: { filter: `${ACME}:contractor gt true` } }),
      400,
      'invalidFilter',
    );
    expectScimError(
      await client.get('/Users', { query: { filter: `${ACME}:clearance co 1` } }),
      400,
      'invalidFilter',
    );
  });

  it('sorts by an extension attribute', async () => {
    const filter = `${ACME}:clearance pr`;
    expect(await select({ filter, sortBy: `${ACME}:clearance` })).toEqual(['bob', 'ann', 'cid']);
    expect(await select({ filter, sortBy: `${ACME}:clearance`, sortOrder: 'descending' })).toEqual([
      'cid',
      'ann',
      'bob',
    ]);
    expect(await select({ filter, sortBy: `${ACME}:badgeColour` })).toEqual(['cid', 'bob', 'ann']);
  });

  it('projects extension attributes with attributes and excludedAttributes', async () => {
    const one = (await client.get(`/Users/${users.ann.id}`, { query: { attributes: `${ACME}:clearance` } }))
      .body;
    expect(one).toEqual({ schemas: [USER_SCHEMA, ACME], id: users.ann.id, [ACME]: { clearance: 4 } });
    const whole = (await client.get(`/Users/${users.ann.id}`, { query: { attributes: ACME } })).body;
    expect(Object.keys(whole[ACME]).sort()).toEqual([
      'badgeColour',
      'clearance',
      'contractor',
      'costCode',
      'rate',
      'skills',
      'startDate',
    ]);
    const without = (await client.get(`/Users/${users.ann.id}`, { query: { excludedAttributes: ACME } }))
      .body;
    expect(without[ACME]).toBeUndefined();
  });

  it('enforces a required attribute on create, PUT and PATCH, and advertises it', async () => {
    const defined = await sut.gql(DEFINE, {
      input: { schema: HR, name: 'employeeId', type: 'string', required: true },
    });
    expect(defined.errors).toBeUndefined();
    try {
      const resourceType = await client.get('/ResourceTypes/User');
      expect(resourceType.body.schemaExtensions).toContainEqual({ schema: HR, required: true });
      expect((await client.get(`/Schemas/${HR}`)).body.attributes[0]).toMatchObject({
        name: 'employeeId',
        required: true,
      });
      expectScimError(
        await client.post('/Users', { schemas: [USER_SCHEMA], userName: 'no-hr@ext.example' }),
        400,
        'invalidValue',
      );
      const created = await client.post('/Users', {
        schemas: [USER_SCHEMA, HR],
        userName: 'hr@ext.example',
        [HR]: { employeeId: 'E-1' },
      });
      expect(created.status).toBe(201);
      expect(created.body[HR]).toEqual({ employeeId: 'E-1' });
      const path = `/Users/${created.body.id}`;
      expectScimError(
        await client.put(path, { schemas: [USER_SCHEMA], userName: 'hr@ext.example' }),
        400,
        'invalidValue',
      );
      expectScimError(
        await client.patchOps(path, [{ op: 'remove', path: `${HR}:employeeId` }]),
        400,
        'mutability',
      );
      expect((await client.get(path)).body[HR]).toEqual({ employeeId: 'E-1' });
    } finally {
      await sut.gql(REMOVE, { schema: HR, name: 'employeeId' });
    }
  });
});
