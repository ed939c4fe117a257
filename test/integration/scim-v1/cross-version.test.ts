import type { Json, ScimClient } from '../../fixtures/scim-client';
import { ENTERPRISE, expectStatus, scim, TEST_HOST, USER_SCHEMA } from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

const CORE_V1 = 'urn:scim:schemas:core:1.0';
const ENTERPRISE_V1 = 'urn:scim:schemas:extension:enterprise:1.0';

/** What every version shows of a user: the core attributes, compared value for value. */
const CORE_ATTRIBUTES = [
  'id',
  'userName',
  'externalId',
  'active',
  'displayName',
  'nickName',
  'profileUrl',
  'title',
  'userType',
  'preferredLanguage',
  'locale',
  'timezone',
  'name',
  'emails',
  'phoneNumbers',
  'ims',
  'photos',
  'roles',
  'entitlements',
  'addresses',
];
const pick = (resource: Json, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => resource[k] !== undefined).map((k) => [k, resource[k]]));

const GRAPHQL_USER = `query($id: ID!) { user(id: $id) {
  id userName externalId active displayName nickName profileUrl title userType preferredLanguage locale timezone
  name { formatted familyName givenName middleName honorificPrefix honorificSuffix }
  emails { value type primary display } phoneNumbers { value type primary display }
  addresses { streetAddress locality region postalCode country type primary formatted }
  enterprise { employeeNumber costCenter organization division department manager { value displayName } }
  hasPassword version createdAt updatedAt } }`;

/** Drops nulls and `primary: false`, which SCIM leaves out and GraphQL spells out. */
function assigned(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(assigned);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k, v]) => v !== null && !(k === 'primary' && v === false))
        .map(([k, v]) => [k, assigned(v)]),
    );
  return value;
}

describe('/scim/v1, /scim/v2 and GraphQL serve the same directory', () => {
  let sut: TestApp;
  let v1: ScimClient;
  let v2: ScimClient;
  let managerId: string;

  beforeAll(async () => {
    sut = await startTestApp();
    v1 = scim(sut, sut.tenant.scimToken, '/scim/v1');
    v2 = scim(sut, sut.tenant.scimToken);
    managerId = (await v2.createUser({ userName: 'boss@example.com', displayName: 'The Boss' })).id;
  });
  afterAll(() => sut.close());

  const richV1User = () => ({
    schemas: [CORE_V1, ENTERPRISE_V1],
    userName: 'bjensen@example.com',
    externalId: 'okta-00u1',
    name: {
      formatted: 'Ms. Barbara J Jensen III',
      familyName: 'Jensen',
      givenName: 'Barbara',
      middleName: 'Jane',
    },
    displayName: 'Babs Jensen',
    nickName: 'Babs',
    profileUrl: 'https://login.example.com/bjensen',
    title: 'Tour Guide',
    userType: 'Employee',
    preferredLanguage: 'en_US',
    locale: 'en_US',
    timezone: 'America/Los_Angeles',
    active: true,
    password: 't1meMa$heen',
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    phoneNumbers: [{ value: '555-555-8377', type: 'work' }],
    addresses: [
      {
        streetAddress: '100 Universal City Plaza',
        locality: 'Hollywood',
        region: 'CA',
        postalCode: '91608',
        country: 'US',
        type: 'work',
        primary: true,
      },
    ],
    [ENTERPRISE_V1]: {
      employeeNumber: '701984',
      costCenter: '4130',
      organization: 'Universal Studios',
      division: 'Theme Park',
      department: 'Tour Operations',
      manager: { managerId },
    },
  });

  it('a user created over 1.1 reads identically over 2.0 (same attributes, ids, version and timestamps)', async () => {
    const created = await v1.post('/Users', richV1User());
    expectStatus(created, 201);
    expect(created.headers['content-type']).toBe('application/json');
    const id = created.body.id;
    const [one, two] = [await v1.get(`/Users/${id}`), await v2.get(`/Users/${id}`)];
    expectStatus(one, 200);
    expectStatus(two, 200);

    expect(pick(one.body, CORE_ATTRIBUTES)).toEqual(pick(two.body, CORE_ATTRIBUTES));
    expect(pick(one.body, CORE_ATTRIBUTES)).toEqual(
      pick(
        { ...richV1User(), id },
        CORE_ATTRIBUTES.filter((k) => k !== 'password'),
      ),
    );
    expect(one.body.schemas).toEqual([CORE_V1, ENTERPRISE_V1]);
    expect(two.body.schemas).toEqual([USER_SCHEMA, ENTERPRISE]);
    const { manager: managerV1, ...enterpriseV1 } = one.body[ENTERPRISE_V1];
    const { manager: managerV2, ...enterpriseV2 } = two.body[ENTERPRISE];
    expect(enterpriseV1).toEqual(enterpriseV2);
    expect(managerV1).toEqual({ managerId, displayName: 'The Boss' });
    expect(managerV2).toMatchObject({ value: managerId, displayName: 'The Boss' });
    expect(one.body.meta).toEqual({
      created: two.body.meta.created,
      lastModified: two.body.meta.lastModified,
      version: two.body.meta.version,
      location: `http://${TEST_HOST}/scim/v1/Users/${id}`,
    });
    expect(two.body.meta.location).toBe(`http://${TEST_HOST}/scim/v2/Users/${id}`);
    expect(one.headers.etag).toBe(two.headers.etag);
    expect(created.headers.location).toBe(one.body.meta.location);
    expect(one.body.password).toBeUndefined();
  });

  it('a user created over 1.1 reads identically over GraphQL', async () => {
    const created = (await v1.post('/Users', { ...richV1User(), userName: 'gql.reader@example.com' })).body;
    const result = await sut.gql<{ user: Json }>(GRAPHQL_USER, { id: created.id });
    expect(result.errors).toBeUndefined();
    const user = result.data!.user;
    expect(assigned(pick(user, CORE_ATTRIBUTES))).toEqual(pick(created, CORE_ATTRIBUTES));
    expect(assigned(user.enterprise)).toEqual({
      ...created[ENTERPRISE_V1],
      manager: { value: managerId, displayName: 'The Boss' },
    });
    expect(created[ENTERPRISE_V1].manager).toEqual({ managerId, displayName: 'The Boss' });
    expect(user).toMatchObject({
      hasPassword: true,
      createdAt: created.meta.created,
      updatedAt: created.meta.lastModified,
    });
    expect(`W/"${user.version}"`).toBe(created.meta.version);
  });

  it('a user edited over 2.0 reads back over 1.1, and 1.1 and 2.0 share one ETag sequence', async () => {
    const { id } = (await v1.post('/Users', { ...richV1User(), userName: 'edited.v2@example.com' })).body;
    const patched = await v2.patchOps(`/Users/${id}`, [
      { op: 'replace', path: 'title', value: 'Senior Tour Guide' },
      { op: 'add', path: 'phoneNumbers', value: [{ value: '555-555-4444', type: 'mobile' }] },
      { op: 'replace', path: `${ENTERPRISE}:department`, value: 'Rides' },
      { op: 'remove', path: 'nickName' },
    ]);
    expectStatus(patched, 200);
    const read = await v1.get(`/Users/${id}`);
    expectStatus(read, 200);
    expect(read.body).toMatchObject({
      title: 'Senior Tour Guide',
      phoneNumbers: [
        { value: '555-555-8377', type: 'work' },
        { value: '555-555-4444', type: 'mobile' },
      ],
      [ENTERPRISE_V1]: { department: 'Rides', manager: { managerId } },
      meta: { version: patched.body.meta.version },
    });
    expect(read.body.nickName).toBeUndefined();

    // The ETag read over 2.0 guards a 1.1 write; a stale one is a 412 in the 1.1 error format.
    const stale = await v1.put(
      `/Users/${id}`,
      { schemas: [CORE_V1], userName: 'edited.v2@example.com' },
      {
        headers: { 'If-Match': 'W/"1"' },
      },
    );
    expect(stale.status).toBe(412);
    expect(stale.body).toEqual({ Errors: [{ description: expect.any(String), code: '412' }] });
    const fresh = await v1.patch(
      `/Users/${id}`,
      { schemas: [CORE_V1], title: 'Lead' },
      { headers: { 'If-Match': read.headers.etag } },
    );
    expectStatus(fresh, 200);
    expect(fresh.body.title).toBe('Lead');
  });

  it('a user edited over GraphQL reads back over 1.1', async () => {
    const { id } = (await v1.post('/Users', { schemas: [CORE_V1], userName: 'edited.gql@example.com' })).body;
    const result = await sut.gql(
      `mutation($id: ID!) { updateUser(id: $id, input: { title: "CTO", enterprise: { costCenter: "77" } }) { id } }`,
      { id },
    );
    expect(result.errors).toBeUndefined();
    expect((await v1.get(`/Users/${id}`)).body).toMatchObject({
      title: 'CTO',
      [ENTERPRISE_V1]: { costCenter: '77' },
    });
  });

  it('a 1.1 PATCH (meta.attributes, value delete, enterprise merge) is seen over 2.0', async () => {
    const { id } = (await v1.post('/Users', { ...richV1User(), userName: 'patched.v1@example.com' })).body;
    const res = await v1.patch(`/Users/${id}`, {
      schemas: [CORE_V1, ENTERPRISE_V1],
      meta: { attributes: ['title', 'phoneNumbers', `${ENTERPRISE_V1}:costCenter`] },
      emails: [{ value: 'babs@jensen.org', operation: 'delete' }],
      name: { givenName: 'Barb' },
      [ENTERPRISE_V1]: { department: 'Marketing' },
    });
    expectStatus(res, 200);
    const two = (await v2.get(`/Users/${id}`)).body;
    expect(two).toMatchObject({
      name: { givenName: 'Barb', familyName: 'Jensen', middleName: 'Jane' },
      emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
      [ENTERPRISE]: { department: 'Marketing', employeeNumber: '701984', manager: { value: managerId } },
    });
    expect(two.title).toBeUndefined();
    expect(two.phoneNumbers).toBeUndefined();
    expect(two[ENTERPRISE].costCenter).toBeUndefined();
    expect(pick(res.body, CORE_ATTRIBUTES)).toEqual(pick(two, CORE_ATTRIBUTES));
  });

  it('a group pushed over 1.1 has the same members over 2.0 and GraphQL; a 2.0 member removal shows over 1.1', async () => {
    const a = (await v1.post('/Users', { schemas: [CORE_V1], userName: 'member.a@example.com' })).body.id;
    const b = (await v1.post('/Users', { schemas: [CORE_V1], userName: 'member.b@example.com' })).body.id;
    const group = await v1.post('/Groups', {
      schemas: [CORE_V1],
      displayName: 'Pushed',
      members: [{ value: a }, { value: b }],
    });
    expectStatus(group, 201);
    const id = group.body.id;
    const two = (await v2.get(`/Groups/${id}`)).body;
    expect(two.members.map((m: Json) => m.value)).toEqual([a, b]);
    expect(group.body.members).toEqual(two.members.map(({ $ref: _ref, ...m }: Json) => m));
    const members = await sut.gql<{ groupMembers: { nodes: { id: string }[] } }>(
      `query($id: ID!) { groupMembers(groupId: $id, first: 10) { nodes { id } } }`,
      { id },
    );
    expect(members.data!.groupMembers.nodes.map((n) => n.id)).toEqual([a, b]);

    expectStatus(
      await v2.patchOps(`/Groups/${id}`, [{ op: 'remove', path: `members[value eq "${a}"]` }]),
      204,
    );
    const one = (await v1.get(`/Groups/${id}`)).body;
    expect(one.members).toEqual([expect.objectContaining({ value: b, type: 'User' })]);
    expect(one.meta.version).toBe((await v2.get(`/Groups/${id}`)).body.meta.version);
  });

  it('1.1 writes are audited on the scim:1.1 channel with the scim:1.1 note; 2.0 writes on scim, unmarked', async () => {
    const { id } = (await v1.post('/Users', { schemas: [CORE_V1], userName: 'audited@example.com' })).body;
    expectStatus(await v2.patchOps(`/Users/${id}`, [{ op: 'replace', path: 'title', value: 'x' }]), 200);
    const result = await sut.gql<{
      auditEvents: { nodes: { action: string; channel: string; notes: string[] }[] };
    }>(
      `query($id: String!) { auditEvents(filter: { targetId: $id }, first: 10) { nodes { action channel notes } } }`,
      { id },
    );
    expect([...result.data!.auditEvents.nodes].reverse()).toEqual([
      { action: 'user.create', channel: 'scim:1.1', notes: ['scim:1.1'] },
      { action: 'user.replace', channel: 'scim', notes: [] },
    ]);
  });
});
