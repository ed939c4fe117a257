import jwt from 'jsonwebtoken';
import { platformOperatorContext } from '../../../src/domain/auth/platform';
import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

const JWT_SECRET = 'organizations-test-secret-with-32-plus-chars';
const ORG_FIELDS = 'id slug name createdAt';
const CREATE = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { ${ORG_FIELDS} } }`;

type Org = { id: string; slug: string; name: string; createdAt: string };

/** Organizations over GraphQL for the embedding platform, and the X-Organization header. */
describe('organizations and platform:admin', () => {
  let sut: TestApp;
  let platform: string;

  /** GraphQL as the platform token, optionally acting in an organization. */
  const asPlatform = async (
    query: string,
    variables: Record<string, unknown> = {},
    organization?: string,
    token = platform,
  ) => {
    const req = sut.http.post('/graphql').set('Authorization', `Bearer ${token}`);
    if (organization) req.set('X-Organization', organization);
    const res = await req.send({ query, variables });
    return { status: res.status, data: res.body.data, errors: res.body.errors };
  };
  const create = async (slug: string, name = slug) =>
    (await asPlatform(CREATE, { input: { slug, name } })).data!.createOrganization as Org;

  beforeAll(async () => {
    sut = await startTestApp({ JWT_SECRET });
    const issued = await sut.app.services.tokens.create(platformOperatorContext(), {
      name: 'platform',
      scopes: ['platform:admin'],
    });
    platform = issued.secret;
  });
  afterAll(() => sut.close());

  it('creates an organization, finds it by id and by slug, and lists it by slug', async () => {
    const acme = await create('acme', 'Acme Inc.');
    expect(acme).toMatchObject({ slug: 'acme', name: 'Acme Inc.' });
    const byId = await asPlatform(`query($id: ID) { organization(id: $id) { ${ORG_FIELDS} } }`, {
      id: acme.id,
    });
    expect(byId.data).toEqual({ organization: acme });
    const bySlug = await asPlatform(`{ organization(slug: "acme") { id } }`);
    expect(bySlug.data).toEqual({ organization: { id: acme.id } });
    expect((await asPlatform(`{ organization(slug: "no-such") { id } }`)).data).toEqual({
      organization: null,
    });
    const list = await asPlatform(
      `{ organizations(first: 100) { nodes { slug } pageInfo { hasNextPage } } }`,
    );
    const slugs = (list.data!.organizations.nodes as { slug: string }[]).map((o) => o.slug);
    expect(slugs).toEqual([...slugs].sort());
    expect(slugs).toEqual(expect.arrayContaining(['acme', 'default', 'other']));
  });

  it('pages organizations with first/after without repeating or skipping one', async () => {
    await create('page-a');
    await create('page-b');
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: {
        data?: {
          organizations: { nodes: { slug: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
        };
      } = await asPlatform(
        `query($a: String) { organizations(first: 2, after: $a) { nodes { slug } pageInfo { endCursor hasNextPage } } }`,
        { a: after },
      );
      seen.push(...page.data!.organizations.nodes.map((n) => n.slug));
      if (!page.data!.organizations.pageInfo.hasNextPage) break;
      after = page.data!.organizations.pageInfo.endCursor;
    }
    const all = await asPlatform(`{ organizations(first: 1000) { nodes { slug } } }`);
    expect(seen).toEqual((all.data!.organizations.nodes as { slug: string }[]).map((n) => n.slug));
  });

  it('renames an organization, keeping its slug, and records every change in its audit trail', async () => {
    const org = await create('renamed', 'Before');
    const renamed = await asPlatform(
      `mutation($id: ID!) { renameOrganization(id: $id, name: "After") { slug name } }`,
      {
        id: org.id,
      },
    );
    expect(renamed.data).toEqual({ renameOrganization: { slug: 'renamed', name: 'After' } });
    const trail = await asPlatform(
      `{ auditEvents(filter: { targetType: "Organization" }) { nodes { action actor targetId } } }`,
      {},
      'renamed',
    );
    expect(trail.data!.auditEvents.nodes).toEqual([
      { action: 'organization.rename', actor: expect.stringMatching(/^token:/), targetId: org.id },
      { action: 'organization.create', actor: expect.stringMatching(/^token:/), targetId: org.id },
    ]);
  });

  it('refuses to delete an organization that still has users unless forced; then nothing of it remains', async () => {
    const org = await create('doomed');
    const user = await asPlatform(`mutation { createUser(input: { userName: "ann" }) { id } }`, {}, org.id);
    expect(user.errors).toBeUndefined();
    const refused = await asPlatform(`mutation($id: ID!) { deleteOrganization(id: $id) { id } }`, {
      id: org.id,
    });
    expectOneError(refused, 'CONFLICT', 'force');
    expect((await asPlatform(`{ users { totalCount } }`, {}, 'doomed')).data).toEqual({
      users: { totalCount: 1 },
    });
    const forced = await asPlatform(
      `mutation($id: ID!) { deleteOrganization(id: $id, force: true) { slug } }`,
      {
        id: org.id,
      },
    );
    expect(forced.data).toEqual({ deleteOrganization: { slug: 'doomed' } });
    expect((await asPlatform(`{ organization(slug: "doomed") { id } }`)).data).toEqual({
      organization: null,
    });
    expect((await asPlatform(`{ users { totalCount } }`, {}, org.id)).status).toBe(403);
    // The slug is free again, and the new organization starts empty.
    const again = await create('doomed');
    expect((await asPlatform(`{ users { totalCount } }`, {}, again.id)).data).toEqual({
      users: { totalCount: 0 },
    });
  });

  it('deletes an empty organization without force', async () => {
    const org = await create('empty-one');
    const deleted = await asPlatform(`mutation($id: ID!) { deleteOrganization(id: $id) { id } }`, {
      id: org.id,
    });
    expect(deleted.data).toEqual({ deleteOrganization: { id: org.id } });
  });

  it.each([
    ['a bad slug', CREATE, { input: { slug: 'Not A Slug', name: 'x' } }, 'BAD_USER_INPUT', 'slug'],
    ['an empty name', CREATE, { input: { slug: 'fine-slug', name: ' ' } }, 'BAD_USER_INPUT', 'name'],
    ['a taken slug', CREATE, { input: { slug: 'default', name: 'x' } }, 'CONFLICT', 'slug'],
    ['both id and slug', `{ organization(id: "x", slug: "y") { id } }`, {}, 'BAD_USER_INPUT', 'id'],
    ['neither id nor slug', `{ organization { id } }`, {}, 'BAD_USER_INPUT', 'id'],
    [
      'a rename of an unknown id',
      `mutation { renameOrganization(id: "nope", name: "x") { id } }`,
      {},
      'NOT_FOUND',
      'id',
    ],
    [
      'a delete of an unknown id',
      `mutation { deleteOrganization(id: "01890000-0000-7000-8000-000000000000") { id } }`,
      {},
      'NOT_FOUND',
      'id',
    ],
  ])('answers %s with one error and changes nothing', async (_case, query, variables, code, field) => {
    const before = await asPlatform(`{ organizations(first: 1000) { nodes { ${ORG_FIELDS} } } }`);
    expectOneError(await asPlatform(query, variables), code, field);
    expect(await asPlatform(`{ organizations(first: 1000) { nodes { ${ORG_FIELDS} } } }`)).toEqual(before);
  });

  it('refuses the platform fields to organization admins, even with X-Organization', async () => {
    for (const token of [sut.tenant.adminToken, sut.tenant.scimToken]) {
      expectOneError(
        await asPlatform(`{ organizations { nodes { id } } }`, {}, undefined, token),
        'FORBIDDEN',
      );
      expectOneError(
        await asPlatform(CREATE, { input: { slug: 'by-tenant', name: 'x' } }, 'other', token),
        'FORBIDDEN',
      );
    }
    expect((await asPlatform(`{ organization(slug: "by-tenant") { id } }`)).data).toEqual({
      organization: null,
    });
  });

  it('an organization admin’s X-Organization changes nothing: it stays in its own organization', async () => {
    const viewer = await asPlatform(
      `{ viewer { organization { slug } } }`,
      {},
      'other',
      sut.tenant.adminToken,
    );
    expect(viewer.data).toEqual({ viewer: { organization: { slug: 'default' } } });
  });

  it('an organization admin cannot issue a platform:admin token', async () => {
    const result = await sut.gql(
      `mutation { createApiToken(input: { name: "escalate", scopes: ["platform:admin"] }) { secret } }`,
    );
    expectOneError(result, 'BAD_USER_INPUT', 'scopes');
  });

  it('without X-Organization, the platform caller gets FORBIDDEN for anything inside an organization', async () => {
    const result = await asPlatform(`{ users { totalCount } }`);
    expect(expectOneError(result, 'FORBIDDEN').message).toMatch(/X-Organization/);
    const write = await asPlatform(`mutation { createUser(input: { userName: "nowhere" }) { id } }`);
    expectOneError(write, 'FORBIDDEN');
  });

  it('with X-Organization (id or slug), the platform caller is that organization’s admin over GraphQL and SCIM', async () => {
    const org = await create('tenant-x');
    const user = await asPlatform(
      `mutation { createUser(input: { userName: "via-platform" }) { id } }`,
      {},
      'tenant-x',
    );
    expect(user.errors).toBeUndefined();
    const tokens = await asPlatform(`{ apiTokens { id } }`, {}, org.id);
    expect(tokens.errors).toBeUndefined();
    const scim = await sut.http
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${platform}`)
      .set('X-Organization', 'tenant-x')
      .send({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'scim-via-platform' });
    expect(scim.status).toBe(201);
    const users = await asPlatform(`{ users { nodes { userName } } }`, {}, org.id);
    expect(users.data!.users.nodes.map((u: { userName: string }) => u.userName).sort()).toEqual([
      'scim-via-platform',
      'via-platform',
    ]);
    // Nothing reached the organizations the caller did not name.
    const inDefault = await sut.gql(
      `{ users(filter: { condition: { attribute: "userName", op: SW, value: "via-platform" } }) { totalCount } }`,
    );
    expect(inDefault.data).toEqual({ users: { totalCount: 0 } });
  });

  it('an unknown X-Organization is 403 FORBIDDEN on GraphQL and SCIM, and a SCIM call without one is 403', async () => {
    const gql = await asPlatform(`{ users { totalCount } }`, {}, 'no-such-org');
    expect(gql.status).toBe(403);
    expectOneError(gql, 'FORBIDDEN');
    for (const [organization, status] of [
      ['no-such-org', 403],
      [undefined, 403],
    ] as const) {
      const req = sut.http.get('/scim/v2/Users').set('Authorization', `Bearer ${platform}`);
      if (organization) req.set('X-Organization', organization);
      const res = await req;
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({
        status: String(status),
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      });
    }
  });

  it('a JWT carrying platform:admin (and no org claim) manages organizations and acts through X-Organization', async () => {
    const token = jwt.sign({ scope: 'platform:admin' }, JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: 60,
      subject: 'platform-service',
    });
    const created = await asPlatform(CREATE, { input: { slug: 'jwt-made', name: 'J' } }, undefined, token);
    expect(created.data!.createOrganization.slug).toBe('jwt-made');
    const user = await asPlatform(
      `mutation { createUser(input: { userName: "jwt-user" }) { id } }`,
      {},
      'jwt-made',
      token,
    );
    expect(user.errors).toBeUndefined();
    // Without platform:admin, a JWT still needs its organization claim.
    const plain = jwt.sign({ scope: 'identity:admin' }, JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: 60,
      subject: 's',
    });
    expect((await asPlatform(`{ viewer { subject } }`, {}, 'jwt-made', plain)).status).toBe(401);
  });
});
