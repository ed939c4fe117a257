import type { ScimClient } from '../../fixtures/scim-client';
import {
  ENTERPRISE,
  expectScimError,
  GROUP_SCHEMA,
  LIST_RESPONSE,
  scim,
  SEARCH_REQUEST,
} from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

describe('POST /scim/v2/.search at the service root (RFC 7644 §3.4.3)', () => {
  let sut: TestApp;
  let client: ScimClient;
  const users: string[] = [];
  let group: string;

  beforeAll(async () => {
    sut = await startTestApp();
    client = scim(sut, sut.tenant.scimToken);
    for (const name of ['root-a@example.com', 'root-b@example.com']) {
      users.push((await client.createUser({ userName: name })).id);
    }
    group = (await client.createGroup({ displayName: 'root-team' })).id;
  });
  afterAll(() => sut.close());

  const search = (body: Record<string, unknown>) =>
    client.post('/.search', { schemas: [SEARCH_REQUEST], ...body });
  const ids = (body: { Resources: { id: string }[] }) => body.Resources.map((resource) => resource.id);

  it('lists every resource type when there is no filter, users first, as a ListResponse', async () => {
    const res = await search({});
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(res.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 3, startIndex: 1 });
    expect(ids(res.body)).toEqual([...users, group]);
    expect(res.body.Resources[2].schemas).toEqual([GROUP_SCHEMA]);
  });

  it.each([
    ['meta.resourceType eq "Group"', () => [group]],
    [`schemas eq "${GROUP_SCHEMA}"`, () => [group]],
    [`schemas eq "${ENTERPRISE}"`, () => users],
    ['meta.resourceType eq "User" and userName eq "root-b@example.com"', () => [users[1]]],
    ['userName sw "root-a"', () => [users[0]]],
    ['displayName eq "root-team" or userName eq "root-a@example.com"', () => [users[0], group]],
    ['not (meta.resourceType eq "User")', () => [group]],
  ])('applies %s to each resource type it can', async (filter, expected) => {
    const res = await search({ filter });
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(expected());
    expect(res.body.totalResults).toBe(expected().length);
  });

  it('pages with startIndex and count across resource types', async () => {
    const res = await search({ startIndex: 2, count: 2, attributes: ['id'] });
    expect(res.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 2 });
    expect(ids(res.body)).toEqual([users[1], group]);
    const last = await search({ startIndex: 3, count: 5 });
    expect(ids(last.body)).toEqual([group]);
  });

  it('refuses what cannot be answered across types, and bad filters, with their scimType', async () => {
    expectScimError(await search({ sortBy: 'userName' }), 400, 'invalidValue');
    expectScimError(await search({ cursor: '' }), 400, 'invalidCursor');
    expectScimError(await search({ filter: 'userName eq' }), 400, 'invalidFilter');
  });

  it('answers other methods with 405', async () => {
    const res = await client.get('/.search');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
  });
});
